import { memory } from "@ashlar/core";
import { dataLayerConformance } from "@ashlar/core/conformance";

dataLayerConformance("memory", () => memory());
