import { ChangeDef } from "./change.js";

export interface IncrementOptions {
  /** How much to add (default 1; negative to decrement). */
  amount?: number;
  /** When the result would pass this value, it wraps back to the start value (0 or the amount). */
  overflowLimit?: number;
}

/**
 * Adds to a numeric attribute, computed from the record the action was given. Two concurrent increments of
 * the same record can therefore both start from the same value; atomic updates (`SET n = n + $1`, a later
 * issue) remove that race.
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
    },
  });
}
