import { canonicalJson, compareJson } from "./canonical-json.js";
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

export { canonicalJson, compareJson };
