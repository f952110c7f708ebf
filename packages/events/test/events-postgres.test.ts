import { pgClient, pgliteClient } from "@ashlar/postgres";
import { describe } from "vitest";
import { schemaPerScenario } from "../../postgres/test/schema-per-scenario.js";
import { server } from "../../postgres/test/server.js";
import { eventScenarios } from "./scenarios.js";

/** The event log's scenarios on embedded PGlite and on the PostgreSQL server, a fresh schema per scenario. */
const run = `ev${process.pid}_${Date.now().toString(36)}`;

describe("event log on pglite", () =>
  eventScenarios(schemaPerScenario(`${run}_pglite`, () => pgliteClient())));
if (server.available)
  describe("event log on postgres", () =>
    eventScenarios(
      schemaPerScenario(`${run}_postgres`, async () => pgClient({ connectionString: server.url, max: 4 })),
    ));
