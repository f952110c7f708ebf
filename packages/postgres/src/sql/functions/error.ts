import type { Expr } from "@ashlar/core";
import { columnSqlType, valueType } from "../column-types.js";
import { jsonOf, textOf } from "../typed-sql.js";
import type { SqlFunction } from "./sql-function.js";

/**
 * `error(message, details?)`: a call of `ashlar_error` (see `ashlarErrorFunctionSql`), which raises. It
 * returns text in name only; it is cast to the type its surroundings expect (the other branch of an if), so
 * `if(qty > stock, error("not enough"), qty)` type-checks.
 */
export const errorSql: SqlFunction = {
  name: "error",
  arity: [1, 2],
  compile: (args, c) => {
    const [message, details] = args as [Expr, Expr | undefined];
    const text = textOf(c.compile(message, valueType("string")));
    const json =
      details === undefined
        ? "NULL::jsonb"
        : details.kind === "literal"
          ? details.value === null || details.value === undefined
            ? "NULL::jsonb"
            : c.compilation.param(JSON.stringify(details.value), "jsonb")
          : jsonOf(c.compile(details));
    const call = `${c.compilation.functionName("ashlar_error")}(${text}, ${json})`;
    const type = c.expected;
    return { sql: type ? `(${call})::${columnSqlType(type)}` : call, type };
  },
};
