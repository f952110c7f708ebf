import { compileAlike, type SqlFunction } from "./sql-function.js";

/** `coalesce(a, b, ...)`: SQL's COALESCE, the arguments sharing the first typed argument's type. */
export const coalesceSql: SqlFunction = {
  name: "coalesce",
  arity: [1, Number.POSITIVE_INFINITY],
  compile: (args, c) => {
    const { values, type } = compileAlike(args, c);
    return { sql: `COALESCE(${values.map((v) => v.sql).join(", ")})`, type };
  },
};
