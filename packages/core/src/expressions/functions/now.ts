import type { ExprFunction } from "./function.js";

/** `now()`: the current instant as a canonical datetime, the same throughout one evaluation. Never nil. */
export const now: ExprFunction = {
  name: "now",
  arity: [0, 0],
  returns: "datetime",
  evaluate: (_args, context) => context.now(),
};

/** `today()`: the current date in UTC (the date part of `now()`). Never nil. */
export const today: ExprFunction = {
  name: "today",
  arity: [0, 0],
  returns: "date",
  evaluate: (_args, context) => context.now().slice(0, 10),
};
