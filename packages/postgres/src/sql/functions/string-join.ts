import type { Expr } from "@ashlar/core";
import { valueType } from "../column-types.js";
import { quoteIdent } from "../params.js";
import { textOf } from "../typed-sql.js";
import type { SqlFunction } from "./sql-function.js";

const STRING = valueType("string");

/**
 * `stringJoin(list, separator?)`: the list's items (a jsonb list) as text joined in order, nil items skipped
 * (string_agg skips NULLs, and JSON null items read as NULL); an empty list gives "". A nil list or separator
 * gives nil.
 */
export const stringJoinSql: SqlFunction = {
  name: "stringJoin",
  arity: [1, 2],
  compile: (args, c) => {
    const [list, separator] = args as [Expr, Expr | undefined];
    const items = c.compile(list, valueType("array"));
    const sep =
      separator === undefined ? c.compilation.param("", "text") : textOf(c.compile(separator, STRING));
    const e = quoteIdent(c.compilation.nextAlias());
    const joined = `COALESCE((SELECT string_agg(${e}.v, ${sep} ORDER BY ${e}.o) FROM jsonb_array_elements_text(${items.sql}) WITH ORDINALITY AS ${e}(v, o)), '')`;
    return {
      sql: `(CASE WHEN ${items.sql} IS NULL OR ${sep} IS NULL THEN NULL ELSE ${joined} END)`,
      type: STRING,
    };
  },
};
