import type { Changeset } from "../engine/changeset.js";
import { type AttrType, compareDefault } from "../types/type.js";
import { ValidationDef } from "./validation.js";

/**
 * A bound: a constant, or a function of the changeset (for example another field's value). Spelled with
 * `{} | null | undefined`, not `unknown`, which would absorb the function type and leave `(cs) => ...` untyped.
 */
export type Bound = {} | null | undefined | ((cs: Changeset) => unknown);

export interface CompareOptions {
  greaterThan?: Bound;
  greaterThanOrEqual?: Bound;
  lessThan?: Bound;
  lessThanOrEqual?: Bound;
  equal?: Bound;
  notEqual?: Bound;
}

const RULES = {
  greaterThan: [(d: number) => d > 0, "greater than"],
  greaterThanOrEqual: [(d: number) => d >= 0, "greater than or equal to"],
  lessThan: [(d: number) => d < 0, "less than"],
  lessThanOrEqual: [(d: number) => d <= 0, "less than or equal to"],
  equal: [(d: number) => d === 0, "equal to"],
  notEqual: [(d: number) => d !== 0, "not equal to"],
} as const;

const resolve = (b: Bound, cs: Changeset) =>
  typeof b === "function" ? (b as (cs: Changeset) => unknown)(cs) : b;

/**
 * Compares a value with a bound. The bound is first cast with the field's type, so that a `Date` bound for a
 * date, a number for a decimal or a non-canonical decimal string compare as values of the type; a bound the
 * type cannot cast is compared as it is.
 */
async function compareWith(type: AttrType<unknown> | undefined, value: unknown, bound: unknown) {
  if (!type) return { d: compareDefault(value, bound), against: bound };
  const cast = await type.cast(bound);
  if (!cast.ok || cast.value === null) return { d: compareDefault(value, bound), against: bound };
  return { d: type.compare(value, cast.value), against: cast.value };
}

/**
 * Compares a field with bounds using the field's type (dates, decimals and enums compare correctly). A nil
 * value or bound is not checked: use `present` for that.
 *
 * @example compare("dueOn", { greaterThan: (cs) => cs.get("openedOn") })
 */
export function compare<const F extends string>(field: F, options: CompareOptions): ValidationDef<F> {
  const rules = Object.entries(options) as [keyof CompareOptions, Bound][];
  return new ValidationDef<F>({
    name: "compare",
    refs: [field],
    describe: () =>
      `${field} must be ${rules.map(([r, b]) => `${RULES[r][1]} ${typeof b === "function" ? "a computed value" : JSON.stringify(b)}`).join(" and ")}`,
    validate: async (cs) => {
      const value = cs.get(field);
      if (value === null || value === undefined) return undefined;
      const type = cs.resource.attributes[field]?.config.type ?? cs.action.arguments[field]?.config.type;
      for (const [rule, bound] of rules) {
        const resolved = resolve(bound, cs);
        if (resolved === null || resolved === undefined) continue;
        const { d, against } = await compareWith(type, value, resolved);
        if (!RULES[rule][0](d)) {
          return { field, code: "compare", message: `must be ${RULES[rule][1]} ${String(against)}`, value };
        }
      }
      return undefined;
    },
  });
}
