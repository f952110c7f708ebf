import { describe, expect, it } from "vitest";
import { z } from "zod";
import { arrayType } from "./array.js";
import { customType } from "./custom.js";
import { integerType } from "./number.js";
import { stringType } from "./string.js";

describe("array", () => {
  it("casts each item with the item type", () => {
    expect(arrayType(integerType()).cast(["1", 2, " 3 "])).toEqual({ ok: true, value: [1, 2, 3] });
    expect(arrayType(stringType()).cast([" a ", "b"])).toEqual({ ok: true, value: ["a", "b"] });
    expect(arrayType(integerType()).cast([])).toEqual({ ok: true, value: [] });
  });

  it("names the index of a failing item", () => {
    expect(arrayType(integerType()).cast([1, 2, "x"])).toEqual({
      ok: false,
      code: "invalid_type",
      message: "item 2 must be an integer",
    });
    expect(arrayType(integerType({ max: 5 })).cast([1, 9])).toEqual({
      ok: false,
      code: "too_large",
      message: "item 1 must be at most 5",
    });
  });

  it("rejects nil items unless nilItems is set", () => {
    const type = arrayType(stringType());
    expect(type.cast(["a", null])).toEqual({
      ok: false,
      code: "required",
      message: "item 1 must not be nil",
    });
    expect(type.cast([undefined])).toEqual({
      ok: false,
      code: "required",
      message: "item 0 must not be nil",
    });
    // An empty string casts to nil, so it is a nil item too.
    expect(type.cast(["a", " "])).toEqual({ ok: false, code: "required", message: "item 1 must not be nil" });
    expect(arrayType(stringType(), { nilItems: true }).cast(["a", null, ""])).toEqual({
      ok: true,
      value: ["a", null, null],
    });
  });

  it("checks min and max item counts", () => {
    const type = arrayType(integerType(), { min: 1, max: 3 });
    expect(type.cast([1])).toEqual({ ok: true, value: [1] });
    expect(type.cast([1, 2, 3])).toEqual({ ok: true, value: [1, 2, 3] });
    expect(type.cast([])).toEqual({
      ok: false,
      code: "too_small",
      message: "length must be at least 1 items",
    });
    expect(type.cast([1, 2, 3, 4])).toEqual({
      ok: false,
      code: "too_large",
      message: "length must be at most 3 items",
    });
  });

  it("rejects non-lists", () => {
    for (const bad of ["a,b", { 0: "a", length: 1 }, 1, new Set([1])]) {
      expect(arrayType(stringType()).cast(bad)).toEqual({
        ok: false,
        code: "invalid_type",
        message: "must be a list",
      });
    }
  });

  it("waits for asynchronous item casts", async () => {
    const even = customType(z.number().refine(async (n) => n % 2 === 0, "must be even"));
    const type = arrayType(even);
    const good = type.cast([2, 4]);
    expect(good).toBeInstanceOf(Promise);
    await expect(good).resolves.toEqual({ ok: true, value: [2, 4] });
    await expect(type.cast([2, 3])).resolves.toEqual({
      ok: false,
      code: "invalid",
      message: "item 1 must be even",
    });
  });

  it("compares item by item, then by length", () => {
    const type = arrayType(integerType());
    expect(type.compare([1, 2], [1, 2])).toBe(0);
    expect(type.compare([1, 2], [1, 3])).toBeLessThan(0);
    expect(type.compare([2], [1, 9, 9])).toBeGreaterThan(0);
    expect(type.compare([1, 2], [1, 2, 0])).toBeLessThan(0);
  });

  it("records the item type among its constraints", () => {
    const item = integerType();
    expect(arrayType(item, { max: 2 }).constraints).toEqual({ max: 2, item });
  });
});
