import { describe, expect, it } from "vitest";
import { dateType, datetimeType, formatDatetime, nowDatetime, timeType } from "./temporal.js";

const CANONICAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

function castOk(cast: (v: unknown) => unknown, input: unknown): string {
  const r = cast(input) as { ok: boolean; value?: unknown; message?: string };
  if (!r.ok || typeof r.value !== "string")
    throw new Error(`expected ${String(input)} to cast: ${r.message}`);
  return r.value;
}

describe("date", () => {
  const type = dateType();

  it("accepts valid calendar dates", () => {
    expect(type.cast("2026-11-22")).toEqual({ ok: true, value: "2026-11-22" });
    expect(type.cast(" 2024-02-29 ")).toEqual({ ok: true, value: "2024-02-29" });
  });

  it("rejects impossible dates", () => {
    for (const bad of [
      "2026-02-30",
      "2026-02-29",
      "2100-02-29",
      "2026-13-01",
      "2026-00-10",
      "2026-04-31",
      "2026-01-00",
    ]) {
      expect(type.cast(bad), bad).toEqual({
        ok: false,
        code: "invalid_type",
        message: 'must be a date such as "2026-11-22"',
      });
    }
  });

  it("rejects other formats", () => {
    for (const bad of ["2026-1-5", "22/11/2026", "2026-11-22T00:00:00Z", "20261122", "", 20261122]) {
      expect(type.cast(bad), String(bad)).toMatchObject({ ok: false, code: "invalid_type" });
    }
  });

  it("accepts years before 100", () => {
    expect(type.cast("0099-12-31")).toEqual({ ok: true, value: "0099-12-31" });
    expect(type.cast("0004-02-29")).toEqual({ ok: true, value: "0004-02-29" });
    expect(type.cast("0003-02-29")).toMatchObject({ ok: false });
  });

  it("takes the UTC date of a Date object", () => {
    expect(type.cast(new Date("2026-11-22T23:30:00-05:00"))).toEqual({ ok: true, value: "2026-11-23" });
    expect(type.cast(new Date(Number.NaN))).toMatchObject({ ok: false, code: "invalid_type" });
  });

  it("compares chronologically", () => {
    expect(type.compare("2026-01-31", "2026-02-01")).toBeLessThan(0);
    expect(type.compare("2027-01-01", "2026-12-31")).toBeGreaterThan(0);
    expect(type.compare("2026-05-05", "2026-05-05")).toBe(0);
  });
});

describe("datetime", () => {
  const type = datetimeType();

  it("normalises offsets to UTC with six fractional digits", () => {
    expect(type.cast("2026-11-22T10:00:00+02:00")).toEqual({
      ok: true,
      value: "2026-11-22T08:00:00.000000Z",
    });
    expect(type.cast("2026-11-22T10:00:00-05:30")).toEqual({
      ok: true,
      value: "2026-11-22T15:30:00.000000Z",
    });
    expect(type.cast("2026-11-22T10:00:00+0200")).toEqual({ ok: true, value: "2026-11-22T08:00:00.000000Z" });
    expect(type.cast("2026-11-22T10:00:00+02")).toEqual({ ok: true, value: "2026-11-22T08:00:00.000000Z" });
    expect(type.cast("2026-11-22T10:00:00Z")).toEqual({ ok: true, value: "2026-11-22T10:00:00.000000Z" });
    expect(type.cast("2026-11-22 10:00z")).toEqual({ ok: true, value: "2026-11-22T10:00:00.000000Z" });
  });

  it("crosses day, month and year boundaries when converting", () => {
    expect(type.cast("2026-01-01T01:00:00+02:00")).toEqual({
      ok: true,
      value: "2025-12-31T23:00:00.000000Z",
    });
    expect(type.cast("2026-02-28T22:00:00-03:00")).toEqual({
      ok: true,
      value: "2026-03-01T01:00:00.000000Z",
    });
  });

  it("keeps microseconds", () => {
    expect(type.cast("2026-11-22T10:00:00.123456Z")).toEqual({
      ok: true,
      value: "2026-11-22T10:00:00.123456Z",
    });
    expect(type.cast("2026-11-22T10:00:00.000001+01:00")).toEqual({
      ok: true,
      value: "2026-11-22T09:00:00.000001Z",
    });
    expect(type.cast("2026-11-22T10:00:00.5Z")).toEqual({ ok: true, value: "2026-11-22T10:00:00.500000Z" });
  });

  it("truncates more than six fractional digits", () => {
    expect(type.cast("2026-11-22T10:00:00.123456789Z")).toEqual({
      ok: true,
      value: "2026-11-22T10:00:00.123456Z",
    });
    expect(type.cast("2026-11-22T10:00:00.9999999Z")).toEqual({
      ok: true,
      value: "2026-11-22T10:00:00.999999Z",
    });
  });

  it("accepts Date objects", () => {
    expect(type.cast(new Date("2026-11-22T08:00:00.123Z"))).toEqual({
      ok: true,
      value: "2026-11-22T08:00:00.123000Z",
    });
    expect(type.cast(new Date(Number.NaN))).toEqual({
      ok: false,
      code: "invalid_type",
      message: "must be a valid datetime",
    });
  });

  it("rejects a datetime without an offset", () => {
    expect(type.cast("2026-11-22T10:00:00")).toEqual({
      ok: false,
      code: "invalid_type",
      message: 'must be an ISO-8601 datetime with an offset, such as "2026-11-22T10:00:00Z"',
    });
    expect(type.cast("2026-11-22")).toMatchObject({ ok: false, code: "invalid_type" });
    expect(type.cast(1_700_000_000_000)).toMatchObject({ ok: false, code: "invalid_type" });
  });

  it("rejects invalid fields", () => {
    for (const bad of [
      "2026-02-30T10:00:00Z",
      "2026-11-22T24:00:00Z",
      "2026-11-22T10:60:00Z",
      "2026-11-22T10:00:60Z",
      "2026-11-22T10:00:00+24:00",
      "2026-11-22T10:00:00+02:60",
    ]) {
      expect(type.cast(bad), bad).toMatchObject({ ok: false, code: "invalid_type" });
    }
  });

  it("rejects values whose UTC year leaves 0000-9999", () => {
    expect(type.cast("9999-12-31T23:00:00-05:00")).toMatchObject({ ok: false, code: "invalid_type" });
    expect(type.cast("0000-01-01T00:30:00+01:00")).toMatchObject({ ok: false, code: "invalid_type" });
    expect(type.cast("9999-12-31T23:00:00+05:00")).toEqual({
      ok: true,
      value: "9999-12-31T18:00:00.000000Z",
    });
  });

  it("handles years before 100 without treating them as 19xx", () => {
    expect(type.cast("0050-06-01T12:00:00Z")).toEqual({ ok: true, value: "0050-06-01T12:00:00.000000Z" });
  });

  it("makes text order equal time order for canonical values", () => {
    const inputs = [
      "2026-11-22T10:00:00+02:00",
      "2026-11-22T07:59:59.999999Z",
      "2026-11-22T08:00:00.000001Z",
      "2026-11-21T23:00:00-10:00",
      "1999-01-01T00:00:00Z",
      "2026-11-22T08:00:00.1Z",
      "2026-11-22T08:00:00.09Z",
    ];
    const values = inputs.map((i) => castOk((v) => type.cast(v), i));
    for (const v of values) expect(v).toMatch(CANONICAL_DATETIME);
    const byText = [...values].sort(type.compare);
    const byTime = [...values].sort((a, b) => {
      const ta = Date.parse(a) * 1000 + Number(a.slice(23, 26));
      const tb = Date.parse(b) * 1000 + Number(b.slice(23, 26));
      return ta - tb;
    });
    expect(byText).toEqual(byTime);
    expect(byText).toEqual([
      "1999-01-01T00:00:00.000000Z",
      "2026-11-22T07:59:59.999999Z",
      "2026-11-22T08:00:00.000000Z",
      "2026-11-22T08:00:00.000001Z",
      "2026-11-22T08:00:00.090000Z",
      "2026-11-22T08:00:00.100000Z",
      "2026-11-22T09:00:00.000000Z",
    ]);
  });

  it("treats the same instant in different offsets as equal", () => {
    const a = castOk((v) => type.cast(v), "2026-11-22T10:00:00+02:00");
    const b = castOk((v) => type.cast(v), "2026-11-22T03:00:00-05:00");
    expect(type.compare(a, b)).toBe(0);
  });

  it("formats epoch milliseconds with extra microseconds", () => {
    expect(formatDatetime(Date.UTC(2026, 10, 22, 2, 31, 34, 123), 456)).toBe("2026-11-22T02:31:34.123456Z");
    expect(formatDatetime(0, 7)).toBe("1970-01-01T00:00:00.000007Z");
  });

  it("nowDatetime is canonical, castable and close to Date.now()", () => {
    const before = Date.now();
    const now = nowDatetime();
    const after = Date.now();
    expect(now).toMatch(CANONICAL_DATETIME);
    expect(type.cast(now)).toEqual({ ok: true, value: now });
    expect(Date.parse(now)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(now)).toBeLessThanOrEqual(after);
  });
});

describe("time", () => {
  const type = timeType();

  it("writes values in canonical form", () => {
    const cases: [string, string][] = [
      ["14:05", "14:05:00"],
      ["14:05:30", "14:05:30"],
      ["14:05:30.5", "14:05:30.500000"],
      ["14:05:00.250000", "14:05:00.250000"],
      ["14:05:00.000", "14:05:00"],
      ["00:00:00.0000001", "00:00:00"],
      ["23:59:59.9999999", "23:59:59.999999"],
      [" 09:00 ", "09:00:00"],
    ];
    for (const [input, canonical] of cases) {
      expect(type.cast(input), input).toEqual({ ok: true, value: canonical });
    }
  });

  it("rejects invalid times", () => {
    for (const bad of ["24:00", "12:60", "12:00:60", "9:00", "12", "12:00Z", "", 1200]) {
      expect(type.cast(bad), String(bad)).toMatchObject({ ok: false, code: "invalid_type" });
    }
  });

  it("compares chronologically", () => {
    expect(type.compare("09:00:00", "10:00:00")).toBeLessThan(0);
    expect(type.compare("14:05:00", "14:05:00.500000")).toBeLessThan(0);
    expect(type.compare("14:05:01", "14:05:00.999999")).toBeGreaterThan(0);
    expect(type.compare("14:05:00", "14:05:00")).toBe(0);
  });
});
