import { describe, expect, it } from "vitest";
import { decimalType } from "../../types/decimal.js";
import { evaluate } from "../evaluate.js";
import { parseExpr } from "../expr.js";

const run = (text: string, row: Record<string, unknown> = {}) =>
  evaluate(parseExpr(text), {
    get: (r) => row[r.name],
    typeOf: (r) => (r.name === "d" ? decimalType() : undefined),
  });

describe("round", () => {
  it.each([
    ["round(2.5)", 3],
    ["round(-2.5)", -3],
    ["round(2.4)", 2],
    ["round(-2.4)", -2],
    ["round(1.005, 2)", 1.01],
    ["round(2.675, 2)", 2.68],
    ["round(1234.5678, 2)", 1234.57],
    ["round(1234.5678, -2)", 1200],
    ["round(1250, -2)", 1300],
    ["round(-1250, -2)", -1300],
    ["round(49, -2)", 0],
    ["round(50, -2)", 100],
    ["round(7, -5)", 0],
    ["round(0.5)", 1],
    ["round(0.49999)", 0],
    ["round(-0.4)", 0],
    ["round(5, 3)", 5],
    ["round(0.0000001234, 9)", 1.23e-7],
    ["round(1e21, 2)", 1e21],
  ] as const)("%s is %d", (text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it("never answers negative zero", () => {
    expect(Object.is(run("round(-0.4)"), 0)).toBe(true);
  });

  it.each([
    ["2.5", 0, "3"],
    ["-2.5", 0, "-3"],
    ["2.345", 2, "2.35"],
    ["-2.345", 2, "-2.35"],
    ["2.344999999999999999999", 2, "2.34"],
    ["123456789012345678901234.5", 0, "123456789012345678901235"],
    ["0.995", 2, "1"],
    ["9.95", 1, "10"],
    ["1.5", 3, "1.5"],
    ["12345.6", -3, "12000"],
    ["-0.001", 2, "0"],
  ] as const)("decimal %s to %d places is %s, exactly", (d, places, expected) => {
    expect(run(`round(d, ${places})`, { d })).toBe(expected);
  });

  it("is nil for nil in either argument", () => {
    expect(run("round(missing)")).toBeNull();
    expect(run("round(1.5, missing)")).toBeNull();
  });

  it("rejects fractional places and non-numbers", () => {
    expect(() => run("round(1.5, 0.5)")).toThrow("round: places must be an integer, not 0.5");
    expect(() => run('round("abc")')).toThrow('round expects a number or a decimal, not "abc"');
    expect(() => run("round(true)")).toThrow(/round expects a number or a decimal/);
  });
});

describe("rem", () => {
  it.each([
    ["rem(7, 3)", 1],
    ["rem(-7, 3)", -1],
    ["rem(7, -3)", 1],
    ["rem(-7, -3)", -1],
    ["rem(6, 3)", 0],
    ["rem(-6, 3)", 0],
    ["rem(5.5, 2)", 1.5],
    ["rem(0, 5)", 0],
  ] as const)("%s is %d, with the sign of the dividend", (text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it("never answers negative zero", () => {
    expect(Object.is(run("rem(-6, 3)"), 0)).toBe(true);
  });

  it.each([
    ["7.5", "2", "1.5"],
    ["-7.5", "2", "-1.5"],
    ["7.5", "-2", "1.5"],
    ["0.3", "0.1", "0"],
    ["10", "0.3", "0.1"],
    ["-1", "3", "-1"],
    ["123456789012345678901234567", "10", "7"],
    ["0.07", "0.05", "0.02"],
  ] as const)("decimal rem(%s, %s) is %s, exactly", (a, b, expected) => {
    expect(run(`rem(d, "${b}")`, { d: a })).toBe(expected);
  });

  it("is an error for a zero divisor", () => {
    expect(() => run("rem(1, 0)")).toThrow("division by zero");
    expect(() => run("rem(d, 0)", { d: "1.5" })).toThrow("division by zero");
  });

  it("is nil for nil in either argument", () => {
    expect(run("rem(missing, 2)")).toBeNull();
    expect(run("rem(2, missing)")).toBeNull();
  });
});
