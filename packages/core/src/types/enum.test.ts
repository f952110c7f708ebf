import { describe, expect, it } from "vitest";
import { enumType } from "./enum.js";

describe("enum", () => {
  const type = enumType(["low", "normal", "high", "urgent"]);

  it("accepts declared values", () => {
    expect(type.cast("low")).toEqual({ ok: true, value: "low" });
    expect(type.cast("urgent")).toEqual({ ok: true, value: "urgent" });
  });

  it("rejects unknown values, listing the allowed ones", () => {
    const expected = {
      ok: false,
      code: "invalid_value",
      message: 'must be one of "low", "normal", "high", "urgent"',
    };
    expect(type.cast("critical")).toEqual(expected);
    expect(type.cast("LOW")).toEqual(expected);
    expect(type.cast(0)).toEqual(expected);
    expect(type.cast(["low"])).toEqual(expected);
  });

  it("does not accept Object prototype keys", () => {
    expect(type.cast("toString")).toMatchObject({ ok: false });
    expect(type.cast("constructor")).toMatchObject({ ok: false });
  });

  it("compares in declared order, not alphabetically", () => {
    expect(type.compare("low", "high")).toBeLessThan(0);
    expect(type.compare("urgent", "normal")).toBeGreaterThan(0);
    expect(type.compare("high", "high")).toBe(0);
    const sorted = (["urgent", "low", "high", "normal"] as const).slice().sort(type.compare);
    expect(sorted).toEqual(["low", "normal", "high", "urgent"]);
  });

  it("exposes its values as constraints", () => {
    expect(type.constraints).toEqual({ values: ["low", "normal", "high", "urgent"] });
  });
});
