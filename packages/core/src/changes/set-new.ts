import { ChangeDef } from "./change.js";
import { describeValue, resolveValue, type ValueSource } from "./set.js";

/**
 * Sets an attribute only when nothing else sets it: not the caller's input, not an earlier change, and (on
 * update) not the record already. Useful for values the caller may override.
 *
 * @example changes: [setNew("assignedAt", () => new Date())]
 */
export function setNew<const F extends string>(field: F, value: ValueSource): ChangeDef<F> {
  return new ChangeDef<F>({
    name: "setNew",
    refs: [field],
    describe: () => `sets ${field} to ${describeValue(value)} unless it already has a value`,
    change: async (cs) => {
      const current = cs.getAttribute(field);
      if (current !== undefined && current !== null) return;
      cs.changeAttribute(field, await resolveValue(value, cs));
    },
  });
}
