/**
 * Calendar arithmetic on canonical date strings ("2026-11-22"), in UTC and with PostgreSQL's rules, shared by
 * dateAdd and datetimeAdd: adding months keeps the day of the month but clamps it to the month's last day
 * (2026-01-31 + 1 month is 2026-02-28), and a year is twelve months (2024-02-29 + 1 year is 2025-02-28).
 */

export const DATE_UNITS = ["year", "month", "week", "day"] as const;
export const DATETIME_UNITS = [
  ...DATE_UNITS,
  "hour",
  "minute",
  "second",
  "millisecond",
  "microsecond",
] as const;
export type DatetimeUnit = (typeof DATETIME_UNITS)[number];

const MS_PER_DAY = 86_400_000;

/**
 * Reads a unit argument: a name such as "day", or its plural "days". Fails naming the function and the
 * units it accepts.
 */
export function unitOf<U extends string>(fn: string, value: unknown, allowed: readonly U[]): U {
  const name = typeof value === "string" && value.endsWith("s") ? value.slice(0, -1) : value;
  if (!(allowed as readonly unknown[]).includes(name)) {
    throw new Error(`${fn}: unknown unit ${JSON.stringify(value)}; units are ${allowed.join(", ")}`);
  }
  return name as U;
}

/** Reads an amount argument: a whole number (Ash's date and datetime arithmetic takes integers). */
export function amountOf(fn: string, value: unknown): number {
  if (!Number.isSafeInteger(value))
    throw new Error(`${fn}: the amount must be a whole number, not ${JSON.stringify(value)}`);
  return value as number;
}

/** Days since 1970-01-01 of a canonical date. */
export function epochDay(date: string): number {
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999.
  d.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return Math.round(d.getTime() / MS_PER_DAY);
}

/** The canonical date `days` after 1970-01-01; outside the years 0000-9999 is an error, as canonical dates have four-digit years. */
export function dateOfEpochDay(days: number): string {
  const d = new Date(days * MS_PER_DAY);
  const year = d.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) throw new Error("date out of range (years 0000 to 9999)");
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${String(year).padStart(4, "0")}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function addDays(date: string, days: number): string {
  return dateOfEpochDay(epochDay(date) + days);
}

/** Adds months keeping the day of the month, clamped to the last day of the month reached. */
export function addMonths(date: string, months: number): string {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  if (!(year >= 0 && year <= 9999)) throw new Error("date out of range (years 0000 to 9999)");
  const probe = new Date(0);
  probe.setUTCFullYear(year, month, 0); // day 0 of the next month: the last day of this one
  const day = Math.min(Number(date.slice(8, 10)), probe.getUTCDate());
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`;
}

/** Adds whole years, months, weeks or days to a canonical date. */
export function addToDate(date: string, amount: number, unit: (typeof DATE_UNITS)[number]): string {
  switch (unit) {
    case "year":
      return addMonths(date, amount * 12);
    case "month":
      return addMonths(date, amount);
    case "week":
      return addDays(date, amount * 7);
    case "day":
      return addDays(date, amount);
  }
}
