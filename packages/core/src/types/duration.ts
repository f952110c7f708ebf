import { type AttrType, type CastResult, fail, ok } from "./type.js";

/**
 * A length of time with PostgreSQL interval semantics: months, days and microseconds are kept apart (a month
 * is not a fixed number of days), and the canonical value is an ISO-8601 duration string such as "P1M2DT3H".
 */
export interface DurationParts {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
  microseconds?: number;
}

interface Interval {
  months: number;
  days: number;
  micros: number;
}

/** An overall sign, then per-component signs, as `formatDuration` writes mixed-sign intervals ("P1MT-5S"). */
const ISO =
  /^(-)?P(?:(-?\d+)Y)?(?:(-?\d+)M)?(?:(-?\d+)W)?(?:(-?\d+)D)?(?:T(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?\d+(?:\.\d{1,6})?)S)?)?$/;

const PARTS = new Set([
  "years",
  "months",
  "weeks",
  "days",
  "hours",
  "minutes",
  "seconds",
  "milliseconds",
  "microseconds",
]);
/** Months and days are whole in an interval; a fraction of one has no exact meaning. */
const WHOLE = new Set(["years", "months", "weeks", "days"]);

function fromParts(p: DurationParts): Interval {
  const n = (v: number | undefined) => v ?? 0;
  return {
    months: n(p.years) * 12 + n(p.months),
    days: n(p.weeks) * 7 + n(p.days),
    micros: Math.round(
      ((n(p.hours) * 60 + n(p.minutes)) * 60 + n(p.seconds)) * 1e6 +
        n(p.milliseconds) * 1e3 +
        n(p.microseconds),
    ),
  };
}

function parseIso(s: string): Interval | undefined {
  const m = ISO.exec(s.trim());
  if (!m || m.slice(2).every((g) => g === undefined) || s.trim().endsWith("T")) return undefined;
  const sign = m[1] ? -1 : 1;
  const num = (i: number) => Number(m[i] ?? 0);
  const i = fromParts({
    years: num(2),
    months: num(3),
    weeks: num(4),
    days: num(5),
    hours: num(6),
    minutes: num(7),
    seconds: num(8),
  });
  return { months: sign * i.months, days: sign * i.days, micros: sign * i.micros };
}

/** Formats an interval canonically; mixed signs are written per component ("P1MT-5S"). */
export function formatDuration({ months, days, micros }: Interval): string {
  if (months === 0 && days === 0 && micros === 0) return "PT0S";
  const y = Math.trunc(months / 12);
  const mo = months % 12;
  let out = "P";
  if (y) out += `${y}Y`;
  if (mo) out += `${mo}M`;
  if (days) out += `${days}D`;
  if (micros) {
    const h = Math.trunc(micros / 3.6e9);
    const mi = Math.trunc((micros % 3.6e9) / 6e7);
    const us = micros % 6e7;
    out += "T";
    if (h) out += `${h}H`;
    if (mi) out += `${mi}M`;
    if (us) out += `${(us / 1e6).toFixed(6).replace(/\.?0+$/, "")}S`;
  }
  return out;
}

export function parseDuration(s: string): Interval | undefined {
  return parseIso(s);
}

function castDuration(value: unknown): CastResult<string> {
  let interval: Interval | undefined;
  if (typeof value === "string") interval = parseIso(value);
  else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const parts = value as Record<string, unknown>;
    const valid = Object.entries(parts).every(
      ([k, v]) =>
        PARTS.has(k) &&
        typeof v === "number" &&
        (WHOLE.has(k) ? Number.isSafeInteger(v) : Number.isFinite(v)),
    );
    if (valid) interval = fromParts(parts as DurationParts);
  }
  if (!interval || !Number.isSafeInteger(interval.micros)) {
    return fail(
      "invalid_type",
      'must be an ISO-8601 duration such as "PT1H30M" or an object like { hours: 1 }',
    );
  }
  return ok(formatDuration(interval));
}

/** Orders durations as PostgreSQL does: a month counts as 30 days, a day as 24 hours. */
function compareDuration(a: string, b: string): number {
  const span = (s: string) => {
    const i = parseIso(s) ?? { months: 0, days: 0, micros: 0 };
    return (i.months * 30 + i.days) * 864e8 + i.micros;
  };
  return Math.sign(span(a) - span(b));
}

export const durationType = (): AttrType<string> => ({
  name: "duration",
  constraints: {},
  cast: castDuration,
  compare: compareDuration,
});
