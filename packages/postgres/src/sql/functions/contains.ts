import type { Expr } from "@ashlar/core";
import { isJsonType, valueType } from "../column-types.js";
import { jsonOf, textOf } from "../typed-sql.js";
import { isNilLiteral, type SqlFunction } from "./sql-function.js";

const BOOLEAN = valueType("boolean");

/**
 * `contains(text, part)`: `strpos(text, part) > 0`, case-sensitive, no pattern characters. `contains(list,
 * item)` on a list (stored as jsonb): `list @> [item]`, the item as JSON as it is held in memory. Nil gives nil.
 */
export const containsSql: SqlFunction = {
  name: "contains",
  arity: [2, 2],
  compile: (args, c) => {
    const [haystack, needle] = args as [Expr, Expr];
    const h = c.compile(haystack);
    if (isNilLiteral(needle)) return { sql: "NULL::boolean", type: BOOLEAN };
    if (isJsonType(h.type)) {
      if (needle.kind === "literal")
        return {
          sql: `(${h.sql} @> ${c.compilation.param(JSON.stringify([needle.value]), "jsonb")})`,
          type: BOOLEAN,
        };
      const n = c.compile(needle);
      // jsonb_build_array(NULL) would find a JSON null; the evaluator answers nil for a nil item.
      return {
        sql: `(CASE WHEN ${n.sql} IS NULL THEN NULL::boolean ELSE ${h.sql} @> jsonb_build_array(${jsonOf(n)}) END)`,
        type: BOOLEAN,
      };
    }
    const n = c.compile(needle, valueType("string"));
    return { sql: `(strpos(${textOf(h)}, ${textOf(n)}) > 0)`, type: BOOLEAN };
  },
};
