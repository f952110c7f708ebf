import type { Expr } from "@ashlar/core";
import { isTextType, valueType } from "../column-types.js";
import { castTo } from "../typed-sql.js";
import { compileAlike, type SqlFunction } from "./sql-function.js";

/**
 * `rem(a, b)`: mod(), the remainder with the sign of the dividend; exact on decimals (numeric), on floats
 * through numeric (PostgreSQL has no mod of double precision). A zero divisor raises, as in memory. Nil gives nil.
 */
export const remSql: SqlFunction = {
  name: "rem",
  arity: [2, 2],
  compile: (args, c) => {
    const { values } = compileAlike(args as [Expr, Expr], { ...c, expected: undefined });
    const [a, b] = values as [(typeof values)[0], (typeof values)[0]];
    const names = [a.type?.name, b.type?.name];
    // Decimals, and text (a decimal written as a string literal), are exact, as in memory.
    if (names.includes("decimal") || isTextType(a.type) || isTextType(b.type))
      return { sql: `mod(${castTo(a, "numeric")}, ${castTo(b, "numeric")})`, type: valueType("decimal") };
    if (names.includes("float"))
      return {
        sql: `(mod(${castTo(a, "numeric")}, ${castTo(b, "numeric")}))::double precision`,
        type: valueType("float"),
      };
    return { sql: `mod(${a.sql}, ${b.sql})`, type: valueType("integer") };
  },
};
