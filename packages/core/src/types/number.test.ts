import { describe, expect, it } from "vitest";
import { booleanType, floatType, integerType } from "./number.js";

const INTEGER_ERROR = { ok: false, code: "invalid_type", message: "must be an integer" };

describe("integer", () => {
  const type = integerType();

  it("accepts whole numbers", () => {
    expect(type.cast(42)).toEqual({ ok: true, value: 42 });
    expect(type.cast(-7)).toEqual({ ok: true, value: -7 });
    expect(type.cast(0)).toEqual({ ok: true, value: 0 });
  });

  it("casts numeric strings", () => {
    expect(type.cast("42")).toEqual({ ok: true, value: 42 });
    expect(type.cast(" -3 ")).toEqual({ ok: true, value: -3 });
    expect(type.cast("1e3")).toEqual({ ok: true, value: 1000 });
  });

  it("casts safe bigints", () => {
    expect(type.cast(12n)).toEqual({ ok: true, value: 12 });
  });

  it("rejects fractions, NaN, infinities and non-numeric text", () => {
    for (const bad of [1.5, "1.5", Number.NaN, "NaN", Number.POSITIVE_INFINITY, "", "  ", "4x", "abc"]) {
      expect(type.cast(bad), String(bad)).toEqual(INTEGER_ERROR);
    }
  });

  it("rejects hexadecimal, binary and octal strings", () => {
    for (const bad of ["0x10", "0b101", "0o17", "Infinity"]) {
      expect(type.cast(bad), bad).toEqual(INTEGER_ERROR);
    }
  });

  it("rejects booleans, null-like objects and arrays", () => {
    for (const bad of [true, {}, [1], new Date(0)]) {
      expect(type.cast(bad)).toEqual(INTEGER_ERROR);
    }
  });

  it("rejects integers outside the safe range", () => {
    expect(type.cast(Number.MAX_SAFE_INTEGER)).toEqual({ ok: true, value: Number.MAX_SAFE_INTEGER });
    expect(type.cast(Number.MAX_SAFE_INTEGER + 1)).toEqual({
      ok: false,
      code: "out_of_range",
      message: "must be a safe integer",
    });
    expect(type.cast(-(2 ** 60))).toMatchObject({ ok: false, code: "out_of_range" });
    expect(type.cast(2n ** 64n)).toMatchObject({ ok: false, code: "out_of_range" });
    expect(type.cast("9007199254740993")).toMatchObject({ ok: false, code: "out_of_range" });
  });

  it("checks min and max inclusively", () => {
    const ranged = integerType({ min: 1, max: 10 });
    expect(ranged.cast(1)).toEqual({ ok: true, value: 1 });
    expect(ranged.cast(10)).toEqual({ ok: true, value: 10 });
    expect(ranged.cast(0)).toEqual({ ok: false, code: "too_small", message: "must be at least 1" });
    expect(ranged.cast("11")).toEqual({ ok: false, code: "too_large", message: "must be at most 10" });
  });

  it("compares numerically", () => {
    expect(type.compare(9, 10)).toBeLessThan(0);
    expect(type.compare(10, 9)).toBeGreaterThan(0);
    expect(type.compare(-1, -1)).toBe(0);
  });
});

describe("float", () => {
  const type = floatType();

  it("accepts finite numbers and numeric strings", () => {
    expect(type.cast(1.5)).toEqual({ ok: true, value: 1.5 });
    expect(type.cast("2.25")).toEqual({ ok: true, value: 2.25 });
    expect(type.cast(".5")).toEqual({ ok: true, value: 0.5 });
    expect(type.cast("-1e-3")).toEqual({ ok: true, value: -0.001 });
  });

  it("rejects infinities and NaN", () => {
    for (const bad of [
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
      "Infinity",
      "-Infinity",
      "1e400",
      "NaN",
      "",
      "0x1A",
    ]) {
      expect(type.cast(bad), String(bad)).toEqual({
        ok: false,
        code: "invalid_type",
        message: "must be a finite number",
      });
    }
  });

  it("checks min and max", () => {
    const ranged = floatType({ min: 0, max: 1 });
    expect(ranged.cast(0.5)).toEqual({ ok: true, value: 0.5 });
    expect(ranged.cast(-0.1)).toMatchObject({ ok: false, code: "too_small" });
    expect(ranged.cast(1.01)).toMatchObject({ ok: false, code: "too_large" });
  });

  it("compares numerically", () => {
    expect(type.compare(0.1, 0.2)).toBeLessThan(0);
    expect(type.compare(2.5, -2.5)).toBeGreaterThan(0);
    expect(type.compare(1.5, 1.5)).toBe(0);
  });
});

describe("boolean", () => {
  const type = booleanType();

  it("accepts booleans", () => {
    expect(type.cast(true)).toEqual({ ok: true, value: true });
    expect(type.cast(false)).toEqual({ ok: true, value: false });
  });

  it('casts only the strings "true" and "false"', () => {
    expect(type.cast("true")).toEqual({ ok: true, value: true });
    expect(type.cast("false")).toEqual({ ok: true, value: false });
    for (const bad of ["TRUE", "yes", "1", "0", "", " true", 1, 0, null, {}]) {
      expect(type.cast(bad), String(bad)).toEqual({
        ok: false,
        code: "invalid_type",
        message: "must be a boolean",
      });
    }
  });

  it("orders false before true", () => {
    expect(type.compare(false, true)).toBeLessThan(0);
    expect(type.compare(true, false)).toBeGreaterThan(0);
    expect(type.compare(true, true)).toBe(0);
  });
});
