import type { Expr } from "@ashlar/core";
import { type Compiled, valueType } from "../column-types.js";
import { isNilLiteral, type SqlFunction, type SqlFunctionContext } from "./sql-function.js";

const JSON_TYPE = valueType("json");

/** A step PostgreSQL would read as an array index although the evaluator does not (`-1`, `+1`, ` 1`). */
const LOOKS_NUMERIC = /^\s*[+-]?\d+\s*$/;
const INDEX = /^\d+$/;

/**
 * `getPath(json, path)`: `json #> path`, with JSON null read as nil (as in memory, where JSON null is nil). A
 * literal path (a list, or a dotted string) is one text[] parameter. Steps like "-1" are guarded: PostgreSQL
 * counts them from the end of a list, the evaluator finds nothing there.
 */
export const getPathSql: SqlFunction = {
  name: "getPath",
  arity: [2, 2],
  compile: (args, c) => {
    const [json, path] = args as [Expr, Expr];
    if (isNilLiteral(path)) return { sql: "NULL::jsonb", type: JSON_TYPE };
    const value = c.compile(json, JSON_TYPE);
    if (path.kind !== "literal")
      return { sql: `nullif(${value.sql} #> ${pathArray(c.compile(path))}, 'null'::jsonb)`, type: JSON_TYPE };
    const steps = typeof path.value === "string" ? path.value.split(".") : path.value;
    if (!Array.isArray(steps)) throw new Error("getPath: the path must be a list or a dotted string");
    const texts = steps.map(String);
    if (!texts.some((s) => LOOKS_NUMERIC.test(s) && !INDEX.test(s)))
      return {
        sql: `nullif(${value.sql} #> ${c.compilation.param(texts, "text[]")}, 'null'::jsonb)`,
        type: JSON_TYPE,
      };
    return { sql: `nullif(${guardedSteps(value.sql, texts, c)}, 'null'::jsonb)`, type: JSON_TYPE };
  },
};

/** A path that is an expression: a dotted string is split; a JSON list gives its items as text. */
function pathArray(path: Compiled): string {
  if (path.type?.name === "string" || path.type?.name === "ciString")
    return `string_to_array(${path.sql}, '.')`;
  return `ARRAY(SELECT jsonb_array_elements_text(${path.sql}))`;
}

/** Step by step, so a step that only PostgreSQL reads as a list index finds nothing in a list. */
function guardedSteps(json: string, steps: readonly string[], c: SqlFunctionContext): string {
  let current = json;
  for (const step of steps) {
    const p = c.compilation.param(step, "text");
    current =
      LOOKS_NUMERIC.test(step) && !INDEX.test(step)
        ? `(CASE WHEN jsonb_typeof(${current}) = 'array' THEN NULL::jsonb ELSE (${current}) -> ${p} END)`
        : `((${current}) #> ARRAY[${p}])`;
  }
  return current;
}
