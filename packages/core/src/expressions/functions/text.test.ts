import { describe, expect, it } from "vitest";
import { evaluate } from "../evaluate.js";
import { parseExpr } from "../expr.js";

const run = (text: string, row: Record<string, unknown> = {}) =>
  evaluate(parseExpr(text), { get: (r) => row[r.name], typeOf: () => undefined });

describe("length", () => {
  it("counts characters of strings, not UTF-16 units", () => {
    expect(run('length("fire")')).toBe(4);
    expect(run('length("")')).toBe(0);
    expect(run("length(s)", { s: "🔥ok" })).toBe(3);
    expect(run("length(s)", { s: "naïve" })).toBe(5);
  });

  it("counts items of lists", () => {
    expect(run("length([1, 2, nil])")).toBe(3);
    expect(run("length([])")).toBe(0);
  });

  it("is nil for nil and an error for other types", () => {
    expect(run("length(missing)")).toBeNull();
    expect(run("length(nil)")).toBeNull();
    expect(() => run("length(5)")).toThrow("length expects a string or a list, not number");
  });
});

describe("lower, upper and trim", () => {
  it("change case", () => {
    expect(run('lower("Ärger ON Fire")')).toBe("ärger on fire");
    expect(run('upper("straße on fire")')).toBe("STRASSE ON FIRE");
  });

  it("trim whitespace at both ends only", () => {
    expect(run("trim(s)", { s: " \t a  b \n" })).toBe("a  b");
    expect(run('trim("")')).toBe("");
  });

  it("are nil for nil and an error for non-strings", () => {
    for (const fn of ["lower", "upper", "trim"]) {
      expect(run(`${fn}(missing)`)).toBeNull();
      expect(() => run(`${fn}(1)`)).toThrow(`${fn} expects a string, not number`);
    }
  });
});

describe("stringJoin", () => {
  it("joins with a separator, or none", () => {
    expect(run('stringJoin(["a", "b", "c"], ", ")')).toBe("a, b, c");
    expect(run('stringJoin(["a", "b"])')).toBe("ab");
    expect(run("stringJoin([])")).toBe("");
    expect(run('stringJoin([1, true], "-")')).toBe("1-true");
  });

  it("skips nil items, as concat_ws does", () => {
    expect(run('stringJoin(["a", nil, "b"], " ")')).toBe("a b");
    expect(run('stringJoin([nil, nil], " ")')).toBe("");
  });

  it("is nil for a nil list or separator", () => {
    expect(run('stringJoin(missing, " ")')).toBeNull();
    expect(run('stringJoin(["a"], missing)')).toBeNull();
    expect(() => run('stringJoin("ab", " ")')).toThrow("stringJoin expects a list, not string");
  });
});
