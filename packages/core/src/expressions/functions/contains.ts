import type { ExprFunction } from "./function.js";

/** `contains(text, part)` for strings (case-sensitive), `contains(list, item)` for arrays. */
export const contains: ExprFunction = {
  name: "contains",
  arity: [2, 2],
  returns: "boolean",
  evaluate: ([haystack, needle]) =>
    Array.isArray(haystack) ? haystack.includes(needle) : String(haystack).includes(String(needle)),
};
