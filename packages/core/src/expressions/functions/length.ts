import type { ExprFunction } from "./function.js";

/**
 * `length(x)`: the number of characters of a string (Unicode code points, as PostgreSQL's char_length, so an
 * emoji counts once) or the number of items of a list. Nil gives nil.
 */
export const length: ExprFunction = {
  name: "length",
  arity: [1, 1],
  returns: "integer",
  evaluate: ([x]) => {
    if (typeof x === "string") return [...x].length;
    if (Array.isArray(x)) return x.length;
    throw new Error(`length expects a string or a list, not ${typeof x}`);
  },
};
