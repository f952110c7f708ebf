import { type AttrType, type CastResult, checkRange, compareDefault, fail, ok } from "./type.js";

export interface NumberConstraints {
  min?: number;
  max?: number;
}

/** Decimal notation only: `Number()` would also read "0x1A", "0b101" and "Infinity". */
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

function toNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value === "string" && NUMERIC.test(value.trim())) return Number(value);
  return undefined;
}

/** A whole number within the safe integer range; numeric strings are cast. */
export function integerType(c: NumberConstraints = {}): AttrType<number> {
  const cast = (value: unknown): CastResult<number> => {
    const n = typeof value === "bigint" ? Number(value) : toNumber(value);
    if (n === undefined || !Number.isInteger(n)) return fail("invalid_type", "must be an integer");
    if (!Number.isSafeInteger(n)) return fail("out_of_range", "must be a safe integer");
    return checkRange(n, c) ?? ok(n);
  };
  return { name: "integer", constraints: c, cast, compare: compareDefault };
}

/** A double-precision float; NaN and infinities are rejected. */
export function floatType(c: NumberConstraints = {}): AttrType<number> {
  const cast = (value: unknown): CastResult<number> => {
    const n = toNumber(value);
    if (n === undefined || !Number.isFinite(n)) return fail("invalid_type", "must be a finite number");
    return checkRange(n, c) ?? ok(n);
  };
  return { name: "float", constraints: c, cast, compare: compareDefault };
}

export function booleanType(): AttrType<boolean> {
  const cast = (value: unknown): CastResult<boolean> => {
    if (typeof value === "boolean") return ok(value);
    if (value === "true") return ok(true);
    if (value === "false") return ok(false);
    return fail("invalid_type", "must be a boolean");
  };
  return { name: "boolean", constraints: {}, cast, compare: compareDefault };
}
