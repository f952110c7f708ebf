import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { type RunningHelpdesk, startHelpdesk } from "../../src/server/server.js";

type Row = Record<string, unknown>;
export const MT = "application/vnd.api+json";

/** A response, its JSON parsed. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: Row;
}

/**
 * The helpdesk on 127.0.0.1 (a free port) over a fresh store: a new PGlite directory, or on the server a new
 * database made for the run and dropped after. Answers the running app, a fetch helper and a stop function.
 */
export async function startFresh(store: "pglite" | "postgres", env: Record<string, string> = {}) {
  let cleanup: () => Promise<void>;
  let running: RunningHelpdesk;
  if (store === "pglite") {
    const dir = await mkdtemp(join(tmpdir(), "helpdesk-"));
    running = await startHelpdesk({ env: { DATA_DIR: dir, ...env }, port: 0 });
    cleanup = () => rm(dir, { recursive: true, force: true });
  } else {
    const admin = process.env.DATABASE_URL as string;
    const name = `helpdesk_${process.pid}_${Date.now().toString(36)}`;
    const root = new pg.Client({ connectionString: admin });
    await root.connect();
    await root.query(`CREATE DATABASE "${name}"`);
    await root.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    running = await startHelpdesk({ env: { DATABASE_URL: url.toString(), ...env }, port: 0 });
    cleanup = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  }
  const call = async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string>; json?: boolean } = {},
  ): Promise<Answer> => {
    const response = await fetch(`${running.url}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { "content-type": options.json ? "application/json" : MT }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      json: text ? (JSON.parse(text) as Row) : {},
    };
  };
  const signIn = async (email: string, password = "password123") => {
    const r = await call("POST", "/api/auth/sign-in", { body: { email, password }, json: true });
    if (r.status !== 200)
      throw new Error(`sign-in of ${email} failed: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json?.token as string;
  };
  return {
    running,
    call,
    signIn,
    stop: async () => {
      await running.close();
      await cleanup();
    },
  };
}

export type Helpdesk = Awaited<ReturnType<typeof startFresh>>;
