import { type AttrType, type CastResult, checkRange, fail, ok } from "./type.js";

export interface ArrayConstraints {
  /** Minimum number of items. */
  min?: number;
  /** Maximum number of items. */
  max?: number;
  /** Allow null items (default false). */
  nilItems?: boolean;
}

/** A list of values of one type; each item is cast by the item type and errors name the index. */
export function arrayType<T>(item: AttrType<T>, c: ArrayConstraints = {}): AttrType<T[]> {
  const cast = (value: unknown): CastResult<T[]> | Promise<CastResult<T[]>> => {
    if (!Array.isArray(value)) return fail("invalid_type", "must be a list");
    const counted = checkRange(value.length, c, "length ", "items");
    if (counted) return counted;
    const results = value.map((v) => (v === null || v === undefined ? ok(null) : item.cast(v)));
    const finish = (settled: CastResult<T | null>[]): CastResult<T[]> => {
      const out: T[] = [];
      for (const [i, r] of settled.entries()) {
        if (!r.ok) return fail(r.code, `item ${i} ${r.message}`);
        if (r.value === null && c.nilItems !== true) return fail("required", `item ${i} must not be nil`);
        out.push(r.value as T);
      }
      return ok(out);
    };
    return results.some((r) => r instanceof Promise)
      ? Promise.all(results).then(finish)
      : finish(results as CastResult<T | null>[]);
  };
  const compare = (a: T[], b: T[]): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const d = item.compare(a[i] as T, b[i] as T);
      if (d !== 0) return d;
    }
    return a.length - b.length;
  };
  return { name: "array", constraints: { ...c, item }, cast, compare };
}
