import type { Expr } from "@ashlar/core";
import { valueType } from "../column-types.js";
import { castTo } from "../typed-sql.js";
import { DATE_UNITS, intervalOf } from "./interval.js";
import type { SqlFunction } from "./sql-function.js";

const DATE = valueType("date");

/** `dateAdd(date, n, unit)`: `(date + interval)::date`, units year, month, week, day. Nil gives nil. */
export const dateAddSql: SqlFunction = {
  name: "dateAdd",
  arity: [3, 3],
  compile: (args, c) => {
    const [date, amount, unit] = args as [Expr, Expr, Expr];
    const interval = intervalOf("dateAdd", amount, unit, DATE_UNITS, c);
    if (interval === undefined) return { sql: "NULL::date", type: DATE };
    return { sql: `(${castTo(c.compile(date, DATE), "date")} + ${interval})::date`, type: DATE };
  },
};
