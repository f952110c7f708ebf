import { PostgresDataLayer, type SqlClient } from "@ashlar/postgres";
import { afterAll, beforeAll } from "vitest";

/**
 * One client for a whole test file (PGlite takes seconds and hundreds of MB to start) and a fresh schema name
 * per scenario, every schema with the prefix dropped at the end. Call inside a describe block.
 */
export function sharedClient(prefix: string, connect: () => Promise<SqlClient>) {
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
  return {
    /** The file's client, shared by the scenarios: closing an app does not close it. */
    client: (): SqlClient => {
      if (!client) throw new Error("the database client is not ready");
      const c = client;
      return {
        ...c,
        query: c.query.bind(c),
        transaction: c.transaction.bind(c),
        close: async () => undefined,
      };
    },
    nextSchema: () => `${prefix}_${++schemas}`,
  };
}

/** A fresh-schema Postgres data layer per scenario on one shared client (see `sharedClient`). */
export function schemaPerScenario(
  prefix: string,
  connect: () => Promise<SqlClient>,
): () => Promise<PostgresDataLayer> {
  const shared = sharedClient(prefix, connect);
  return async () => new PostgresDataLayer(shared.client(), { schema: shared.nextSchema() });
}
