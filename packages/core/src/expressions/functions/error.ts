import { ExpressionError, type ExprFunction } from "./function.js";

/**
 * `error(message, details?)`: raises an ExpressionError, for atomic validations such as
 * `if(quantity > stock, error("not enough stock", { ... }), quantity)`; put it in a branch of `if` or `cond`,
 * which evaluate it only when taken. It handles nil itself, so nil arguments cannot turn the error into a
 * nil result: a nil message becomes "error" and nil details become none. Details that are not a map are
 * kept under `value`. Its declared result type is "any", since it never returns.
 */
export const error: ExprFunction = {
  name: "error",
  arity: [1, 2],
  returns: "any",
  handlesNil: true,
  evaluate: ([message, details]) => {
    const text = message === null || message === undefined ? "error" : String(message);
    throw new ExpressionError(text, detailsOf(details));
  },
};

function detailsOf(details: unknown): Readonly<Record<string, unknown>> {
  if (details === null || details === undefined) return {};
  if (typeof details === "object" && !Array.isArray(details)) return details as Record<string, unknown>;
  return { value: details };
}
