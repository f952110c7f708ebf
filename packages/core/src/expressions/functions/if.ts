import type { ExprFunction } from "./function.js";

/** Lazy functions receive thunks; this forces one. */
const force = (arg: unknown): unknown => (arg as () => unknown)();

/**
 * `if(condition, then, else?)`: `then` when the condition is true; `else` (nil when left out) when it is
 * false or nil, as SQL's CASE WHEN. Lazy: only the branch taken is evaluated, so the other may hold
 * `error(...)`. A condition that is neither boolean nor nil is an error rather than "truthy".
 */
export const ifFunction: ExprFunction = {
  name: "if",
  arity: [2, 3],
  returns: "arg1",
  handlesNil: true,
  lazy: true,
  evaluate: ([condition, then, otherwise]) => {
    const c = force(condition);
    if (c !== true && c !== false && c !== null && c !== undefined) {
      throw new Error(`if: the condition must be true, false or nil, not ${JSON.stringify(c)}`);
    }
    if (c === true) return force(then);
    return otherwise === undefined ? null : force(otherwise);
  },
};
