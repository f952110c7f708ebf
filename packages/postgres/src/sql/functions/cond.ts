import { valueType } from "../column-types.js";
import { compileAlike, type SqlFunction } from "./sql-function.js";

/**
 * `cond(c1, v1, c2, v2, ..., default?)`: `CASE WHEN c1 THEN v1 WHEN c2 THEN v2 ELSE default END`. A nil
 * condition counts as not true, as in memory; only the chosen value is evaluated.
 */
export const condSql: SqlFunction = {
  name: "cond",
  arity: [2, Number.POSITIVE_INFINITY],
  compile: (args, c) => {
    const conditions = args.filter((_, i) => i % 2 === 0 && i + 1 < args.length);
    const results = args.filter((_, i) => i % 2 === 1 || i === args.length - 1);
    const { values, type } = compileAlike(results, c);
    const whens = conditions.map(
      (condition, i) => `WHEN ${c.compile(condition, valueType("boolean")).sql} THEN ${values[i]?.sql}`,
    );
    const fallback = args.length % 2 === 1 ? ` ELSE ${values.at(-1)?.sql}` : "";
    return { sql: `(CASE ${whens.join(" ")}${fallback} END)`, type };
  },
};
