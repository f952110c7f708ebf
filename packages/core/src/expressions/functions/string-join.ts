import type { ExprFunction } from "./function.js";

/**
 * `stringJoin(list, separator?)`: the list's items as text joined by the separator (default none). Nil items
 * are skipped, as PostgreSQL's concat_ws skips NULLs (`stringJoin(["a", nil, "b"], " ")` is "a b"); a nil
 * list or separator gives nil.
 */
export const stringJoin: ExprFunction = {
  name: "stringJoin",
  arity: [1, 2],
  returns: "string",
  evaluate: ([list, separator = ""]) => {
    if (!Array.isArray(list)) throw new Error(`stringJoin expects a list, not ${typeof list}`);
    return list
      .filter((item) => item !== null && item !== undefined)
      .map(String)
      .join(String(separator));
  },
};
