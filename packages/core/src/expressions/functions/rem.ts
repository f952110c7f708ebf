import { decimalArithmetic } from "../decimal-arithmetic.js";
import type { ExprFunction } from "./function.js";

/**
 * `rem(a, b)`: the remainder of a / b with the sign of the dividend, as SQL's `%` and mod() (`rem(-7, 2)` is
 * -1). Decimals (canonical strings) are exact. A zero divisor is an error, as in SQL. Nil gives nil.
 */
export const rem: ExprFunction = {
  name: "rem",
  arity: [2, 2],
  returns: "arg0",
  evaluate: ([a, b]) => {
    if (typeof a === "number" && typeof b === "number") {
      if (b === 0) throw new Error("division by zero");
      // `|| 0`: JavaScript gives -0 for rem(-4, 2); SQL has no negative zero.
      return a % b || 0;
    }
    // Exactly: a - b * trunc(a / b). The quotient's integer part is exact even though its fraction is cut
    // off at a fixed scale, because truncation never crosses an integer.
    const quotient = decimalArithmetic("/", a, b);
    const whole = quotient.split(".")[0] as string;
    return decimalArithmetic("-", a, decimalArithmetic("*", b, whole === "-0" ? "0" : whole));
  },
};
