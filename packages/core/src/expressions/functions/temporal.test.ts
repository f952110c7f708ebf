import { describe, expect, it } from "vitest";
import { evaluate } from "../evaluate.js";
import { parseExpr } from "../expr.js";

const NOW = "2026-01-31T23:59:59.999999Z";
const run = (text: string, row: Record<string, unknown> = {}, now = NOW) =>
  evaluate(parseExpr(text), { get: (r) => row[r.name], typeOf: () => undefined }, { now: () => now });

describe("now and today", () => {
  it("read the context's clock", () => {
    expect(run("now()")).toBe(NOW);
    expect(run("today()")).toBe("2026-01-31");
    expect(run("today()", {}, "2024-02-29T00:00:00.000000Z")).toBe("2024-02-29");
  });

  it("see one instant throughout an evaluation", () => {
    let ticks = 0;
    const clock = () => `2026-01-01T00:00:0${ticks++}.000000Z`;
    const scope = { get: () => null, typeOf: () => undefined };
    expect(evaluate(parseExpr("now() == now()"), scope, { now: clock })).toBe(false);
    expect(evaluate(parseExpr("now() == now()"), scope)).toBe(true);
  });
});

describe("dateAdd", () => {
  it.each([
    ['"2026-11-22"', 1, "day", "2026-11-23"],
    ['"2026-12-31"', 1, "day", "2027-01-01"],
    ['"2026-03-01"', -1, "day", "2026-02-28"],
    ['"2024-03-01"', -1, "day", "2024-02-29"],
    ['"2026-11-22"', 2, "weeks", "2026-12-06"],
    ['"2026-01-31"', 1, "month", "2026-02-28"],
    ['"2024-01-31"', 1, "month", "2024-02-29"],
    ['"2026-03-31"', -1, "month", "2026-02-28"],
    ['"2026-05-31"', 1, "month", "2026-06-30"],
    ['"2026-01-31"', 2, "months", "2026-03-31"],
    ['"2026-11-15"', 3, "month", "2027-02-15"],
    ['"2026-01-15"', -13, "month", "2024-12-15"],
    ['"2024-02-29"', 1, "year", "2025-02-28"],
    ['"2024-02-29"', 4, "years", "2028-02-29"],
    ['"2024-02-29"', -100, "year", "1924-02-29"],
    ['"1900-02-28"', 1, "day", "1900-03-01"],
    ['"2000-02-28"', 1, "day", "2000-02-29"],
    ['"0001-01-01"', -1, "day", "0000-12-31"],
    ['"0050-06-15"', 1, "month", "0050-07-15"],
    ['"2026-11-22"', 0, "day", "2026-11-22"],
  ] as const)("dateAdd(%s, %d, %s) is %s", (date, n, unit, expected) => {
    expect(run(`dateAdd(${date}, ${n}, "${unit}")`)).toBe(expected);
  });

  it("is nil for nil in any argument", () => {
    expect(run('dateAdd(missing, 1, "day")')).toBeNull();
    expect(run('dateAdd("2026-01-01", missing, "day")')).toBeNull();
    expect(run('dateAdd("2026-01-01", 1, missing)')).toBeNull();
  });

  it("rejects clock units, fractions, non-dates and dates out of range", () => {
    expect(() => run('dateAdd("2026-01-01", 1, "hour")')).toThrow(
      'dateAdd: unknown unit "hour"; units are year, month, week, day',
    );
    expect(() => run('dateAdd("2026-01-01", 1.5, "day")')).toThrow(
      "dateAdd: the amount must be a whole number, not 1.5",
    );
    expect(() => run('dateAdd("2026-02-30", 1, "day")')).toThrow('dateAdd: "2026-02-30" is not a date');
    expect(() => run('dateAdd("2026-01-01T00:00:00Z", 1, "day")')).toThrow(/is not a date/);
    expect(() => run('dateAdd("9999-12-31", 1, "day")')).toThrow("date out of range (years 0000 to 9999)");
    expect(() => run('dateAdd("9999-12-01", 1, "month")')).toThrow("date out of range");
  });
});

describe("datetimeAdd", () => {
  const at = "2026-01-31T10:20:30.123456Z";
  it.each([
    [1, "year", "2027-01-31T10:20:30.123456Z"],
    [1, "month", "2026-02-28T10:20:30.123456Z"],
    [-2, "months", "2025-11-30T10:20:30.123456Z"],
    [1, "week", "2026-02-07T10:20:30.123456Z"],
    [1, "day", "2026-02-01T10:20:30.123456Z"],
    [14, "hours", "2026-02-01T00:20:30.123456Z"],
    [-11, "hour", "2026-01-30T23:20:30.123456Z"],
    [40, "minute", "2026-01-31T11:00:30.123456Z"],
    [-31, "second", "2026-01-31T10:19:59.123456Z"],
    [877, "millisecond", "2026-01-31T10:20:31.000456Z"],
    [544, "microsecond", "2026-01-31T10:20:30.124000Z"],
    [-123457, "microseconds", "2026-01-31T10:20:29.999999Z"],
    [1_000_000_000_000, "microsecond", "2026-02-12T00:07:10.123456Z"],
  ] as const)("+%d %s", (n, unit, expected) => {
    expect(run(`datetimeAdd(t, ${n}, "${unit}")`, { t: at })).toBe(expected);
  });

  it("keeps microseconds across days and before 1970", () => {
    expect(run('datetimeAdd("1969-12-31T23:59:59.999999Z", 1, "microsecond")')).toBe(
      "1970-01-01T00:00:00.000000Z",
    );
    expect(run('datetimeAdd("1970-01-01T00:00:00.000000Z", -1, "microsecond")')).toBe(
      "1969-12-31T23:59:59.999999Z",
    );
    expect(run('datetimeAdd("0001-01-01T00:00:00.000001Z", -1, "day")')).toBe("0000-12-31T00:00:00.000001Z");
    expect(run('datetimeAdd("2024-02-28T23:00:00Z", 1, "hour")')).toBe("2024-02-29T00:00:00.000000Z");
  });

  it("accepts any datetime castDatetime accepts and answers canonical UTC", () => {
    expect(run('datetimeAdd("2026-01-31T10:00:00+02:00", 1, "minute")')).toBe("2026-01-31T08:01:00.000000Z");
  });

  it("is nil for nil in any argument", () => {
    expect(run('datetimeAdd(missing, 1, "day")')).toBeNull();
    expect(run('datetimeAdd(t, missing, "day")', { t: at })).toBeNull();
    expect(run("datetimeAdd(t, 1, missing)", { t: at })).toBeNull();
  });

  it("rejects unknown units, fractions, non-datetimes and results out of range", () => {
    expect(() => run('datetimeAdd(t, 1, "fortnight")', { t: at })).toThrow(
      'datetimeAdd: unknown unit "fortnight"; units are year, month, week, day, hour, minute, second, millisecond, microsecond',
    );
    expect(() => run('datetimeAdd(t, 0.5, "hour")', { t: at })).toThrow(/whole number, not 0.5/);
    expect(() => run('datetimeAdd("2026-01-31", 1, "hour")')).toThrow(
      'datetimeAdd: "2026-01-31" is not a datetime',
    );
    expect(() => run('datetimeAdd("9999-12-31T23:59:59Z", 1, "second")')).toThrow("date out of range");
  });
});

describe("ago and fromNow", () => {
  it("count from now()", () => {
    expect(run('ago(1, "day")')).toBe("2026-01-30T23:59:59.999999Z");
    expect(run('ago(1, "month")', {}, "2026-03-31T12:00:00.000000Z")).toBe("2026-02-28T12:00:00.000000Z");
    expect(run('fromNow(1, "microsecond")')).toBe("2026-02-01T00:00:00.000000Z");
    expect(run('fromNow(1, "month")')).toBe("2026-02-28T23:59:59.999999Z");
    expect(run('ago(-2, "hours")')).toBe(run('fromNow(2, "hours")'));
    expect(run('ago(0, "day")')).toBe(NOW);
  });

  it("filter recent records", () => {
    const recent = 'inserted_at > ago(7, "days")';
    expect(run(recent, { inserted_at: "2026-01-25T00:00:00.000000Z" })).toBe(true);
    expect(run(recent, { inserted_at: "2026-01-24T23:59:59.999999Z" })).toBe(false);
    expect(run(recent, { inserted_at: null })).toBeNull();
  });

  it("are nil for nil and reject what datetimeAdd rejects, under their own names", () => {
    expect(run('ago(missing, "day")')).toBeNull();
    expect(run("fromNow(1, missing)")).toBeNull();
    expect(() => run('ago(1, "decade")')).toThrow(/^ago: unknown unit "decade"/);
    expect(() => run('fromNow("1", "day")')).toThrow('fromNow: the amount must be a whole number, not "1"');
  });
});
