import type { Expr } from "@ashlar/core";
import { valueType } from "../column-types.js";
import { castTo } from "../typed-sql.js";
import { DATETIME_UNITS, intervalOf } from "./interval.js";
import type { SqlFunction } from "./sql-function.js";

const DATETIME = valueType("datetime");

/**
 * `datetimeAdd(datetime, n, unit)`: `datetime + interval`; the session's time zone is UTC, so calendar units
 * move the UTC date as the evaluator does. Nil gives nil.
 */
export const datetimeAddSql: SqlFunction = {
  name: "datetimeAdd",
  arity: [3, 3],
  compile: (args, c) => {
    const [datetime, amount, unit] = args as [Expr, Expr, Expr];
    const interval = intervalOf("datetimeAdd", amount, unit, DATETIME_UNITS, c);
    if (interval === undefined) return { sql: "NULL::timestamptz", type: DATETIME };
    return { sql: `(${castTo(c.compile(datetime, DATETIME), "timestamptz")} + ${interval})`, type: DATETIME };
  },
};
