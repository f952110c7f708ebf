import pg from "pg";
import type { Actor } from "../contenders/contender.js";

/**
 * What the scenarios work on, picked from the seeded data once, the same for every contender: the orgs read
 * in turn, sample tickets, customers and an agent, and the parents of the load scenario.
 */
export interface Fixture {
  /** Orgs the list scenarios go round (every org but the one written to). */
  readonly readOrgs: readonly string[];
  /** Tickets fetched by key, in a fixed shuffled order. */
  readonly ticketIds: readonly string[];
  /** Customers of the read orgs (one per org, several per org when there are few orgs). */
  readonly customers: readonly Actor[];
  /** The customer who opens tickets and the agent who closes them, both of the org written to. */
  readonly writer: { readonly customer: Actor; readonly agent: Actor; readonly tickets: readonly string[] };
  /** An agent of the first read org (the HTTP scenario signs in as them). */
  readonly readAgent: Actor;
  /** Tickets with exactly two comments each: the parents of the load scenario. */
  readonly loadParents: readonly string[];
}

const ACTOR = `id, "orgId", role, email, name`;

export async function pickFixture(url: string, loadParents: number): Promise<Fixture> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = async <T>(sql: string, values: unknown[] = []) =>
      (await client.query(sql, values)).rows as T[];
    const orgs = (await rows<{ id: string }>(`SELECT id FROM org ORDER BY name`)).map((o) => o.id);
    const [writeOrg, ...readOrgs] = orgs as [string, ...string[]];
    const reads = readOrgs.length ? readOrgs : [writeOrg];
    const ticketIds = (
      await rows<{ id: string }>(`SELECT id FROM ticket ORDER BY md5(id::text) LIMIT 2000`)
    ).map((t) => t.id);
    const customers = await rows<Actor>(
      `SELECT ${ACTOR} FROM (SELECT u.*, row_number() OVER (PARTITION BY "orgId" ORDER BY email) AS n
         FROM "user" u WHERE role = 'customer' AND "orgId" = ANY($1::uuid[])) c
       WHERE n <= $2 ORDER BY n, "orgId"`,
      [reads, Math.max(1, Math.ceil(100 / reads.length))],
    );
    const [customer] = await rows<Actor>(
      `SELECT ${ACTOR} FROM "user" WHERE role = 'customer' AND "orgId" = $1 ORDER BY email LIMIT 1`,
      [writeOrg],
    );
    const [agent] = await rows<Actor>(
      `SELECT ${ACTOR} FROM "user" WHERE role = 'agent' AND "orgId" = $1 ORDER BY email LIMIT 1`,
      [writeOrg],
    );
    const [readAgent] = await rows<Actor>(
      `SELECT ${ACTOR} FROM "user" WHERE role = 'agent' AND "orgId" = $1 ORDER BY email LIMIT 1`,
      [reads[0]],
    );
    const tickets = (
      await rows<{ id: string }>(
        `SELECT id FROM ticket WHERE "orgId" = $1 ORDER BY md5(id::text) LIMIT 2000`,
        [writeOrg],
      )
    ).map((t) => t.id);
    const parents = (
      await rows<{ id: string }>(
        `SELECT "ticketId" AS id FROM comment GROUP BY "ticketId" HAVING count(*) = 2 ORDER BY md5("ticketId"::text) LIMIT $1`,
        [loadParents],
      )
    ).map((t) => t.id);
    if (!customer || !agent || !readAgent)
      throw new Error("the seeded data has no customer or agent in an org");
    return {
      readOrgs: reads,
      ticketIds,
      customers,
      writer: { customer, agent, tickets },
      readAgent,
      loadParents: parents,
    };
  } finally {
    await client.end();
  }
}
