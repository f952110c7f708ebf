import type { ExprFunction } from "./function.js";

/** `trim(text)`: without whitespace (spaces, tabs, line breaks) at either end. Nil gives nil. */
export const trim: ExprFunction = {
  name: "trim",
  arity: [1, 1],
  returns: "string",
  evaluate: ([x]) => {
    if (typeof x !== "string") throw new Error(`trim expects a string, not ${typeof x}`);
    return x.trim();
  },
};
