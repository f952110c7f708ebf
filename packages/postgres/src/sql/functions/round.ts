import type { Expr } from "@ashlar/core";
import { type Compiled, columnSqlType, valueType } from "../column-types.js";
import { castTo } from "../typed-sql.js";
import type { SqlFunction } from "./sql-function.js";

const NUMERIC = new Set(["integer", "float", "decimal"]);

/**
 * `round(x, places?)`: rounded as numeric, which rounds halves away from zero as the evaluator does (double
 * precision's round() would round halves to even), then back to x's type: whole numbers stay bigint, floats
 * double precision, decimals numeric. Nil in either argument gives nil.
 */
export const roundSql: SqlFunction = {
  name: "round",
  arity: [1, 2],
  compile: (args, c) => {
    const [x, places] = args as [Expr, Expr | undefined];
    const value = c.compile(x);
    const p = places === undefined ? "0" : `(${c.compile(places, valueType("integer")).sql})::integer`;
    const rounded = `round(${castTo(value, "numeric")}, ${p})`;
    // Text (a decimal written as a string literal) rounds as a decimal, as in memory.
    const type = value.type && NUMERIC.has(value.type.name) ? value.type : valueType("decimal");
    return { sql: backTo(rounded, type), type };
  },
};

function backTo(sql: string, type: NonNullable<Compiled["type"]>): string {
  const target = columnSqlType(type);
  return target === "bigint" || target === "double precision" ? `(${sql})::${target}` : sql;
}
