import { castDate } from "../../types/temporal.js";
import { addToDate, amountOf, DATE_UNITS, unitOf } from "./calendar.js";
import type { ExprFunction } from "./function.js";

/**
 * `dateAdd(date, n, unit)`: the date n years, months, weeks or days later (earlier for negative n); units
 * may be singular or plural ("day", "days"). Months clamp the day as PostgreSQL does: 2026-01-31 plus one
 * month is 2026-02-28. Nil in any argument gives nil.
 */
export const dateAdd: ExprFunction = {
  name: "dateAdd",
  arity: [3, 3],
  returns: "date",
  evaluate: ([date, amount, unit]) => {
    const cast = castDate(date);
    if (!cast.ok) throw new Error(`dateAdd: ${JSON.stringify(date)} is not a date`);
    return addToDate(cast.value, amountOf("dateAdd", amount), unitOf("dateAdd", unit, DATE_UNITS));
  },
};
