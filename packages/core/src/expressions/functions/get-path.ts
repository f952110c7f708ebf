import type { ExprFunction } from "./function.js";

/**
 * `getPath(json, path)`: the value inside a JSON value at `path`, a list of keys and list indexes
 * (`["address", "lines", 0]`) or a dotted string (`"address.lines.0"`, where a segment of digits indexes a
 * list). A missing key, an index out of range, or a step into something that is not an object or list gives
 * nil, as PostgreSQL's #> does; so do a nil value and a nil path. Only own keys count, so "constructor" or
 * "__proto__" never reach JavaScript internals.
 */
export const getPath: ExprFunction = {
  name: "getPath",
  arity: [2, 2],
  returns: "json",
  evaluate: ([json, path]) => {
    const steps = typeof path === "string" ? path.split(".") : path;
    if (!Array.isArray(steps))
      throw new Error(`getPath: the path must be a list or a dotted string, not ${typeof path}`);
    let current: unknown = json;
    for (const step of steps) {
      current = child(current, step);
      if (current === undefined) return null;
    }
    return current;
  },
};

function child(value: unknown, step: unknown): unknown {
  if (Array.isArray(value)) {
    const index = typeof step === "string" && /^\d+$/.test(step) ? Number(step) : step;
    return Number.isSafeInteger(index) ? value[index as number] : undefined;
  }
  if (value === null || typeof value !== "object" || (typeof step !== "string" && typeof step !== "number"))
    return undefined;
  const key = String(step);
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}
