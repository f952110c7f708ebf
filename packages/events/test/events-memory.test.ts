import { memory } from "@ashlar/core";
import { describe } from "vitest";
import { eventScenarios } from "./scenarios.js";

describe("event log on the memory layer", () => eventScenarios(async () => memory()));
