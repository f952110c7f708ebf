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
import { sharedClient } from "../../../packages/postgres/test/schema-per-scenario.js";
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
  const shared = sharedClient(prefix, connect);
  return {
    layer: () => new PostgresDataLayer(shared.client(), { schema: shared.nextSchema() }),
    migrated: async () => {
      const schema = shared.nextSchema();
      await migrate(shared.client(), schema, [await initialMigration(schema)]);
      return new PostgresDataLayer(shared.client(), { schema, createTables: false });
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
