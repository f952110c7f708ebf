import { type AttrType, type CastResult, fail, ok } from "./type.js";

/**
 * An exact decimal, kept as its canonical decimal string ("12.5", "-0.001") so no value ever passes through
 * binary floating point. Numbers are accepted as input only when their shortest representation is exact.
 */
export interface DecimalConstraints {
  min?: string | number;
  max?: string | number;
  /** Digits after the decimal point; more is an error, never a silent rounding. */
  scale?: number;
  /** Total digits, integer part plus `scale` fractional digits, as PostgreSQL's numeric(precision, scale). */
  precision?: number;
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Normalises a decimal string: no exponent, no leading zeros, no trailing fractional zeros, no "-0". */
export function normaliseDecimal(input: string): string | undefined {
  const m = DECIMAL.exec(input.trim());
  if (!m) return undefined;
  const int = (m[2] ?? "0").replace(/^0+(?=\d)/, "");
  const frac = (m[3] ?? "").replace(/0+$/, "");
  const negative = m[1] === "-" && (int !== "0" || frac !== "");
  return `${negative ? "-" : ""}${int}${frac ? `.${frac}` : ""}`;
}

/** Compares two canonical decimal strings exactly. */
export function compareDecimal(a: string, b: string): number {
  const na = a.startsWith("-");
  const nb = b.startsWith("-");
  if (na !== nb) return na ? -1 : 1;
  const sign = na ? -1 : 1;
  const [ai = "", af = ""] = (na ? a.slice(1) : a).split(".");
  const [bi = "", bf = ""] = (nb ? b.slice(1) : b).split(".");
  if (ai.length !== bi.length) return sign * (ai.length < bi.length ? -1 : 1);
  if (ai !== bi) return sign * (ai < bi ? -1 : 1);
  const width = Math.max(af.length, bf.length);
  const pa = af.padEnd(width, "0");
  const pb = bf.padEnd(width, "0");
  return pa === pb ? 0 : sign * (pa < pb ? -1 : 1);
}

export function decimalType(c: DecimalConstraints = {}): AttrType<string> {
  const bound = (name: string, v: string | number | undefined) => {
    if (v === undefined) return undefined;
    const d = normaliseDecimal(String(v));
    if (d === undefined)
      throw new TypeError(`t.decimal: ${name} must be a decimal such as "10.5", not ${String(v)}`);
    return d;
  };
  const min = bound("min", c.min);
  const max = bound("max", c.max);
  const cast = (value: unknown): CastResult<string> => {
    let text: string | undefined;
    if (typeof value === "string") text = value;
    else if (typeof value === "bigint") text = value.toString();
    else if (typeof value === "number" && Number.isFinite(value) && !/e/i.test(String(value)))
      text = String(value);
    const d = text === undefined ? undefined : normaliseDecimal(text);
    if (d === undefined) return fail("invalid_type", 'must be a decimal number such as "12.50"');
    const [int = "", frac = ""] = d.replace("-", "").split(".");
    if (c.scale !== undefined && frac.length > c.scale) {
      return fail("invalid_scale", `must have at most ${c.scale} digits after the decimal point`);
    }
    if (c.precision !== undefined && (int === "0" ? 0 : int.length) + frac.length > c.precision) {
      return fail("invalid_precision", `must have at most ${c.precision} significant digits`);
    }
    if (min !== undefined && compareDecimal(d, min) < 0) return fail("too_small", `must be at least ${min}`);
    if (max !== undefined && compareDecimal(d, max) > 0) return fail("too_large", `must be at most ${max}`);
    return ok(d);
  };
  return { name: "decimal", constraints: c, cast, compare: compareDecimal };
}
