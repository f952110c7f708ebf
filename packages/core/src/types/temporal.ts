import { type AttrType, type CastResult, compareDefault, fail, ok } from "./type.js";

/**
 * Dates and times are kept as canonical ISO-8601 strings, not `Date` objects: a `Date` cannot hold
 * microseconds (PostgreSQL's precision), and canonical strings compare with `===`, sort correctly and
 * serialise to JSON unchanged.
 *
 * - date:     "2026-11-22"
 * - datetime: "2026-11-22T02:31:34.123456Z" (always UTC, always six fractional digits, so text order = time order)
 * - time:     "14:05:00" or "14:05:00.250000"
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)$/i;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Epoch milliseconds of a UTC wall-clock time; unlike `Date.UTC`, years 0-99 are not taken as 1900-1999. */
function utcMs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

function validDate(y: number, m: number, d: number): boolean {
  const probe = new Date(utcMs(y, m, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/** Canonical values have four-digit years, so text order stays time order. */
const inYearRange = (epochMs: number) => {
  const y = new Date(epochMs).getUTCFullYear();
  return y >= 0 && y <= 9999;
};

export function castDate(value: unknown): CastResult<string> {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()) || !inYearRange(value.getTime()))
      return fail("invalid_type", "must be a valid date");
    return ok(value.toISOString().slice(0, 10));
  }
  const m = typeof value === "string" ? DATE.exec(value.trim()) : null;
  if (!m || !validDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    return fail("invalid_type", 'must be a date such as "2026-11-22"');
  }
  return ok(m[0]);
}

/** Formats epoch milliseconds plus extra microseconds (0-999) as a canonical UTC datetime. */
export function formatDatetime(epochMs: number, extraMicros = 0): string {
  const iso = new Date(epochMs).toISOString(); // 2026-11-22T02:31:34.123Z
  return `${iso.slice(0, 23)}${pad(extraMicros, 3)}Z`;
}

/** The last string cast, and its result: a write casts its one timestamp for every timestamp attribute. */
let lastDatetime: { readonly text: string; readonly result: CastResult<string> } | undefined;

export function castDatetime(value: unknown): CastResult<string> {
  if (typeof value === "string") {
    if (lastDatetime?.text === value) return lastDatetime.result;
    const result = parseDatetime(value);
    lastDatetime = { text: value, result };
    return result;
  }
  return parseDatetime(value);
}

function parseDatetime(value: unknown): CastResult<string> {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()) || !inYearRange(value.getTime()))
      return fail("invalid_type", "must be a valid datetime");
    return ok(formatDatetime(value.getTime()));
  }
  const m = typeof value === "string" ? DATETIME.exec(value.trim()) : null;
  if (!m)
    return fail(
      "invalid_type",
      'must be an ISO-8601 datetime with an offset, such as "2026-11-22T10:00:00Z"',
    );
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const s = Number(m[6] ?? 0);
  if (!validDate(y, mo, d) || h > 23 || mi > 59 || s > 59)
    return fail("invalid_type", "must be a valid datetime");
  const fraction = (m[7] ?? "").padEnd(6, "0").slice(0, 6);
  const offset = m[8]?.toUpperCase() ?? "Z";
  let offsetMinutes = 0;
  if (offset !== "Z") {
    const digits = offset.slice(1).replace(":", "");
    const [oh, om] = [Number(digits.slice(0, 2)), Number(digits.slice(2) || 0)];
    if (oh > 23 || om > 59) return fail("invalid_type", "must have a valid UTC offset");
    offsetMinutes = (offset[0] === "-" ? -1 : 1) * (oh * 60 + om);
  }
  const ms = utcMs(y, mo, d, h, mi, s, Number(fraction.slice(0, 3))) - offsetMinutes * 60_000;
  if (!inYearRange(ms)) return fail("invalid_type", "must be between the years 0000 and 9999 in UTC");
  return ok(formatDatetime(ms, Number(fraction.slice(3))));
}

export function castTime(value: unknown): CastResult<string> {
  const m = typeof value === "string" ? TIME.exec(value.trim()) : null;
  if (!m) return fail("invalid_type", 'must be a time such as "14:05" or "14:05:30.5"');
  const [h, mi, s] = [m[1], m[2], m[3] ?? "0"].map(Number) as [number, number, number];
  if (h > 23 || mi > 59 || s > 59) return fail("invalid_type", "must be a valid time of day");
  const fraction = (m[4] ?? "").padEnd(6, "0").slice(0, 6);
  return ok(`${pad(h)}:${pad(mi)}:${pad(s)}${/^0*$/.test(fraction) ? "" : `.${fraction}`}`);
}

export const dateType = (): AttrType<string> => ({
  name: "date",
  constraints: {},
  cast: castDate,
  compare: compareDefault,
});
export const datetimeType = (): AttrType<string> => ({
  name: "datetime",
  constraints: {},
  cast: castDatetime,
  compare: compareDefault,
});
export const timeType = (): AttrType<string> => ({
  name: "time",
  constraints: {},
  cast: castTime,
  compare: compareDefault,
});

/** The current instant as a canonical datetime (microsecond digits from the high-resolution clock). */
export function nowDatetime(): string {
  const micros = Math.floor((performance.timeOrigin * 1000 + performance.now() * 1000) % 1000);
  return formatDatetime(Date.now(), micros);
}
