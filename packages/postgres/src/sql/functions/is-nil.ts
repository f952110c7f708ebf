import type { Expr } from "@ashlar/core";
import { valueType } from "../column-types.js";
import type { SqlFunction } from "./sql-function.js";

/** `isNil(x)`: `x IS NULL`; never nil itself. */
export const isNilSql: SqlFunction = {
  name: "isNil",
  arity: [1, 1],
  compile: (args, c) => {
    const [x] = args as [Expr];
    return { sql: `(${c.compile(x).sql} IS NULL)`, type: valueType("boolean") };
  },
};
