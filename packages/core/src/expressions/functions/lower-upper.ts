import type { ExprFunction } from "./function.js";

function text(name: string, x: unknown): string {
  if (typeof x !== "string") throw new Error(`${name} expects a string, not ${typeof x}`);
  return x;
}

/** `lower(text)`: lower case, locale-independent (as PostgreSQL's lower in a UTF-8 database). Nil gives nil. */
export const lower: ExprFunction = {
  name: "lower",
  arity: [1, 1],
  returns: "string",
  evaluate: ([x]) => text("lower", x).toLowerCase(),
};

/** `upper(text)`: upper case, locale-independent. Nil gives nil. */
export const upper: ExprFunction = {
  name: "upper",
  arity: [1, 1],
  returns: "string",
  evaluate: ([x]) => text("upper", x).toUpperCase(),
};
