import type { Expr } from "@ashlar/core";
import { valueType } from "../column-types.js";
import type { SqlFunction } from "./sql-function.js";

const STRING = valueType("string");

/** `lower(text)`. Note: outside ASCII, PostgreSQL follows the database's ctype, JavaScript Unicode. */
export const lowerSql: SqlFunction = {
  name: "lower",
  arity: [1, 1],
  compile: (args, c) => ({ sql: `lower(${c.compile(args[0] as Expr, STRING).sql})`, type: STRING }),
};

/** `upper(text)`. */
export const upperSql: SqlFunction = {
  name: "upper",
  arity: [1, 1],
  compile: (args, c) => ({ sql: `upper(${c.compile(args[0] as Expr, STRING).sql})`, type: STRING }),
};
