import { ValidationDef } from "./validation.js";

/**
 * A string field must match a pattern (nil is not checked).
 * @example match("slug", /^[a-z0-9-]+$/)
 */
export function match<const F extends string>(field: F, pattern: RegExp, message?: string): ValidationDef<F> {
  const re = new RegExp(pattern.source, pattern.flags.replace("g", ""));
  return new ValidationDef<F>({
    name: "match",
    refs: [field],
    describe: () => `${field} must match ${pattern}`,
    validate: (cs) => {
      const value = cs.get(field);
      if (value === null || value === undefined) return undefined;
      return re.test(String(value))
        ? undefined
        : { field, code: "invalid_format", message: message ?? `must match ${pattern}` };
    },
  });
}
