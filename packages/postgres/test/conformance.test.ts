import { dataLayerConformance } from "@ashlar/core/conformance";
import { PostgresDataLayer, pgClient, pgliteClient, type SqlClient } from "@ashlar/postgres";
import { afterAll, beforeAll } from "vitest";
import { server } from "./server.js";

/**
 * The data-layer conformance suite, unchanged, on embedded PGlite and on the PostgreSQL server. One client per
 * driver for the whole file (PGlite takes seconds and hundreds of MB to start); every scenario gets a fresh
 * schema, all dropped at the end.
 */
const DATABASE_URL = server.url;
const run = `c${process.pid}_${Date.now().toString(36)}`;

function suite(name: string, connect: () => Promise<SqlClient>) {
  let client: SqlClient | undefined;
  let schemas = 0;
  const shared = (): SqlClient => {
    if (!client) throw new Error("client not ready");
    const c = client;
    return { ...c, query: c.query.bind(c), transaction: c.transaction.bind(c), close: async () => undefined };
  };
  beforeAll(async () => {
    client = await connect();
  }, 60_000);
  afterAll(async () => {
    if (!client) return;
    const rows = await client.query<{ nspname: string }>(
      "SELECT nspname FROM pg_namespace WHERE nspname LIKE $1",
      [`${run}%`],
    );
    for (const { nspname } of rows) await client.query(`DROP SCHEMA "${nspname}" CASCADE`);
    await client.close();
  });
  dataLayerConformance(
    name,
    () => new PostgresDataLayer(shared(), { schema: `${run}_${name}_${++schemas}` }),
  );
}

suite("pglite", () => pgliteClient());
if (server.available) suite("postgres", async () => pgClient({ connectionString: DATABASE_URL, max: 4 }));
