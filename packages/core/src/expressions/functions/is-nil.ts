import type { ExprFunction } from "./function.js";

/** `isNil(x)`: true when x is nil; never nil itself. */
export const isNil: ExprFunction = {
  name: "isNil",
  arity: [1, 1],
  returns: "boolean",
  handlesNil: true,
  evaluate: ([x]) => x === null || x === undefined,
};
