import { describe, expect, it } from "vitest";
import { evaluate } from "../evaluate.js";
import { expr, parseExpr } from "../expr.js";

const doc = {
  address: { city: "Oslo", lines: ["Main St 1", "Floor 2"], zip: null },
  tags: [{ name: "a" }, { name: "b" }],
  "dotted.key": 1,
};
const scope = { get: (r: { name: string }) => (r.name === "doc" ? doc : null), typeOf: () => undefined };
const run = (text: string) => evaluate(parseExpr(text), scope);

describe("getPath", () => {
  it("follows keys and indexes given as a list", () => {
    expect(run('getPath(doc, ["address", "city"])')).toBe("Oslo");
    expect(run('getPath(doc, ["address", "lines", 1])')).toBe("Floor 2");
    expect(run('getPath(doc, ["tags", 0, "name"])')).toBe("a");
    expect(run('getPath(doc, ["dotted.key"])')).toBe(1);
    expect(run("getPath(doc, [])")).toEqual(doc);
  });

  it("follows a dotted string, digits indexing lists", () => {
    expect(run('getPath(doc, "address.city")')).toBe("Oslo");
    expect(run('getPath(doc, "tags.1.name")')).toBe("b");
    expect(run('getPath(doc, "address.lines")')).toEqual(["Main St 1", "Floor 2"]);
  });

  it("gives nil for anything missing", () => {
    expect(run('getPath(doc, "address.country")')).toBeNull();
    expect(run('getPath(doc, "address.zip")')).toBeNull();
    expect(run('getPath(doc, "address.city.length")')).toBeNull();
    expect(run('getPath(doc, "tags.5.name")')).toBeNull();
    expect(run('getPath(doc, ["tags", -1])')).toBeNull();
    expect(run('getPath(doc, ["tags", 0.5])')).toBeNull();
    expect(run('getPath(doc, "tags.name")')).toBeNull();
    expect(run('getPath(doc, ["address", true])')).toBeNull();
    expect(run('getPath(doc, "")')).toBeNull();
  });

  it("never reaches JavaScript internals", () => {
    for (const key of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      expect(run(`getPath(doc, "${key}")`)).toBeNull();
      expect(run(`getPath(doc, "tags.${key}")`)).toBeNull();
    }
    expect(run('getPath(doc, "tags.length")')).toBeNull();
  });

  it("is nil for a nil value or path, and compares with literals", () => {
    expect(run('getPath(missing, "a")')).toBeNull();
    expect(run("getPath(doc, missing)")).toBeNull();
    expect(evaluate(expr`getPath(doc, "address.city") == ${"Oslo"}`, scope)).toBe(true);
  });

  it("rejects a path that is neither a list nor a string", () => {
    expect(() => run("getPath(doc, 1)")).toThrow(
      "getPath: the path must be a list or a dotted string, not number",
    );
  });
});
