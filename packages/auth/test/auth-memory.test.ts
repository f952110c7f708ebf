import { memory } from "@ashlar/core";
import { describe } from "vitest";
import { authScenarios } from "./scenarios.js";

describe("authentication on the memory layer", () => authScenarios(async () => memory()));
