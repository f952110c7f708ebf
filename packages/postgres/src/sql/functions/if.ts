import type { Expr } from "@ashlar/core";
import { valueType } from "../column-types.js";
import { compileAlike, type SqlFunction } from "./sql-function.js";

/**
 * `if(condition, then, else?)`: `CASE WHEN condition THEN then ELSE else END`; a nil condition takes the else
 * branch, as in memory. CASE evaluates the branch taken only, so `error(...)` (volatile) may sit in the other.
 * One difference remains: PostgreSQL folds a branch made only of constants while planning, so
 * `if(x > 100, 1 / 0, x)` raises "division by zero" for every row, where memory raises only when x > 100.
 */
export const ifSql: SqlFunction = {
  name: "if",
  arity: [2, 3],
  compile: (args, c) => {
    const [condition, ...branches] = args as [Expr, Expr, ...Expr[]];
    const cond = c.compile(condition, valueType("boolean"));
    const { values, type } = compileAlike(branches, c);
    const [then, otherwise] = values as [(typeof values)[0], (typeof values)[0] | undefined];
    const elseSql = otherwise ? ` ELSE ${otherwise.sql}` : "";
    return { sql: `(CASE WHEN ${cond.sql} THEN ${then.sql}${elseSql} END)`, type };
  },
};
