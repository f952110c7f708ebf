/**
 * The data-layer conformance suite: one list of behaviour scenarios, written once, that every data layer must
 * pass unchanged (memory here; PGlite and PostgreSQL in @ashlar/postgres). Import it from a test file:
 *
 * @example
 * import { dataLayerConformance } from "@ashlar/core/conformance";
 * dataLayerConformance("memory", () => memory());
 */
import { describe } from "vitest";
import { bulkScenarios } from "./bulk.js";
import { bulkInsertScenarios } from "./bulk-insert.js";
import type { LayerFactory } from "./helpdesk.js";
import { loadScenarios } from "./loads.js";
import { manageRelationshipScenarios } from "./manage-relationship.js";
import { multitenancyScenarios } from "./multitenancy.js";
import { paginationScenarios } from "./pagination.js";
import { policyScenarios } from "./policies.js";
import { writeStatementScenarios } from "./write-statements.js";
import { writeScenarios } from "./writes.js";

export { Helpdesk, type LayerFactory, seededApp } from "./helpdesk.js";

export function dataLayerConformance(name: string, makeLayer: LayerFactory): void {
  describe(`data-layer conformance: ${name}`, () => {
    loadScenarios(makeLayer);
    paginationScenarios(makeLayer);
    writeScenarios(makeLayer);
    multitenancyScenarios(makeLayer);
    bulkScenarios(makeLayer);
    bulkInsertScenarios(makeLayer);
    writeStatementScenarios(makeLayer);
    manageRelationshipScenarios(makeLayer);
    policyScenarios(makeLayer);
  });
}
