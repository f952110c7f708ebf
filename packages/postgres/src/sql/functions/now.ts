import { valueType } from "../column-types.js";
import type { SqlCompilation } from "../scope.js";
import type { SqlFunction } from "./sql-function.js";

/** The statement's instant: the compilation's fixed `now`, or the database's now() (the transaction's start). */
export const nowSqlOf = (c: SqlCompilation): string =>
  c.options.now === undefined ? "now()" : c.param(c.options.now, "timestamptz");

/** `now()`: the current instant, one per statement. Never nil. */
export const nowSql: SqlFunction = {
  name: "now",
  arity: [0, 0],
  compile: (_args, c) => ({ sql: nowSqlOf(c.compilation), type: valueType("datetime") }),
};

/** `today()`: the current date in UTC. Never nil. */
export const todaySql: SqlFunction = {
  name: "today",
  arity: [0, 0],
  compile: (_args, c) => ({
    sql: `((${nowSqlOf(c.compilation)}) AT TIME ZONE 'UTC')::date`,
    type: valueType("date"),
  }),
};
