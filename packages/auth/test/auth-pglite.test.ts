import { PostgresDataLayer, pgliteClient, type SqlClient } from "@ashlar/postgres";
import { afterAll, beforeAll, describe } from "vitest";
import { authScenarios } from "./scenarios.js";

/** The scenarios on embedded PGlite: one PGlite for the file, a fresh schema per scenario. */
describe("authentication on PGlite", () => {
  let client: SqlClient | undefined;
  let schemas = 0;
  beforeAll(async () => {
    client = await pgliteClient();
  }, 60_000);
  afterAll(async () => {
    await client?.close();
  });
  authScenarios(async () => {
    const c = client as SqlClient;
    // Scenarios close their apps freely; the file's one client stays open until afterAll.
    const shared = {
      ...c,
      query: c.query.bind(c),
      transaction: c.transaction.bind(c),
      close: async () => undefined,
    };
    return new PostgresDataLayer(shared, { schema: `auth_${++schemas}` });
  });
});
