import { call, lit, op, ref } from "../expressions/ast.js";
import { ChangeDef } from "./change.js";

export interface IncrementOptions {
  /** How much to add (default 1; negative to decrement). */
  amount?: number;
  /** When the result would pass this value, it wraps back to the start value (0 or the amount). */
  overflowLimit?: number;
}

/**
 * Adds to a numeric attribute. On update it is atomic: the data layer adds to the value the row has when it is
 * written (`SET n = n + $1`), so concurrent increments never lose each other, even from a stale record. The
 * changeset also carries the expected value, so validations see it. With `overflowLimit` the wrap-around is
 * computed from the record the action was given (not atomic).
 *
 * @example viewed: update({ changes: [increment("viewCount")] })
 */
export function increment<const F extends string>(field: F, options: IncrementOptions = {}): ChangeDef<F> {
  const amount = options.amount ?? 1;
  return new ChangeDef<F>({
    name: "increment",
    refs: [field],
    describe: () => `adds ${amount} to ${field}`,
    change: (cs) => {
      const current = cs.getAttribute(field);
      let next = (typeof current === "number" ? current : 0) + amount;
      if (options.overflowLimit !== undefined && next > options.overflowLimit) next = amount;
      cs.changeAttribute(field, next);
      if (cs.actionType === "update" && options.overflowLimit === undefined) {
        const base = call("coalesce", ref(field), lit(0));
        cs.atomicUpdate(field, op("+", base, lit(amount)));
      }
    },
  });
}
