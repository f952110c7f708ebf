import { ChangeDef } from "./change.js";

export interface IncrementOptions {
  /** How much to add (default 1; negative to decrement). */
  amount?: number;
  /** When the result would pass this value, it wraps back to the start value (0 or the amount). */
  overflowLimit?: number;
}

/**
 * Adds to a numeric attribute. On the memory layer it reads the current value inside the action's transaction,
 * where the row is locked for the write; the Postgres layer will run it as `SET n = n + $1`.
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
