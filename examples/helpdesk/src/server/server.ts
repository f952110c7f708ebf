import type { AddressInfo } from "node:net";
import { createApp } from "@ashlar/core";
import { jsonApi } from "@ashlar/json-api";
import { PostgresDataLayer } from "@ashlar/postgres";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { createHelpdesk } from "../helpdesk.js";
import { helpdeskAuth, Sessions } from "./auth.js";
import { authRoutes } from "./auth-routes.js";
import { eventKeyOf, type HelpdeskEnv } from "./env.js";
import { helpdeskRoutes } from "./routes.js";
import { openStorage } from "./storage.js";

type Logger = (line: string) => void;

/**
 * Starts the helpdesk: opens and migrates the database, seeds the demo data into an empty one (unless
 * SEED=false), and serves the JSON:API, the auth routes and /healthz on `hostname:port` (port 0: any free one).
 */
export async function startHelpdesk(options: {
  env: HelpdeskEnv;
  hostname?: string;
  port?: number;
  log?: Logger;
}) {
  const { env } = options;
  const log = options.log ?? (() => undefined);
  const storage = await openStorage(env);
  const helpdesk = createHelpdesk({ encryptionKey: eventKeyOf(env) });
  const app = await createApp({
    domains: [...helpdesk.domains, Sessions],
    dataLayer: new PostgresDataLayer(storage.client, { createTables: false }),
    recorders: [helpdesk.log],
  });
  const { Org } = helpdesk.resources;
  if (
    env.SEED !== "false" &&
    (await app.engine.read(Org, "read", { limit: 1, authorize: false })).length === 0
  ) {
    await helpdesk.seed(app);
    log(
      "seeded the demo org Acme: admin@acme.test, agent@acme.test, customer@acme.test (password password123)",
    );
  }
  const auth = helpdeskAuth(env.AUTH_SECRET);
  const unauthorized = () =>
    Response.json(
      {
        jsonapi: { version: "1.1" },
        errors: [
          {
            status: "401",
            code: "unauthorized",
            title: "Unauthorized",
            detail: "send Authorization: Bearer <token> (sign in at POST /api/auth/sign-in)",
          },
        ],
      },
      { status: 401, headers: { "content-type": "application/vnd.api+json" } },
    );
  const api = jsonApi(app, {
    resources: helpdeskRoutes(helpdesk),
    actor: async (c) => {
      const found = await auth.actorFrom(app, c.req.header("authorization"));
      return found.ok ? found.actor : unauthorized();
    },
    context: (c) => ({
      eventMetadata: {
        source: "json_api",
        ...(c.req.header("x-request-id") ? { requestId: c.req.header("x-request-id") } : {}),
      },
    }),
    openApi: { title: "ashlar helpdesk", version: "1.0.0" },
    onError: (error, id) =>
      log(`error ${id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  const root = new Hono();
  root.get("/healthz", async (c) => {
    try {
      await app.engine.read(Org, "read", { limit: 1, authorize: false });
      return c.json({ status: "ok" });
    } catch {
      return c.json({ status: "unavailable" }, 503);
    }
  });
  root.route("/", authRoutes(app, auth));
  root.route("/", api);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve(
      { fetch: root.fetch, hostname: options.hostname ?? "127.0.0.1", port: options.port ?? 4000 },
      () => resolve(s),
    );
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    app,
    helpdesk,
    where: storage.where,
    applied: storage.applied,
    /** Stops accepting, lets in-flight requests finish, then closes the database. */
    close: () => {
      closing ??= (async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await app.close();
      })();
      return closing;
    },
  };
}

export type RunningHelpdesk = Awaited<ReturnType<typeof startHelpdesk>>;
