import { memory } from "@ashlar/core";
import {
  diffSnapshots,
  migrate,
  PostgresDataLayer,
  pgClient,
  pgliteClient,
  type SqlClient,
  snapshotOf,
} from "@ashlar/postgres";
import { afterAll, beforeAll } from "vitest";
import { helpdeskApp } from "./fixture.js";

/** The helpdesk's first migration, generated from its definitions as `ashlar codegen` would. */
async function initialMigration(schema: string) {
  const { app, helpdesk } = await helpdeskApp(memory());
  const tables = helpdesk.domains.flatMap((d) => d.resources).map((r) => app.engine.runtimeOf(r).table);
  await app.close();
  return { name: "0001_helpdesk", ...diffSnapshots(undefined, snapshotOf(tables), { schema }) };
}

/**
 * One database client per test file (PGlite takes seconds to start) and a fresh schema per scenario, all
 * dropped at the end. Call inside a describe block. `layer()` creates the tables as the development path does
 * (no foreign keys); `migrated()` applies the generated migration first — foreign keys included — and creates
 * no table itself, as production runs.
 */
export function schemaPerScenario(prefix: string, connect: () => Promise<SqlClient>) {
  let client: SqlClient | undefined;
  let schemas = 0;
  beforeAll(async () => {
    client = await connect();
  }, 60_000);
  afterAll(async () => {
    if (!client) return;
    const rows = await client.query<{ nspname: string }>(
      "SELECT nspname FROM pg_namespace WHERE nspname LIKE $1",
      [`${prefix}%`],
    );
    for (const { nspname } of rows) await client.query(`DROP SCHEMA "${nspname}" CASCADE`);
    await client.close();
  });
  const shared = (): SqlClient => {
    if (!client) throw new Error("the database client is not ready");
    const c = client;
    // Scenarios share the client: closing an app must not close it.
    return { ...c, query: c.query.bind(c), transaction: c.transaction.bind(c), close: async () => undefined };
  };
  return {
    layer: () => new PostgresDataLayer(shared(), { schema: `${prefix}_${++schemas}` }),
    migrated: async () => {
      const schema = `${prefix}_${++schemas}`;
      await migrate(shared(), schema, [await initialMigration(schema)]);
      return new PostgresDataLayer(shared(), { schema, createTables: false });
    },
  };
}

const run = `helpdesk${process.pid}_${Date.now().toString(36)}`;
const url = process.env.DATABASE_URL;

/** PGlite always; the PostgreSQL server at DATABASE_URL when it is set (as `.ci/run` does). */
export const postgresLayers: readonly (readonly [string, string, () => Promise<SqlClient>])[] = [
  ["pglite", `${run}_lite`, () => pgliteClient()],
  ...(url
    ? [["postgres", `${run}_pg`, async () => pgClient({ connectionString: url, max: 4 })] as const]
    : []),
];
