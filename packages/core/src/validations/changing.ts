import { ValidationDef } from "./validation.js";

/**
 * The action must change the attribute (to a value different from the current one). Often used in `where`
 * to make a change or validation conditional.
 *
 * @example changes: [set("closedAt", () => new Date()).where(changing("status"))]
 */
export function changing<const F extends string>(field: F): ValidationDef<F> {
  return new ValidationDef<F>({
    name: "changing",
    refs: [field],
    describe: () => `${field} must be changing`,
    validate: (cs) =>
      cs.isChanging(field) ? undefined : { field, code: "not_changing", message: "must be changing" },
  });
}

/**
 * An attribute (as the action will leave it) must equal a value. Mostly a `where` condition.
 * @example set("closedAt", now).where(attributeEquals("status", "closed"))
 */
export function attributeEquals<const F extends string>(field: F, value: unknown): ValidationDef<F> {
  return new ValidationDef<F>({
    name: "attributeEquals",
    refs: [field],
    describe: () => `${field} must equal ${JSON.stringify(value)}`,
    validate: (cs) =>
      cs.getAttribute(field) === value
        ? undefined
        : { field, code: "not_equal", message: `must equal ${JSON.stringify(value)}` },
  });
}
