import { castDatetime } from "../../types/temporal.js";
import {
  addToDate,
  amountOf,
  DATE_UNITS,
  DATETIME_UNITS,
  type DatetimeUnit,
  dateOfEpochDay,
  epochDay,
  unitOf,
} from "./calendar.js";
import type { ExprFunction } from "./function.js";

const MICROS: Record<Exclude<DatetimeUnit, (typeof DATE_UNITS)[number]>, bigint> = {
  hour: 3_600_000_000n,
  minute: 60_000_000n,
  second: 1_000_000n,
  millisecond: 1_000n,
  microsecond: 1n,
};
const MICROS_PER_DAY = 86_400_000_000n;

/**
 * Adds `amount` units to a datetime (canonical, or anything castDatetime accepts) and answers a canonical
 * datetime. Calendar units change the date and keep the time of day (months clamp the day); clock units are
 * counted in microseconds with BigInt, since microseconds since 1970 outgrow a double's exact integers.
 */
export function addToDatetime(fn: string, datetime: unknown, amount: unknown, unit: unknown): string {
  const cast = castDatetime(datetime);
  if (!cast.ok) throw new Error(`${fn}: ${JSON.stringify(datetime)} is not a datetime`);
  const n = amountOf(fn, amount);
  const u = unitOf(fn, unit, DATETIME_UNITS);
  const value = cast.value; // "2026-11-22T02:31:34.123456Z"
  const date = value.slice(0, 10);
  if (isDateUnit(u)) return `${addToDate(date, n, u)}${value.slice(10)}`;
  const [h, mi, s] = [value.slice(11, 13), value.slice(14, 16), value.slice(17, 19)].map(BigInt) as [
    bigint,
    bigint,
    bigint,
  ];
  const timeOfDay = ((h * 60n + mi) * 60n + s) * 1_000_000n + BigInt(value.slice(20, 26));
  const total = BigInt(epochDay(date)) * MICROS_PER_DAY + timeOfDay + BigInt(n) * MICROS[u];
  // Floor division, so instants before 1970 land on the right day.
  let day = total / MICROS_PER_DAY;
  if (total % MICROS_PER_DAY < 0n) day -= 1n;
  return `${dateOfEpochDay(Number(day))}T${clock(total - day * MICROS_PER_DAY)}Z`;
}

const isDateUnit = (u: DatetimeUnit): u is (typeof DATE_UNITS)[number] =>
  (DATE_UNITS as readonly string[]).includes(u);

/** "HH:MM:SS.ffffff" of microseconds into a day. */
function clock(micros: bigint): string {
  const pad = (v: bigint, width = 2) => v.toString().padStart(width, "0");
  const seconds = micros / 1_000_000n;
  return `${pad(seconds / 3600n)}:${pad((seconds / 60n) % 60n)}:${pad(seconds % 60n)}.${pad(micros % 1_000_000n, 6)}`;
}

/**
 * `datetimeAdd(datetime, n, unit)`: the instant n units later (earlier for negative n), in UTC; units year,
 * month, week, day, hour, minute, second, millisecond, microsecond (or their plurals). Microseconds are kept
 * and the result is canonical. Nil in any argument gives nil.
 */
export const datetimeAdd: ExprFunction = {
  name: "datetimeAdd",
  arity: [3, 3],
  returns: "datetime",
  evaluate: ([datetime, amount, unit]) => addToDatetime("datetimeAdd", datetime, amount, unit),
};
