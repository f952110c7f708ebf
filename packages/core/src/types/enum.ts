import { type AttrType, type CastResult, fail, ok } from "./type.js";

/** One of a fixed list of strings; values compare in the order they are declared, as in Ash. */
export function enumType<const V extends readonly [string, ...string[]]>(values: V): AttrType<V[number]> {
  const order = new Map<string, number>(values.map((v, i) => [v, i]));
  const cast = (value: unknown): CastResult<V[number]> => {
    if (typeof value === "string" && order.has(value)) return ok(value);
    return fail("invalid_value", `must be one of ${values.map((v) => `"${v}"`).join(", ")}`);
  };
  return {
    name: "enum",
    constraints: { values },
    cast,
    compare: (a, b) => (order.get(a) ?? -1) - (order.get(b) ?? -1),
  };
}
