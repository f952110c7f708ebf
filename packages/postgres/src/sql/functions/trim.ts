import type { Expr } from "@ashlar/core";
import { valueType } from "../column-types.js";
import type { SqlFunction } from "./sql-function.js";

const STRING = valueType("string");

/** What JavaScript's trim() removes: Unicode white space (Zs, tab, vertical tab, form feed, BOM) and line ends. */
const WHITESPACE =
  "\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

/**
 * `trim(text)`: btrim with the characters JavaScript's trim() removes, since PostgreSQL's default trims
 * spaces only. Nil gives nil.
 */
export const trimSql: SqlFunction = {
  name: "trim",
  arity: [1, 1],
  compile: (args, c) => {
    const text = c.compile(args[0] as Expr, STRING);
    return { sql: `btrim(${text.sql}, ${c.compilation.param(WHITESPACE, "text")})`, type: STRING };
  },
};
