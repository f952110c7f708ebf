import type { Changeset } from "../engine/changeset.js";
import { ChangeDef } from "./change.js";

/**
 * A value, or a function of the changeset answering one. The default is spelled `{} | null | undefined` rather
 * than `unknown`: `unknown | fn` collapses to `unknown`, which would leave `(cs) => ...` without a parameter type.
 */
export type ValueSource<V = {} | null | undefined> = V | ((changeset: Changeset) => V | Promise<V>);

export async function resolveValue(source: ValueSource, cs: Changeset): Promise<unknown> {
  return typeof source === "function" ? await (source as (cs: Changeset) => unknown)(cs) : source;
}

export const describeValue = (source: ValueSource): string =>
  typeof source === "function" ? "a computed value" : JSON.stringify(source);

/**
 * Sets an attribute to a value, or to what a function of the changeset answers. The value is cast with the
 * attribute's type, so a bad value is an error on the field.
 *
 * @example close: update({ changes: [set("status", "closed"), set("closedAt", () => new Date())] })
 */
export function set<const F extends string>(field: F, value: ValueSource): ChangeDef<F> {
  return new ChangeDef<F>({
    name: "set",
    refs: [field],
    describe: () => `sets ${field} to ${describeValue(value)}`,
    change: async (cs) => {
      cs.changeAttribute(field, await resolveValue(value, cs));
    },
  });
}
