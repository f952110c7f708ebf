import { PostgresDataLayer, type SqlClient } from "@ashlar/postgres";
import { afterAll, beforeAll } from "vitest";

/**
 * One client for a whole test file (PGlite takes seconds and hundreds of MB to start) and a fresh schema per
 * scenario, all dropped at the end. Call inside a describe block; answers the scenarios' layer factory.
 */
export function schemaPerScenario(
  prefix: string,
  connect: () => Promise<SqlClient>,
): () => Promise<PostgresDataLayer> {
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
  return async () => {
    if (!client) throw new Error("client not ready");
    const c = client;
    const shared = {
      ...c,
      query: c.query.bind(c),
      transaction: c.transaction.bind(c),
      close: async () => undefined,
    };
    return new PostgresDataLayer(shared, { schema: `${prefix}_${++schemas}` });
  };
}
