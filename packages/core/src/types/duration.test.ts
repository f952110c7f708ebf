import { describe, expect, it } from "vitest";
import { durationType, formatDuration, parseDuration } from "./duration.js";
import type { CastResult } from "./type.js";

const INVALID = {
  ok: false,
  code: "invalid_type",
  message: 'must be an ISO-8601 duration such as "PT1H30M" or an object like { hours: 1 }',
};

/** Narrows a cast outcome to the synchronous case (these types never cast asynchronously). */
function sync<T>(r: CastResult<T> | Promise<CastResult<T>>): CastResult<T> {
  if (r instanceof Promise) throw new Error("expected a synchronous cast");
  return r;
}

describe("duration cast", () => {
  const type = durationType();

  it("normalises ISO strings", () => {
    const cases: [string, string][] = [
      ["PT90M", "PT1H30M"],
      ["PT1H30M", "PT1H30M"],
      ["PT3600S", "PT1H"],
      ["PT25H", "PT25H"],
      ["P14M", "P1Y2M"],
      ["P2W", "P14D"],
      ["P1Y2M3DT4H5M6S", "P1Y2M3DT4H5M6S"],
      ["PT0.5S", "PT0.5S"],
      ["PT1.000001S", "PT1.000001S"],
      ["PT20S", "PT20S"],
      ["P0D", "PT0S"],
      ["PT0S", "PT0S"],
      ["-P1D", "P-1D"],
      ["-PT90M", "PT-1H-30M"],
    ];
    for (const [input, canonical] of cases) {
      expect(type.cast(input), input).toEqual({ ok: true, value: canonical });
    }
  });

  it("normalises part objects", () => {
    expect(type.cast({ hours: 1, minutes: 30 })).toEqual({ ok: true, value: "PT1H30M" });
    expect(type.cast({ minutes: 90 })).toEqual({ ok: true, value: "PT1H30M" });
    expect(type.cast({ years: 1, months: 14, weeks: 1, days: 2 })).toEqual({ ok: true, value: "P2Y2M9D" });
    expect(type.cast({ seconds: 1, milliseconds: 500, microseconds: 1 })).toEqual({
      ok: true,
      value: "PT1.500001S",
    });
    expect(type.cast({ hours: 1.5 })).toEqual({ ok: true, value: "PT1H30M" });
    expect(type.cast({})).toEqual({ ok: true, value: "PT0S" });
  });

  it("keeps months apart from days and days apart from hours", () => {
    expect(type.cast("P1M30D")).toEqual({ ok: true, value: "P1M30D" });
    expect(type.cast("P45D")).toEqual({ ok: true, value: "P45D" });
    expect(type.cast({ days: 1, hours: 24 })).toEqual({ ok: true, value: "P1DT24H" });
    expect(type.cast({ months: 1, days: 31 })).toEqual({ ok: true, value: "P1M31D" });
  });

  it("rejects malformed strings", () => {
    for (const bad of [
      "",
      "P",
      "PT",
      "P1DT",
      "-P",
      "1H",
      "PT1.5H",
      "P1.5D",
      "PT1.1234567S",
      "P1H",
      "PT1D",
      "P1M2Y",
    ]) {
      expect(type.cast(bad), bad).toEqual(INVALID);
    }
  });

  it("rejects bad part objects", () => {
    expect(type.cast({ hours: "1" })).toEqual(INVALID);
    expect(type.cast({ hours: Number.NaN })).toEqual(INVALID);
    expect(type.cast({ hours: Number.POSITIVE_INFINITY })).toEqual(INVALID);
    expect(type.cast([1, 2])).toEqual(INVALID);
    expect(type.cast(3600)).toEqual(INVALID);
  });

  it("rejects unknown part names instead of ignoring them", () => {
    expect(type.cast({ hour: 1 })).toEqual(INVALID);
    expect(type.cast({ hours: 1, mins: 5 })).toEqual(INVALID);
  });

  it("rejects fractional months, weeks and days", () => {
    expect(type.cast({ months: 1.5 })).toEqual(INVALID);
    expect(type.cast({ days: 0.5 })).toEqual(INVALID);
    expect(type.cast({ years: 0.25 })).toEqual(INVALID);
  });

  it("round-trips every canonical value, including negative and mixed-sign ones", () => {
    const inputs: unknown[] = [
      "P1Y2M3DT4H5M6.789S",
      "-P1D",
      "-PT1H30M5.5S",
      { hours: -1 },
      { months: 1, seconds: -5 },
      { years: -1, months: -2, days: 3 },
      { microseconds: -1 },
    ];
    for (const input of inputs) {
      const first = sync(type.cast(input));
      if (!first.ok || typeof first.value !== "string") throw new Error(`cast ${JSON.stringify(input)}`);
      expect(type.cast(first.value), first.value).toEqual({ ok: true, value: first.value });
    }
    expect(type.cast({ months: 1, seconds: -5 })).toEqual({ ok: true, value: "P1MT-5S" });
    expect(type.cast({ microseconds: -1 })).toEqual({ ok: true, value: "PT-0.000001S" });
  });
});

describe("duration compare", () => {
  const { compare } = durationType();

  it("counts a month as 30 days", () => {
    expect(compare("P1M", "P30D")).toBe(0);
    expect(compare("P1M", "P29D")).toBeGreaterThan(0);
    expect(compare("P1M", "P31D")).toBeLessThan(0);
    expect(compare("P1Y", "P360D")).toBe(0);
  });

  it("counts a day as 24 hours", () => {
    expect(compare("P1D", "PT24H")).toBe(0);
    expect(compare("P1D", "PT23H59M59.999999S")).toBeGreaterThan(0);
  });

  it("orders by length", () => {
    expect(compare("PT1H30M", "PT2H")).toBeLessThan(0);
    expect(compare("PT2H", "PT1H30M")).toBeGreaterThan(0);
    expect(compare("PT0.000001S", "PT0S")).toBeGreaterThan(0);
  });

  it("orders negative durations below zero", () => {
    expect(compare("P-1D", "PT0S")).toBeLessThan(0);
    expect(compare("PT-1H-30M", "PT-1H")).toBeLessThan(0);
    expect(compare("P1MT-5S", "P1M")).toBeLessThan(0);
  });
});

describe("parseDuration / formatDuration", () => {
  it("parse then format is canonical", () => {
    const i = parseDuration("P1M2DT3H");
    expect(i).toEqual({ months: 1, days: 2, micros: 3 * 3_600_000_000 });
    if (i) expect(formatDuration(i)).toBe("P1M2DT3H");
    expect(parseDuration("nope")).toBeUndefined();
  });
});
