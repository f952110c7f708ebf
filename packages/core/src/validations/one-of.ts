import { ValidationDef } from "./validation.js";

/**
 * A field's value must be one of a list (nil is not checked).
 * @example oneOf("currency", ["EUR", "USD"])
 */
export function oneOf<const F extends string>(field: F, values: readonly unknown[]): ValidationDef<F> {
  return new ValidationDef<F>({
    name: "oneOf",
    refs: [field],
    describe: () => `${field} must be one of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
    validate: (cs) => {
      const value = cs.get(field);
      if (value === null || value === undefined || values.includes(value)) return undefined;
      return {
        field,
        code: "inclusion",
        message: `must be one of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
        value,
      };
    },
  });
}
