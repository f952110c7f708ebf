import type { Expr } from "@ashlar/core";
import { isJsonType, valueType } from "../column-types.js";
import { textOf } from "../typed-sql.js";
import type { SqlFunction } from "./sql-function.js";

/** `length(x)`: char_length of a string (code points, as in memory), jsonb_array_length of a list. Nil gives nil. */
export const lengthSql: SqlFunction = {
  name: "length",
  arity: [1, 1],
  compile: (args, c) => {
    const [x] = args as [Expr];
    const v = c.compile(x);
    const sql = isJsonType(v.type) ? `jsonb_array_length(${v.sql})` : `char_length(${textOf(v)})`;
    return { sql, type: valueType("integer") };
  },
};
