import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runCli } from "ashlar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningHelpdesk, startHelpdesk } from "../../src/server/server.js";

type Row = Record<string, unknown>;
const CONFIG = fileURLToPath(new URL("../../ashlar.config.ts", import.meta.url));

describe("npm run replay: the helpdesk rebuilt from its event log (PGlite)", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "helpdesk-replay-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function withServer<T>(
    fn: (h: RunningHelpdesk, call: (path: string, init?: RequestInit) => Promise<Row>) => Promise<T>,
  ) {
    const h = await startHelpdesk({ env: { DATA_DIR: dir }, port: 0 });
    const call = async (path: string, init: RequestInit = {}) => {
      const r = await fetch(`${h.url}${path}`, init);
      return r.status === 204 ? {} : ((await r.json()) as Row);
    };
    try {
      return await fn(h, call);
    } finally {
      await h.close();
    }
  }
  const bearer = (token: string, body?: unknown): RequestInit => ({
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { "content-type": "application/vnd.api+json" } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const signIn = async (call: (p: string, i?: RequestInit) => Promise<Row>, email: string) =>
    (
      await call("/api/auth/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "password123" }),
      })
    ).token as string;
  const snapshot = async (call: (p: string, i?: RequestInit) => Promise<Row>, token: string) => ({
    tickets: await call(
      "/api/json/tickets?include=comments,tags,reporter&sort=insertedAt&page[limit]=100&fields[ticket]=subject,status,priority,closedAt,updatedAt,insertedAt,commentCount,lastCommentAt,hasAgentReply,comments,tags,reporter",
      bearer(token),
    ),
    users: await call("/api/json/users?sort=email", bearer(token)),
    orgs: await call("/api/json/orgs?fields[org]=name,memberCount,openTicketCount", bearer(token)),
    events: ((await call("/api/json/events?page[count]=true&page[limit]=1", bearer(token))).meta as Row).page,
  });

  it("after a full replay every record, id, timestamp, relationship and aggregate reads back the same; users still sign in", async () => {
    const before = await withServer(async (_h, call) => {
      const agent = await signIn(call, "agent@acme.test");
      const opened = await call("/api/json/tickets", {
        method: "POST",
        ...bearer(agent, { data: { type: "ticket", attributes: { subject: "Replay me", priority: "low" } } }),
      });
      const id = (opened.data as Row).id as string;
      await call(`/api/json/tickets/${id}/escalate`, { method: "PATCH", ...bearer(agent) });
      await call(`/api/json/tickets/${id}/close`, { method: "PATCH", ...bearer(agent) });
      return snapshot(call, await signIn(call, "admin@acme.test"));
    });
    expect((before.tickets.data as Row[]).length).toBeGreaterThan(4);
    expect((before.tickets.included as Row[]).length).toBeGreaterThan(5);
    expect((before.users.data as Row[]).length).toBe(3);
    expect((before.events as Row).total).toBeGreaterThan(20);
    const out: string[] = [];
    const code = await runCli(["replay", "--config", CONFIG], {
      io: { out: (l) => out.push(l), err: () => undefined },
      env: { DATA_DIR: dir },
    });
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^replayed \d+ events/);
    const after = await withServer(async (_h, call) => snapshot(call, await signIn(call, "admin@acme.test")));
    expect(after).toEqual(before);
    const urgent = ((before.tickets.included as Row[]) ?? []).filter(
      (r) => r.type === "comment" && (r.attributes as Row).body === "This ticket was marked urgent.",
    );
    const urgentAfter = ((after.tickets.included as Row[]) ?? []).filter(
      (r) => r.type === "comment" && (r.attributes as Row).body === "This ticket was marked urgent.",
    );
    expect(urgentAfter.length).toBe(urgent.length);
  });
});
