/**
 * The hand-written side of scenario 10: `GET /api/json/tickets?include=reporter&page[limit]=25` as a plain
 * Hono handler on `pg` with named statements — the bearer token checked (HS256 signature, expiry, its record
 * not revoked) and the user read in one statement, the page and its reporters in two more — answering the
 * same JSON:API document as the helpdesk.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { benchPool } from "../lib/pool.js";

type Row = Record<string, unknown>;

const ISO = (column: string) =>
  `to_char("${column}" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "${column}"`;
const TICKET_COLUMNS = `id, subject, body, status, priority, "internalNotes", ${ISO("insertedAt")}, ${ISO("updatedAt")}, ${ISO("closedAt")}, "reporterId", "assigneeId", "orgId"`;

const STATEMENTS = {
  actor: `SELECT u.id, u.email, u.name, u.role, u."orgId" FROM "authToken" t JOIN "user" u ON u.id = t.subject::uuid
    WHERE t.jti = $1 AND t.subject = $2 AND t."revokedAt" IS NULL`,
  page: `SELECT ${TICKET_COLUMNS} FROM ticket WHERE "orgId" = $1 ORDER BY id LIMIT $2`,
  customerPage: `SELECT ${TICKET_COLUMNS} FROM ticket WHERE "orgId" = $1 AND "reporterId" = $3 ORDER BY id LIMIT $2`,
  reporters: `SELECT id, email, name, role, ${ISO("insertedAt")}, "orgId" FROM "user" WHERE id = ANY($1::uuid[]) AND "orgId" = $2`,
} as const;

const base64url = (text: string) => Buffer.from(text).toString("base64url");

/** The token's claims when its signature and expiry hold. */
function verify(token: string, key: Buffer): { sub: string; jti: string } | undefined {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature) return undefined;
  const expected = createHmac("sha256", key).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
    sub: string;
    jti: string;
    exp: number;
  };
  return claims.exp > Date.now() / 1000 ? claims : undefined;
}

function ticketResource(t: Row, customer: boolean) {
  const { id, ...attributes } = t;
  if (customer) delete attributes.internalNotes;
  const self = `/api/json/tickets/${String(id)}`;
  return {
    type: "ticket",
    id,
    attributes,
    relationships: {
      reporter: { data: { type: "user", id: t.reporterId } },
      assignee: { data: t.assigneeId === null ? null : { type: "user", id: t.assigneeId } },
      org: { data: { type: "org", id: t.orgId } },
      comments: { links: { related: `${self}/comments` } },
      tags: { links: { self: `${self}/relationships/tags` } },
    },
    links: { self },
    meta: { cursor: base64url(JSON.stringify([id])) },
  };
}

const userResource = ({ id, ...attributes }: Row) => ({
  type: "user",
  id,
  attributes,
  relationships: { org: { data: { type: "org", id: attributes.orgId } } },
  links: { self: `/api/json/users/${String(id)}` },
});

/** Starts the hand-written server on 127.0.0.1 (any free port). */
export async function startHonoTickets(connectionString: string, secret: string) {
  const pool = benchPool(connectionString, 10);
  const key = Buffer.from(secret, "utf8");
  const run = async (name: keyof typeof STATEMENTS, values: unknown[]) =>
    (await pool.query<Row>({ name: `hono_${name}`, text: STATEMENTS[name], values })).rows;
  const app = new Hono();
  app.get("/api/json/tickets", async (c) => {
    const token = /^Bearer +(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    const claims = token ? verify(token, key) : undefined;
    const [actor] = claims ? await run("actor", [claims.jti, claims.sub]) : [];
    if (!actor) return c.json({ errors: [{ status: "401", code: "unauthorized" }] }, 401);
    const limit = Math.min(100, Math.max(1, Number(c.req.query("page[limit]") ?? 25)));
    const customer = actor.role === "customer";
    const rows = customer
      ? await run("customerPage", [actor.orgId, limit + 1, actor.id])
      : await run("page", [actor.orgId, limit + 1]);
    const page = rows.slice(0, limit);
    const include = c.req.query("include") === "reporter";
    const included = include
      ? await run("reporters", [[...new Set(page.map((t) => t.reporterId))], actor.orgId])
      : [];
    const self = `/api/json/tickets?include=reporter&page[limit]=${limit}`;
    const document = {
      jsonapi: { version: "1.1" },
      data: page.map((t) => ticketResource(t, customer)),
      ...(include ? { included: included.map(userResource) } : {}),
      links: { self, ...(rows.length > limit ? { next: `${self}&page[offset]=${limit}` } : {}) },
    };
    return c.body(JSON.stringify(document), 200, { "content-type": "application/vnd.api+json" });
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}
