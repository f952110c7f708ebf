import type { ExprFunction } from "./function.js";

const force = (arg: unknown): unknown => (arg as () => unknown)();

/**
 * `cond(c1, v1, c2, v2, ..., default?)`: the value after the first condition that is true; the default (an
 * odd last argument) when none is, else nil. A nil condition counts as not true, as in SQL's CASE. Lazy:
 * conditions are evaluated in order up to the first true one, and only the chosen value is evaluated.
 */
export const cond: ExprFunction = {
  name: "cond",
  arity: [2, Number.POSITIVE_INFINITY],
  returns: "arg1",
  handlesNil: true,
  lazy: true,
  evaluate: (args) => {
    for (let i = 0; i + 1 < args.length; i += 2) {
      const c = force(args[i]);
      if (c !== true && c !== false && c !== null && c !== undefined) {
        throw new Error(`cond: condition ${i / 2 + 1} must be true, false or nil, not ${JSON.stringify(c)}`);
      }
      if (c === true) return force(args[i + 1]);
    }
    return args.length % 2 === 1 ? force(args.at(-1)) : null;
  },
};
