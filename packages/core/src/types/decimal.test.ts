import { describe, expect, it } from "vitest";
import { compareDecimal, decimalType, normaliseDecimal } from "./decimal.js";
import type { CastResult } from "./type.js";

const INVALID = { ok: false, code: "invalid_type", message: 'must be a decimal number such as "12.50"' };

/** Narrows a cast outcome to the synchronous case (these types never cast asynchronously). */
function sync<T>(r: CastResult<T> | Promise<CastResult<T>>): CastResult<T> {
  if (r instanceof Promise) throw new Error("expected a synchronous cast");
  return r;
}

describe("decimal cast", () => {
  const type = decimalType();

  it("writes values in canonical form", () => {
    const cases: [string, string][] = [
      ["012.500", "12.5"],
      ["-0", "0"],
      ["-0.000", "0"],
      ["+5", "5"],
      ["000", "0"],
      ["0.10", "0.1"],
      ["-0.0010", "-0.001"],
      ["100", "100"],
      ["  7.0  ", "7"],
      [
        "123456789012345678901234567890.000000000000000000001",
        "123456789012345678901234567890.000000000000000000001",
      ],
    ];
    for (const [input, canonical] of cases) {
      expect(type.cast(input), input).toEqual({ ok: true, value: canonical });
    }
  });

  it("accepts numbers whose shortest representation is exact, and bigints", () => {
    expect(type.cast(12.5)).toEqual({ ok: true, value: "12.5" });
    expect(type.cast(0.1)).toEqual({ ok: true, value: "0.1" });
    expect(type.cast(-3)).toEqual({ ok: true, value: "-3" });
    expect(type.cast(12345678901234567890n)).toEqual({ ok: true, value: "12345678901234567890" });
  });

  it("rejects numbers written with an exponent", () => {
    expect(String(1e21)).toBe("1e+21");
    expect(type.cast(1e21)).toEqual(INVALID);
    expect(type.cast(1e-7)).toEqual(INVALID);
    expect(type.cast("1e5")).toEqual(INVALID);
  });

  it("rejects garbage", () => {
    for (const bad of [
      "",
      "abc",
      "1.2.3",
      "1,5",
      ".5",
      "5.",
      "--1",
      "0x10",
      "NaN",
      "Infinity",
      true,
      {},
      [],
    ]) {
      expect(type.cast(bad), String(bad)).toEqual(INVALID);
    }
    expect(type.cast(Number.NaN)).toEqual(INVALID);
    expect(type.cast(Number.POSITIVE_INFINITY)).toEqual(INVALID);
  });

  it("errors on too many digits after the point instead of rounding", () => {
    const money = decimalType({ scale: 2 });
    expect(money.cast("12.34")).toEqual({ ok: true, value: "12.34" });
    expect(money.cast("12.3400")).toEqual({ ok: true, value: "12.34" });
    expect(money.cast("12.345")).toEqual({
      ok: false,
      code: "invalid_scale",
      message: "must have at most 2 digits after the decimal point",
    });
    expect(decimalType({ scale: 0 }).cast("1.5")).toMatchObject({ ok: false, code: "invalid_scale" });
  });

  it("errors on too many significant digits", () => {
    const type4 = decimalType({ precision: 4 });
    expect(type4.cast("12.34")).toEqual({ ok: true, value: "12.34" });
    expect(type4.cast("9999")).toEqual({ ok: true, value: "9999" });
    expect(type4.cast("0.1234")).toEqual({ ok: true, value: "0.1234" });
    expect(type4.cast("123.45")).toEqual({
      ok: false,
      code: "invalid_precision",
      message: "must have at most 4 significant digits",
    });
    expect(type4.cast("10000")).toMatchObject({ ok: false, code: "invalid_precision" });
    expect(type4.cast("-12345")).toMatchObject({ ok: false, code: "invalid_precision" });
  });

  it("checks min and max exactly", () => {
    const ranged = decimalType({ min: "0.01", max: 100 });
    expect(ranged.cast("0.01")).toEqual({ ok: true, value: "0.01" });
    expect(ranged.cast("100.000")).toEqual({ ok: true, value: "100" });
    expect(ranged.cast("0.0099999")).toEqual({
      ok: false,
      code: "too_small",
      message: "must be at least 0.01",
    });
    expect(ranged.cast("100.0000001")).toEqual({
      ok: false,
      code: "too_large",
      message: "must be at most 100",
    });
    expect(ranged.cast("-5")).toMatchObject({ ok: false, code: "too_small" });
  });

  it("checks negative bounds", () => {
    const ranged = decimalType({ min: "-10.5", max: "-1" });
    expect(ranged.cast("-10.5")).toEqual({ ok: true, value: "-10.5" });
    expect(ranged.cast("-10.51")).toMatchObject({ ok: false, code: "too_small" });
    expect(ranged.cast("-0.5")).toMatchObject({ ok: false, code: "too_large" });
  });
});

describe("decimal compare", () => {
  const { compare } = decimalType();

  it("treats trailing fractional zeros as equal", () => {
    expect(compare("0.30", "0.3")).toBe(0);
    expect(compareDecimal("1.50", "1.5")).toBe(0);
  });

  it("compares by magnitude, not text", () => {
    expect(compare("10", "9")).toBeGreaterThan(0);
    expect(compare("9", "10")).toBeLessThan(0);
    expect(compare("0.3", "0.25")).toBeGreaterThan(0);
    expect(compare("2", "10.5")).toBeLessThan(0);
    expect(compare("12.5", "12.49999")).toBeGreaterThan(0);
  });

  it("orders negatives correctly", () => {
    expect(compare("-1", "1")).toBeLessThan(0);
    expect(compare("1", "-1")).toBeGreaterThan(0);
    expect(compare("-10", "-9")).toBeLessThan(0);
    expect(compare("-9", "-10")).toBeGreaterThan(0);
    expect(compare("-0.5", "0")).toBeLessThan(0);
    expect(compare("-1.25", "-1.2")).toBeLessThan(0);
    expect(compare("-1.20", "-1.2")).toBe(0);
  });

  it("is exact where binary floating point is not", () => {
    // As doubles these are the same number.
    expect(Number("0.30000000000000001")).toBe(0.3);
    expect(compare("0.30000000000000001", "0.3")).toBeGreaterThan(0);
    expect(compare("9007199254740993", "9007199254740992")).toBeGreaterThan(0);
  });

  it("sorts a list of canonical values numerically", () => {
    const type = decimalType();
    const values = ["10", "-2.5", "0.75", "9", "-10", "0", "100.01", "0.7"].map((v) => {
      const r = sync(type.cast(v));
      if (!r.ok || r.value === null) throw new Error(`cast ${v}`);
      return r.value;
    });
    expect([...values].sort(compare)).toEqual(["-10", "-2.5", "0", "0.7", "0.75", "9", "10", "100.01"]);
  });
});

describe("normaliseDecimal", () => {
  it("answers undefined for non-decimals", () => {
    expect(normaliseDecimal("1e3")).toBeUndefined();
    expect(normaliseDecimal("")).toBeUndefined();
    expect(normaliseDecimal("0012.3400")).toBe("12.34");
  });
});

describe("decimal bounds", () => {
  it("rejects a bound that is not a decimal when the type is defined", () => {
    expect(() => decimalType({ min: "abc" })).toThrow(/min must be a decimal/);
    expect(() => decimalType({ max: 1e21 })).toThrow(/max must be a decimal/);
  });
});
