import { addToDatetime } from "./datetime-add.js";
import type { ExprFunction } from "./function.js";

/** `ago(n, unit)`: the instant n units before now(), such as `ago(7, "day")`; units as datetimeAdd. Nil gives nil. */
export const ago: ExprFunction = {
  name: "ago",
  arity: [2, 2],
  returns: "datetime",
  evaluate: ([amount, unit], context) =>
    addToDatetime("ago", context.now(), typeof amount === "number" ? -amount : amount, unit),
};

/** `fromNow(n, unit)`: the instant n units after now(); units as datetimeAdd. Nil gives nil. */
export const fromNow: ExprFunction = {
  name: "fromNow",
  arity: [2, 2],
  returns: "datetime",
  evaluate: ([amount, unit], context) => addToDatetime("fromNow", context.now(), amount, unit),
};
