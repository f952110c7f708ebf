import type { Changeset } from "../engine/changeset.js";
import { compareDefault } from "../types/type.js";
import { ValidationDef } from "./validation.js";

/** A bound: a constant, or a function of the changeset (for example another field's value). */
export type Bound = unknown | ((cs: Changeset) => unknown);

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
    validate: (cs) => {
      const value = cs.get(field);
      if (value === null || value === undefined) return undefined;
      const type = cs.resource.attributes[field]?.config.type ?? cs.action.arguments[field]?.config.type;
      for (const [rule, bound] of rules) {
        const against = resolve(bound, cs);
        if (against === null || against === undefined) continue;
        const d = type ? type.compare(value, against) : compareDefault(value, against);
        if (!RULES[rule][0](d)) {
          return { field, code: "compare", message: `must be ${RULES[rule][1]} ${String(against)}`, value };
        }
      }
      return undefined;
    },
  });
}
