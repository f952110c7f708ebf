import { normaliseDecimal } from "../../types/decimal.js";
import type { ExprFunction } from "./function.js";

/**
 * `round(x, places?)`: x rounded to `places` digits after the point (default 0; negative places round to
 * tens, hundreds, ...), halves away from zero as PostgreSQL rounds numeric. Decimals (canonical strings)
 * round exactly and stay decimals. Numbers round as the decimal they print as, so `round(2.675, 2)` is 2.68
 * as written, not 2.67 as the nearest double (2.67499...) would give; PostgreSQL reaches the same answer by
 * casting to numeric. Nil in either argument gives nil.
 */
export const round: ExprFunction = {
  name: "round",
  arity: [1, 2],
  returns: "arg0",
  evaluate: ([x, places = 0]) => {
    if (!Number.isSafeInteger(places))
      throw new Error(`round: places must be an integer, not ${String(places)}`);
    const p = places as number;
    if (typeof x === "number") return Number.isFinite(x) ? Number(roundDecimal(plainDigits(x), p)) : x;
    const decimal = typeof x === "string" ? normaliseDecimal(x) : undefined;
    if (decimal === undefined)
      throw new Error(`round expects a number or a decimal, not ${JSON.stringify(x)}`);
    return roundDecimal(decimal, p);
  },
};

/** Rounds a canonical decimal string half away from zero, on its digits, so nothing is lost to binary. */
function roundDecimal(decimal: string, places: number): string {
  const negative = decimal.startsWith("-");
  const [int = "0", frac = ""] = (negative ? decimal.slice(1) : decimal).split(".");
  if (places >= frac.length) return decimal;
  const digits = int + frac;
  // The digits kept end at `cut`; the one after decides the rounding.
  const cut = int.length + places;
  const kept = cut > 0 ? digits.slice(0, cut) : "";
  const next = cut >= 0 ? (digits[cut] ?? "0") : "0";
  let units = BigInt(kept || "0") + (next >= "5" ? 1n : 0n);
  if (places < 0) units *= 10n ** BigInt(-places);
  const scale = Math.max(places, 0);
  const text = units.toString().padStart(scale + 1, "0");
  const rounded = scale ? `${text.slice(0, -scale)}.${text.slice(-scale)}` : text;
  return normaliseDecimal(`${negative ? "-" : ""}${rounded}`) as string;
}

/** A finite number as plain decimal digits: `String` writes 1e-7 and 1e21 with an exponent. */
function plainDigits(x: number): string {
  const text = String(x);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign = "", lead = "", rest = "", exp = "0"] = m;
  const e = Number(exp);
  const digits = lead + rest;
  if (e < 0) return `${sign}0.${"0".repeat(-e - 1)}${digits}`;
  return `${sign}${digits.padEnd(e + 1, "0")}`;
}
