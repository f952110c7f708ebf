import { dataLayerConformance } from "@ashlar/core/conformance";
import { pgClient, pgliteClient } from "@ashlar/postgres";
import { schemaPerScenario } from "./schema-per-scenario.js";
import { server } from "./server.js";

/**
 * The data-layer conformance suite, unchanged, on embedded PGlite and on the PostgreSQL server: one client per
 * driver for the whole file, a fresh schema per scenario.
 */
const run = `c${process.pid}_${Date.now().toString(36)}`;

dataLayerConformance(
  "pglite",
  schemaPerScenario(`${run}_pglite`, () => pgliteClient()),
);
if (server.available)
  dataLayerConformance(
    "postgres",
    schemaPerScenario(`${run}_postgres`, async () => pgClient({ connectionString: server.url, max: 4 })),
  );
