import { memory } from "@ashlar/core";
import { policyScenarios } from "../src/conformance/policies.js";

policyScenarios(() => memory());
