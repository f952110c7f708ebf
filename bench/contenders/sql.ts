import { uuidv7 } from "@ashlar/core";
import type pg from "pg";
import { benchPool } from "../lib/pool.js";
import { type Actor, type Contender, PRIORITY_ORDER, type Row, type TicketInput } from "./contender.js";

const COLUMNS = `id, subject, body, status, priority, "internalNotes", "insertedAt", "updatedAt", "closedAt", "reporterId", "assigneeId", "orgId"`;
const CUSTOMER_COLUMNS = COLUMNS.replace(` "internalNotes",`, "");
const ORDER = `array_position('{${PRIORITY_ORDER.join(",")}}'::text[], priority) DESC, "insertedAt", id`;
const OPEN_OF_ORG = `"orgId" = $1 AND status = 'open'`;

const STATEMENTS = {
  byId: `SELECT ${COLUMNS} FROM ticket WHERE id = $1`,
  open: `SELECT ${COLUMNS} FROM ticket WHERE ${OPEN_OF_ORG} ORDER BY ${ORDER} LIMIT 50`,
  usersByKey: `SELECT id, email, name, role, "hashedPassword", "insertedAt", "orgId" FROM "user" WHERE id = ANY($1::uuid[])`,
  commentsOf: `SELECT id, body, "insertedAt", "ticketId", "authorId" FROM comment WHERE "ticketId" = ANY($1::uuid[])`,
  // A correlated count, as ashlar and Drizzle write it: with a LATERAL join instead, PostgreSQL 15 chose a
  // parallel sequential scan of all tickets on the full data (12 ms a call instead of 1.4 ms).
  aggregate: `SELECT ${COLUMNS.replace(/(^|, )/g, "$1t.")}, (SELECT count(*)::int FROM comment c WHERE c."ticketId" = t.id) AS "commentCount"
    FROM ticket t
    WHERE t."orgId" = $1 AND t.status = 'open' AND (SELECT count(*) FROM comment c WHERE c."ticketId" = t.id) >= 2
    ORDER BY array_position('{${PRIORITY_ORDER.join(",")}}'::text[], t.priority) DESC, t."insertedAt", t.id LIMIT 50`,
  policy: `SELECT ${CUSTOMER_COLUMNS} FROM ticket WHERE "orgId" = $1 AND "reporterId" = $2 AND status = 'open' ORDER BY ${ORDER} LIMIT 50`,
  insert: `INSERT INTO ticket (id, subject, body, priority, status, "reporterId", "orgId", "insertedAt", "updatedAt")
    VALUES ($1, $2, $3, $4, 'open', $5, $6, $7, $7) RETURNING ${COLUMNS}`,
  event: `INSERT INTO event ("recordId", version, resource, action, "actionType", data, "changedAttributes", metadata, "actorId", "occurredAt")
    VALUES ($1, 1, 'ticket', 'open', 'create', $2, $3, $4, $5, $6)`,
  close: `UPDATE ticket SET status = 'closed', "closedAt" = $3, "updatedAt" = $3 WHERE id = $1 AND "orgId" = $2 RETURNING ${COLUMNS}`,
  ticketsByKey: `SELECT ${COLUMNS} FROM ticket WHERE id = ANY($1::uuid[])`,
} as const;

/** Attaches each child to its parent's `into` list. */
function attach(parents: Row[], children: Row[], foreignKey: string, into: string): Row[] {
  const byKey = new Map<unknown, Row[]>();
  for (const parent of parents) {
    const list: Row[] = [];
    parent[into] = list;
    byKey.set(parent.id, list);
  }
  for (const child of children) byKey.get(child[foreignKey])?.push(child);
  return parents;
}

/** The input checks the helpdesk's `open` action makes, as a hand-written handler would make them. */
function checkTicket(input: TicketInput): void {
  if (input.subject.length < 1 || input.subject.length > 200) throw new Error("subject: 1 to 200 characters");
  if (input.body.length > 20_000) throw new Error("body: at most 20,000 characters");
  if (!PRIORITY_ORDER.includes(input.priority)) throw new Error("priority: not a priority");
}

/**
 * Hand-written SQL on `pg` with named (prepared) statements: the physical limit on the same driver. Related
 * records are read with `= ANY($1)` (one statement per relationship, as ashlar does); authorization is the
 * WHERE clause plus a role check in code.
 */
export function sqlContender(connectionString: string): Contender {
  const pool = benchPool(connectionString);
  const run = async (name: keyof typeof STATEMENTS, values: unknown[], on: pg.Pool | pg.PoolClient = pool) =>
    (await on.query<Row>({ name: `bench_${name}`, text: STATEMENTS[name], values })).rows;
  const listOpen = (orgId: string) => run("open", [orgId]);
  return {
    id: "sql-pg",
    unsupported: {},
    caveats: {},
    getById: async (id) => (await run("byId", [id]))[0],
    listOpen,
    listLoaded: async (orgId) => {
      const tickets = await listOpen(orgId);
      const [reporters, comments] = [
        await run("usersByKey", [[...new Set(tickets.map((t) => t.reporterId))]]),
        await run("commentsOf", [tickets.map((t) => t.id)]),
      ];
      const byId = new Map(reporters.map((u) => [u.id, u]));
      for (const t of tickets) t.reporter = byId.get(t.reporterId);
      return attach(tickets, comments, "ticketId", "comments");
    },
    listAggregate: (orgId) => run("aggregate", [orgId]),
    listPolicy: (customer) => run("policy", [customer.orgId, customer.id]),
    openTicket: async (customer: Actor, input, withEvent) => {
      checkTicket(input);
      const id = uuidv7();
      const now = new Date();
      const values = [id, input.subject, input.body, input.priority, customer.id, customer.orgId, now];
      if (!withEvent) return (await run("insert", values))[0] as Row;
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const [ticket] = await run("insert", values, client);
        const changed = {
          id,
          status: "open",
          reporterId: customer.id,
          orgId: customer.orgId,
          insertedAt: now,
        };
        await run(
          "event",
          [
            id,
            JSON.stringify(input),
            JSON.stringify(changed),
            JSON.stringify({ orgId: customer.orgId }),
            customer.id,
            now,
          ],
          client,
        );
        await client.query("COMMIT");
        return ticket as Row;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      } finally {
        client.release();
      }
    },
    closeTicket: async (agent, ticketId) => {
      if (agent.role !== "agent" && agent.role !== "admin") throw new Error("forbidden");
      const [ticket] = await run("close", [ticketId, agent.orgId, new Date()]);
      if (!ticket) throw new Error(`ticket ${ticketId} not found`);
      return ticket;
    },
    loadParents: async (ids) => {
      const tickets = await run("ticketsByKey", [ids]);
      return attach(tickets, await run("commentsOf", [ids]), "ticketId", "comments");
    },
    close: () => pool.end(),
  };
}
