import type { ExprFunction } from "./function.js";

/** `coalesce(a, b, ...)`: the first argument that is not nil, or nil (SQL's COALESCE). */
export const coalesce: ExprFunction = {
  name: "coalesce",
  arity: [1, Number.POSITIVE_INFINITY],
  returns: "arg0",
  handlesNil: true,
  evaluate: (args) => args.find((a) => a !== null && a !== undefined) ?? null,
};
