import { normaliseDecimal } from "../types/decimal.js";

/** Digits kept after the point when a decimal division does not terminate (PostgreSQL keeps at least 16). */
const DIVISION_SCALE = 20;

function parse(value: unknown): { units: bigint; scale: number } {
  const text = normaliseDecimal(String(value));
  if (text === undefined) throw new Error(`${String(value)} is not a decimal`);
  const [int = "0", frac = ""] = text.replace("-", "").split(".");
  const units = BigInt(int + frac) * (text.startsWith("-") ? -1n : 1n);
  return { units, scale: frac.length };
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return normaliseDecimal(`${negative ? "-" : ""}${int}${frac ? `.${frac}` : ""}`) as string;
}

/**
 * Exact decimal arithmetic on canonical decimal strings (numbers are read through their shortest text), with
 * BigInt units: `"0.1" + "0.2"` is `"0.3"`. Division by zero is an error, as in SQL.
 */
export function decimalArithmetic(o: "+" | "-" | "*" | "/", a: unknown, b: unknown): string {
  const x = parse(a);
  const y = parse(b);
  if (o === "*") return format(x.units * y.units, x.scale + y.scale);
  if (o === "/") {
    if (y.units === 0n) throw new Error("division by zero");
    // x/y = (x.units / 10^xs) / (y.units / 10^ys); scale the numerator so the quotient has DIVISION_SCALE digits.
    const shift = DIVISION_SCALE + y.scale - x.scale;
    const numerator = shift >= 0 ? x.units * 10n ** BigInt(shift) : x.units / 10n ** BigInt(-shift);
    return format(numerator / y.units, DIVISION_SCALE);
  }
  const scale = Math.max(x.scale, y.scale);
  const xu = x.units * 10n ** BigInt(scale - x.scale);
  const yu = y.units * 10n ** BigInt(scale - y.scale);
  return format(o === "+" ? xu + yu : xu - yu, scale);
}
