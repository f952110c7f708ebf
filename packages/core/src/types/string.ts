import { type AttrType, type CastResult, checkRange, compareDefault, fail, ok } from "./type.js";

export interface StringConstraints {
  /** Minimum length in characters (after trimming, when `trim` is on). */
  min?: number;
  /** Maximum length in characters. */
  max?: number;
  /** A pattern the value must match (anywhere, unless the pattern is anchored with ^ and $). */
  pattern?: RegExp;
  /** Trim surrounding whitespace before checking (default true, as in Ash). */
  trim?: boolean;
  /** Keep an empty string as a value instead of treating it as nil (default false, as in Ash). */
  allowEmpty?: boolean;
}

export function castString(value: unknown, c: StringConstraints): CastResult<string | null> {
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean")
    value = String(value);
  if (typeof value !== "string") return fail("invalid_type", "must be a string");
  const s = c.trim === false ? value : value.trim();
  if (s === "" && c.allowEmpty !== true) return ok(null);
  const tooShortOrLong = checkRange([...s].length, c, "length ", "characters");
  if (tooShortOrLong) return tooShortOrLong;
  if (c.pattern && !new RegExp(c.pattern.source, c.pattern.flags.replace("g", "")).test(s)) {
    return fail("invalid_format", `must match ${c.pattern}`);
  }
  return ok(s);
}

export function stringType(c: StringConstraints = {}): AttrType<string> {
  return { name: "string", constraints: c, cast: (v) => castString(v, c), compare: compareDefault };
}

/** A case-insensitive string: stored as given, compared (and kept unique) without regard to case. */
export function ciStringType(c: StringConstraints = {}): AttrType<string> {
  return {
    name: "ciString",
    constraints: c,
    cast: (v) => castString(v, c),
    compare: (a, b) => compareDefault(a.toLowerCase(), b.toLowerCase()),
  };
}
