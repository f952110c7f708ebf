import { compareDecimal, normaliseDecimal } from "../types/decimal.js";
import { ValidationDef } from "./validation.js";

export interface NumericalityOptions {
  greaterThan?: number | string;
  greaterThanOrEqual?: number | string;
  lessThan?: number | string;
  lessThanOrEqual?: number | string;
}

const CHECKS = {
  greaterThan: [(d: number) => d > 0, "greater than"],
  greaterThanOrEqual: [(d: number) => d >= 0, "greater than or equal to"],
  lessThan: [(d: number) => d < 0, "less than"],
  lessThanOrEqual: [(d: number) => d <= 0, "less than or equal to"],
} as const;

/**
 * A number (integer, float or decimal string) within bounds, compared exactly (nil is not checked).
 * @example numericality("quantity", { greaterThan: 0, lessThanOrEqual: 100 })
 */
export function numericality<const F extends string>(
  field: F,
  options: NumericalityOptions,
): ValidationDef<F> {
  const rules = Object.entries(options) as [keyof NumericalityOptions, number | string][];
  return new ValidationDef<F>({
    name: "numericality",
    refs: [field],
    describe: () =>
      `${field} must be a number ${rules.map(([r, b]) => `${CHECKS[r][1]} ${b}`).join(" and ")}`,
    validate: (cs) => {
      const value = cs.get(field);
      if (value === null || value === undefined) return undefined;
      const n =
        typeof value === "number" && Number.isFinite(value)
          ? normaliseDecimal(String(value))
          : typeof value === "string"
            ? normaliseDecimal(value)
            : undefined;
      if (n === undefined || /e/i.test(String(value)))
        return { field, code: "not_a_number", message: "must be a number" };
      for (const [rule, bound] of rules) {
        const b = normaliseDecimal(String(bound));
        if (b !== undefined && !CHECKS[rule][0](compareDecimal(n, b))) {
          return { field, code: "numericality", message: `must be ${CHECKS[rule][1]} ${bound}`, value };
        }
      }
      return undefined;
    },
  });
}
