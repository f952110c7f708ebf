import { ValidationDef } from "./validation.js";

export interface LengthOptions {
  min?: number;
  max?: number;
  exact?: number;
}

/**
 * A string field's length in characters (nil is not checked).
 * @example stringLength("pin", { exact: 4 })
 */
export function stringLength<const F extends string>(field: F, options: LengthOptions): ValidationDef<F> {
  const min = options.exact ?? options.min;
  const max = options.exact ?? options.max;
  const rule =
    options.exact !== undefined
      ? `exactly ${min}`
      : [min !== undefined && `at least ${min}`, max !== undefined && `at most ${max}`]
          .filter(Boolean)
          .join(" and ");
  return new ValidationDef<F>({
    name: "stringLength",
    refs: [field],
    describe: () => `${field} must be ${rule} characters long`,
    validate: (cs) => {
      const value = cs.get(field);
      if (value === null || value === undefined) return undefined;
      const length = [...String(value)].length;
      if ((min !== undefined && length < min) || (max !== undefined && length > max)) {
        return { field, code: "length", message: `must be ${rule} characters long` };
      }
      return undefined;
    },
  });
}
