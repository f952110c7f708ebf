import type { Expr } from "@ashlar/core";
import { valueType } from "../column-types.js";
import type { SqlFunctionContext } from "./sql-function.js";

/** The unit names of date and datetime arithmetic: the evaluator's own list (core), so both accept the same. */
export { DATE_UNITS, DATETIME_UNITS } from "@ashlar/core";

/**
 * `amount` units as an interval: `(amount)::bigint * interval '1 day'`. The unit must be a literal (the
 * unit names are a closed list, checked here as core's calendar.ts checks them, plurals included); PostgreSQL's
 * month and year arithmetic clamps the day of the month as the evaluator does. The amount is cast to bigint, so
 * a fraction sent as a parameter is an error, as in memory. Undefined when the unit is nil (the result is nil).
 */
export function intervalOf(
  fn: string,
  amount: Expr,
  unit: Expr,
  allowed: readonly string[],
  c: SqlFunctionContext,
): string | undefined {
  if (unit.kind !== "literal")
    throw new Error(`${fn}: the unit must be a value such as "day", not an expression`);
  if (unit.value === null || unit.value === undefined) return undefined;
  const raw = unit.value;
  const name = typeof raw === "string" && raw.endsWith("s") ? raw.slice(0, -1) : raw;
  if (typeof name !== "string" || !allowed.includes(name))
    throw new Error(`${fn}: unknown unit ${JSON.stringify(raw)}; units are ${allowed.join(", ")}`);
  const n = c.compile(amount, valueType("integer"));
  // The unit is one of the names above, never input: it is part of the SQL, not a parameter.
  return `((${n.sql})::bigint)::double precision * interval '1 ${name}'`;
}
