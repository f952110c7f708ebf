import { type AttrType, type CastResult, fail, ok } from "./type.js";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function isJson(value: unknown, depth = 0): value is Json {
  if (depth > 64) return false;
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value as object).every((v) => isJson(v, depth + 1));
  }
  return false;
}

/** Any JSON value. Values that cannot round-trip through JSON (functions, Dates, NaN, cycles) are rejected. */
export function jsonType<T extends Json = Json>(): AttrType<T> {
  const cast = (value: unknown): CastResult<T> =>
    isJson(value) ? ok(structuredClone(value) as T) : fail("invalid_type", "must be a JSON value");
  return { name: "json", constraints: {}, cast, compare: (a, b) => compareJson(a, b) };
}

/** A JSON object (a map with string keys). */
export function mapType<T extends { [key: string]: Json } = { [key: string]: Json }>(): AttrType<T> {
  const cast = (value: unknown): CastResult<T> =>
    typeof value === "object" && value !== null && !Array.isArray(value) && isJson(value)
      ? ok(structuredClone(value) as T)
      : fail("invalid_type", "must be an object");
  return { name: "map", constraints: {}, cast, compare: (a, b) => compareJson(a, b) };
}

/** JSON text with object keys sorted, so that equal values have equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** A total order over JSON values: by their canonical text (key order never matters). */
export function compareJson(a: unknown, b: unknown): number {
  const x = canonicalJson(a);
  const y = canonicalJson(b);
  return x === y ? 0 : x < y ? -1 : 1;
}
