import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { benchPool } from "../lib/pool.js";
import { type Contender, newTicket, PRIORITY_ORDER, type Row } from "./contender.js";
import * as schema from "./drizzle-schema.js";

const { ticket, event } = schema;
const ORDER = `{${PRIORITY_ORDER.join(",")}}`;

/**
 * Drizzle ORM 0.45 on `pg`, with relational queries (`db.query`, which loads relations in one statement
 * with JSON aggregation) prepared once as named statements, as a performance-minded Drizzle user writes
 * them. Writes use the query builder.
 */
export function drizzleContender(connectionString: string): Contender {
  const pool = benchPool(connectionString);
  const db = drizzle({ client: pool, schema });
  const orgId = sql.placeholder("orgId");
  const openOfOrg = eq(ticket.orgId, orgId);
  const isOpen = eq(ticket.status, "open");
  const byPriority = {
    orderBy: [
      desc(sql`array_position(${ORDER}::text[], ${ticket.priority})`),
      asc(ticket.insertedAt),
      asc(ticket.id),
    ],
    limit: 50,
  };
  const byId = db.query.ticket
    .findFirst({ where: eq(ticket.id, sql.placeholder("id")) })
    .prepare("drizzle_by_id");
  const open = db.query.ticket
    .findMany({ where: and(openOfOrg, isOpen), ...byPriority })
    .prepare("drizzle_open");
  const loaded = db.query.ticket
    .findMany({ where: and(openOfOrg, isOpen), with: { reporter: true, comments: true }, ...byPriority })
    .prepare("drizzle_loaded");
  // RQB v1 renders a column in `extras` unqualified ("id"), which inside the subquery would mean the comment's
  // id: the root table's alias, "ticket", is named outright.
  const commentCount = sql<number>`(SELECT count(*)::int FROM "comment" c WHERE c."ticketId" = "ticket"."id")`;
  const aggregate = db.query.ticket
    .findMany({
      where: and(openOfOrg, isOpen, sql`${commentCount} >= 2`),
      extras: { commentCount: commentCount.as("commentCount") },
      ...byPriority,
    })
    .prepare("drizzle_aggregate");
  const policy = db.query.ticket
    .findMany({
      where: and(openOfOrg, eq(ticket.reporterId, sql.placeholder("reporterId")), isOpen),
      columns: { internalNotes: false },
      ...byPriority,
    })
    .prepare("drizzle_policy");
  return {
    id: "drizzle",
    unsupported: {},
    caveats: {},
    getById: (id) => byId.execute({ id }) as Promise<Row | undefined>,
    listOpen: (org) => open.execute({ orgId: org }),
    listLoaded: (org) => loaded.execute({ orgId: org }),
    listAggregate: (org) => aggregate.execute({ orgId: org }),
    listPolicy: (customer) => policy.execute({ orgId: customer.orgId, reporterId: customer.id }),
    openTicket: async (customer, input, withEvent) => {
      const values = newTicket(customer, input);
      if (!withEvent) return (await db.insert(ticket).values(values).returning())[0] as Row;
      return db.transaction(async (tx) => {
        const [row] = await tx.insert(ticket).values(values).returning();
        await tx.insert(event).values({
          recordId: values.id,
          version: 1,
          resource: "ticket",
          action: "open",
          actionType: "create",
          data: input,
          changedAttributes: {
            id: values.id,
            status: "open",
            reporterId: customer.id,
            orgId: customer.orgId,
          },
          metadata: { orgId: customer.orgId },
          actorId: customer.id,
          occurredAt: values.insertedAt,
        });
        return row as Row;
      });
    },
    closeTicket: async (agent, ticketId) => {
      if (agent.role !== "agent" && agent.role !== "admin") throw new Error("forbidden");
      const now = new Date();
      const [row] = await db
        .update(ticket)
        .set({ status: "closed", closedAt: now, updatedAt: now })
        .where(and(eq(ticket.id, ticketId), eq(ticket.orgId, agent.orgId)))
        .returning();
      if (!row) throw new Error(`ticket ${ticketId} not found`);
      return row;
    },
    loadParents: (ids) =>
      db.query.ticket.findMany({ where: inArray(ticket.id, [...ids]), with: { comments: true } }),
    close: () => pool.end(),
  };
}
