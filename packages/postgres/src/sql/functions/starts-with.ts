import type { Expr } from "@ashlar/core";
import { valueType } from "../column-types.js";
import { textOf } from "../typed-sql.js";
import type { SqlFunction, SqlFunctionContext } from "./sql-function.js";

const BOOLEAN = valueType("boolean");
const STRING = valueType("string");

function texts(args: readonly Expr[], c: SqlFunctionContext): [string, string] {
  const [text, part] = args as [Expr, Expr];
  return [textOf(c.compile(text, STRING)), textOf(c.compile(part, STRING))];
}

/**
 * `startsWith(text, prefix)`: `starts_with(text, prefix)`, case-sensitive. No LIKE, so `%` and `_` in a value
 * are only characters. Nil gives nil.
 */
export const startsWithSql: SqlFunction = {
  name: "startsWith",
  arity: [2, 2],
  compile: (args, c) => {
    const [text, prefix] = texts(args, c);
    return { sql: `starts_with(${text}, ${prefix})`, type: BOOLEAN };
  },
};

/** `endsWith(text, suffix)`: the last characters compared as they are (no LIKE); case-sensitive. Nil gives nil. */
export const endsWithSql: SqlFunction = {
  name: "endsWith",
  arity: [2, 2],
  compile: (args, c) => {
    const [text, suffix] = texts(args, c);
    return { sql: `(right(${text}, char_length(${suffix})) = ${suffix})`, type: BOOLEAN };
  },
};
