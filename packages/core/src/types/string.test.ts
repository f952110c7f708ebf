import { describe, expect, it } from "vitest";
import { ciStringType, stringType } from "./string.js";
import type { CastResult } from "./type.js";

/** Narrows a cast outcome to the synchronous case (these types never cast asynchronously). */
function sync<T>(r: CastResult<T> | Promise<CastResult<T>>): CastResult<T> {
  if (r instanceof Promise) throw new Error("expected a synchronous cast");
  return r;
}

describe("string", () => {
  it("trims surrounding whitespace by default", () => {
    expect(stringType().cast("  hello \n")).toEqual({ ok: true, value: "hello" });
  });

  it("keeps whitespace when trim is off", () => {
    expect(stringType({ trim: false }).cast("  hi ")).toEqual({ ok: true, value: "  hi " });
  });

  it("casts an empty or blank string to nil", () => {
    expect(stringType().cast("")).toEqual({ ok: true, value: null });
    expect(stringType().cast("   ")).toEqual({ ok: true, value: null });
  });

  it("keeps an empty string when allowEmpty is set", () => {
    expect(stringType({ allowEmpty: true }).cast("")).toEqual({ ok: true, value: "" });
    expect(stringType({ allowEmpty: true }).cast("  ")).toEqual({ ok: true, value: "" });
  });

  it("applies min to an allowed empty string", () => {
    const r = stringType({ allowEmpty: true, min: 1 }).cast("");
    expect(r).toMatchObject({ ok: false, code: "too_small" });
  });

  it("casts numbers and booleans to their text", () => {
    expect(stringType().cast(42)).toEqual({ ok: true, value: "42" });
    expect(stringType().cast(false)).toEqual({ ok: true, value: "false" });
  });

  it("rejects objects, arrays and symbols", () => {
    for (const bad of [{}, ["a"], Symbol("s"), () => "x"]) {
      expect(stringType().cast(bad)).toEqual({
        ok: false,
        code: "invalid_type",
        message: "must be a string",
      });
    }
  });

  it("counts min and max in characters, not UTF-16 code units", () => {
    const type = stringType({ min: 2, max: 3 });
    // Each emoji is two UTF-16 code units but one character.
    expect("😀😀😀".length).toBe(6);
    expect(type.cast("😀😀😀")).toEqual({ ok: true, value: "😀😀😀" });
    expect(type.cast("😀")).toEqual({
      ok: false,
      code: "too_small",
      message: "length must be at least 2 characters",
    });
    expect(type.cast("😀😀😀😀")).toEqual({
      ok: false,
      code: "too_large",
      message: "length must be at most 3 characters",
    });
  });

  it("checks length after trimming", () => {
    expect(stringType({ max: 3 }).cast("  abc  ")).toEqual({ ok: true, value: "abc" });
    expect(stringType({ min: 3 }).cast(" ab ")).toMatchObject({ ok: false, code: "too_small" });
  });

  it("checks the pattern", () => {
    const type = stringType({ pattern: /^[a-z]+-\d+$/ });
    expect(type.cast("abc-12")).toEqual({ ok: true, value: "abc-12" });
    const r = sync(type.cast("ABC-12"));
    expect(r).toMatchObject({ ok: false, code: "invalid_format" });
    if (!r.ok) expect(r.message).toContain("[a-z]");
  });

  it("matches the pattern against the trimmed value", () => {
    expect(stringType({ pattern: /^\d+$/ }).cast(" 123 ")).toEqual({ ok: true, value: "123" });
  });

  it("is not confused by a global pattern's lastIndex across casts", () => {
    const type = stringType({ pattern: /^a+$/g });
    expect(type.cast("aaa")).toEqual({ ok: true, value: "aaa" });
    expect(type.cast("aaa")).toEqual({ ok: true, value: "aaa" });
    expect(type.cast("aa")).toEqual({ ok: true, value: "aa" });
  });

  it("compares by code unit order", () => {
    const type = stringType();
    expect(type.compare("a", "b")).toBeLessThan(0);
    expect(type.compare("b", "a")).toBeGreaterThan(0);
    expect(type.compare("a", "a")).toBe(0);
    expect(type.compare("B", "a")).toBeLessThan(0);
    expect(type.compare("a", "A")).not.toBe(0);
  });
});

describe("ciString", () => {
  it("keeps the value as given", () => {
    expect(ciStringType().cast(" Ann@Example.COM ")).toEqual({ ok: true, value: "Ann@Example.COM" });
  });

  it("compares without regard to case", () => {
    const type = ciStringType();
    expect(type.compare("Ann@Example.COM", "ann@example.com")).toBe(0);
    expect(type.compare("apple", "BANANA")).toBeLessThan(0);
    expect(type.compare("BANANA", "apple")).toBeGreaterThan(0);
    expect(type.compare("abc", "abd")).toBeLessThan(0);
  });

  it("applies the same constraints as string", () => {
    const type = ciStringType({ max: 2 });
    expect(type.cast("")).toEqual({ ok: true, value: null });
    expect(type.cast("abc")).toMatchObject({ ok: false, code: "too_large" });
  });
});
