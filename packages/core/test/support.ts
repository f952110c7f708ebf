/** Test helpers shared with the conformance suite. */
export { invalidFrom } from "../src/conformance/support.js";
