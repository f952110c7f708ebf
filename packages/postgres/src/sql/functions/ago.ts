import type { Expr } from "@ashlar/core";
import { valueType } from "../column-types.js";
import { DATETIME_UNITS, intervalOf } from "./interval.js";
import { nowSqlOf } from "./now.js";
import type { SqlFunction, SqlFunctionContext } from "./sql-function.js";

const DATETIME = valueType("datetime");

function shifted(fn: string, sign: "-" | "+", args: readonly Expr[], c: SqlFunctionContext) {
  const [amount, unit] = args as [Expr, Expr];
  const interval = intervalOf(fn, amount, unit, DATETIME_UNITS, c);
  if (interval === undefined) return { sql: "NULL::timestamptz", type: DATETIME };
  return { sql: `(${nowSqlOf(c.compilation)} ${sign} ${interval})`, type: DATETIME };
}

/** `ago(n, unit)`: now minus n units, in UTC. Nil gives nil. */
export const agoSql: SqlFunction = {
  name: "ago",
  arity: [2, 2],
  compile: (args, c) => shifted("ago", "-", args, c),
};

/** `fromNow(n, unit)`: now plus n units, in UTC. Nil gives nil. */
export const fromNowSql: SqlFunction = {
  name: "fromNow",
  arity: [2, 2],
  compile: (args, c) => shifted("fromNow", "+", args, c),
};
