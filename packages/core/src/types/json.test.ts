import { describe, expect, it } from "vitest";
import { jsonType, mapType } from "./json.js";
import type { CastResult } from "./type.js";

const NOT_JSON = { ok: false, code: "invalid_type", message: "must be a JSON value" };
const NOT_OBJECT = { ok: false, code: "invalid_type", message: "must be an object" };

/** Narrows a cast outcome to the synchronous case (these types never cast asynchronously). */
function sync<T>(r: CastResult<T> | Promise<CastResult<T>>): CastResult<T> {
  if (r instanceof Promise) throw new Error("expected a synchronous cast");
  return r;
}

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

describe("json", () => {
  const type = jsonType();

  it("accepts every kind of JSON value", () => {
    for (const value of [
      "text",
      0,
      -1.5,
      true,
      false,
      [],
      {},
      [1, "a", null, { b: [true] }],
      { a: { b: { c: null } } },
    ]) {
      expect(type.cast(value), JSON.stringify(value)).toEqual({ ok: true, value });
    }
  });

  it("rejects values that cannot round-trip through JSON", () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const bad: unknown[] = [
      () => 1,
      new Date(0),
      Number.NaN,
      Number.POSITIVE_INFINITY,
      new Point(1, 2),
      new Map([["a", 1]]),
      new Set([1]),
      /re/,
      10n,
      Symbol("s"),
      { nested: { fn: () => 1 } },
      { when: new Date(0) },
      [1, Number.NaN],
      { missing: undefined },
      [new Point(0, 0)],
      cyclic,
    ];
    for (const value of bad) {
      expect(type.cast(value)).toEqual(NOT_JSON);
    }
  });

  it("clones the input", () => {
    const input = { tags: ["a"], meta: { n: 1 } };
    const r = sync(type.cast(input));
    if (!r.ok || r.value === null) throw new Error("expected a value");
    expect(r.value).toEqual(input);
    expect(r.value).not.toBe(input);
    input.tags.push("b");
    input.meta.n = 2;
    expect(r.value).toEqual({ tags: ["a"], meta: { n: 1 } });
  });

  it("compares structurally", () => {
    expect(type.compare({ a: [1, 2] }, { a: [1, 2] })).toBe(0);
    expect(type.compare({ a: 1 }, { a: 2 })).not.toBe(0);
    expect(Math.sign(type.compare("a", "b"))).toBe(-Math.sign(type.compare("b", "a")));
  });
});

describe("map", () => {
  const type = mapType();

  it("accepts JSON objects and clones them", () => {
    const input = { a: 1, b: { c: [null, "x"] } };
    const r = sync(type.cast(input));
    expect(r).toEqual({ ok: true, value: input });
    if (r.ok) expect(r.value).not.toBe(input);
  });

  it("rejects arrays and other non-objects", () => {
    for (const bad of [[], [{ a: 1 }], "text", 1, true]) {
      expect(type.cast(bad), JSON.stringify(bad)).toEqual(NOT_OBJECT);
    }
  });

  it("rejects objects holding non-JSON values, and class instances", () => {
    expect(type.cast({ at: new Date(0) })).toEqual(NOT_OBJECT);
    expect(type.cast({ n: Number.NaN })).toEqual(NOT_OBJECT);
    expect(type.cast(new Point(1, 2))).toEqual(NOT_OBJECT);
    expect(type.cast(new Date(0))).toEqual(NOT_OBJECT);
  });
});

describe("json comparison", () => {
  it("treats objects with the same entries in another key order as equal", () => {
    const type = jsonType();
    expect(type.compare({ a: 1, b: { c: 2, d: 3 } }, { b: { d: 3, c: 2 }, a: 1 })).toBe(0);
    expect(type.compare({ a: 1 }, { a: 2 })).not.toBe(0);
    expect(type.compare([1, 2], [2, 1])).not.toBe(0);
  });
});
