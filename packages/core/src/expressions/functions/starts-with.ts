import type { ExprFunction } from "./function.js";

/** `startsWith(text, prefix)`: case-sensitive. */
export const startsWith: ExprFunction = {
  name: "startsWith",
  arity: [2, 2],
  returns: "boolean",
  evaluate: ([text, prefix]) => String(text).startsWith(String(prefix)),
};

/** `endsWith(text, suffix)`: case-sensitive. */
export const endsWith: ExprFunction = {
  name: "endsWith",
  arity: [2, 2],
  returns: "boolean",
  evaluate: ([text, suffix]) => String(text).endsWith(String(suffix)),
};
