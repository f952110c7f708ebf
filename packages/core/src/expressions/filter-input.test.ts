import { describe, expect, it } from "vitest";
import { enumType } from "../types/enum.js";
import { ciStringType } from "../types/string.js";
import type { AttrType } from "../types/type.js";
import { call, type Expr, isExpr, lit, not, op, ref } from "./ast.js";
import { evaluate } from "./evaluate.js";
import { filterInputToExpr } from "./filter-input.js";

interface Ticket {
  id: number;
  subject: string;
  priority: "low" | "normal" | "high" | "urgent";
  views: number | null;
  notes: string | null;
  tags: string[];
}

const rows: Ticket[] = [
  { id: 1, subject: "Printer on fire", priority: "urgent", views: 10, notes: null, tags: ["hw"] },
  { id: 2, subject: "Password reset", priority: "low", views: 0, notes: "done", tags: [] },
  { id: 3, subject: "printer jam", priority: "normal", views: null, notes: "Paper", tags: ["hw", "paper"] },
  { id: 4, subject: "VPN down", priority: "high", views: 3, notes: "", tags: ["net"] },
];
const types: Record<string, AttrType<unknown>> = {
  priority: enumType(["low", "normal", "high", "urgent"]),
  subject: ciStringType(),
};

/** The ids of the sample rows the filter's expression matches (only a `true` result matches). */
function select(input: Record<string, unknown>): number[] {
  const expr = filterInputToExpr(input);
  return rows
    .filter(
      (row) =>
        expr === undefined ||
        evaluate(expr, {
          get: (r) => (row as unknown as Record<string, unknown>)[r.name],
          typeOf: (r) => types[r.name],
        }) === true,
    )
    .map((row) => row.id);
}

describe("filterInputToExpr: shapes", () => {
  it("turns a plain value into equality and null into isNil", () => {
    expect(filterInputToExpr({ priority: "low" })).toEqual(op("==", ref("priority"), lit("low")));
    expect(filterInputToExpr({ notes: null })).toEqual(call("isNil", ref("notes")));
  });

  it("joins several keys and operators with and", () => {
    expect(filterInputToExpr({ priority: "low", views: { gt: 1, lt: 5 } })).toEqual(
      op(
        "and",
        op("and", op("==", ref("priority"), lit("low")), op(">", ref("views"), lit(1))),
        op("<", ref("views"), lit(5)),
      ),
    );
  });

  it("has no filter for an empty input or undefined values", () => {
    expect(filterInputToExpr({})).toBeUndefined();
    expect(filterInputToExpr({ priority: undefined, and: [] })).toBeUndefined();
  });

  it("keeps user values as literals, never as syntax", () => {
    const e = filterInputToExpr({ subject: { eq: "x" }, notes: { in: ["a"] } });
    expect(e).toEqual(op("and", op("==", ref("subject"), lit("x")), op("in", ref("notes"), lit(["a"]))));
  });
});

describe("filterInputToExpr: meaning on rows", () => {
  it("equality and null", () => {
    expect(select({ priority: "low" })).toEqual([2]);
    expect(select({ subject: "PRINTER ON FIRE" })).toEqual([1]);
    expect(select({ notes: null })).toEqual([1]);
    expect(select({ views: 0 })).toEqual([2]);
    expect(select({ notes: "" })).toEqual([4]);
  });

  it("comparison operators, with nil never matching", () => {
    expect(select({ views: { eq: 3 } })).toEqual([4]);
    expect(select({ views: { notEq: 3 } })).toEqual([1, 2]);
    expect(select({ views: { gt: 3 } })).toEqual([1]);
    expect(select({ views: { gte: 3 } })).toEqual([1, 4]);
    expect(select({ views: { lt: 3 } })).toEqual([2]);
    expect(select({ views: { lte: 3 } })).toEqual([2, 4]);
    expect(select({ views: { gte: 1, lte: 5 } })).toEqual([4]);
  });

  it("compares enums in declared order", () => {
    expect(select({ priority: { gte: "high" } })).toEqual([1, 4]);
    expect(select({ priority: { lt: "normal" } })).toEqual([2]);
  });

  it("in and notIn (nil is in neither)", () => {
    expect(select({ priority: { in: ["low", "high"] } })).toEqual([2, 4]);
    expect(select({ priority: { notIn: ["low", "high"] } })).toEqual([1, 3]);
    expect(select({ views: { in: [0, 10] } })).toEqual([1, 2]);
    expect(select({ views: { notIn: [0, 10] } })).toEqual([4]);
    expect(select({ views: { in: [] } })).toEqual([]);
    expect(select({ views: { notIn: [] } })).toEqual([1, 2, 4]);
  });

  it("isNil true and false", () => {
    expect(select({ views: { isNil: true } })).toEqual([3]);
    expect(select({ views: { isNil: false } })).toEqual([1, 2, 4]);
    expect(select({ notes: { isNil: false } })).toEqual([2, 3, 4]);
  });

  it("contains, startsWith and endsWith (case-sensitive; nil never matches)", () => {
    expect(select({ subject: { contains: "rint" } })).toEqual([1, 3]);
    expect(select({ subject: { startsWith: "Printer" } })).toEqual([1]);
    expect(select({ subject: { endsWith: "down" } })).toEqual([4]);
    expect(select({ notes: { contains: "a" } })).toEqual([3]);
    expect(select({ tags: { contains: "hw" } })).toEqual([1, 3]);
    expect(select({ notes: { startsWith: "" } })).toEqual([2, 3, 4]);
  });

  it("nests and, or and not", () => {
    expect(select({ or: [{ priority: "low" }, { views: { gt: 5 } }] })).toEqual([1, 2]);
    expect(select({ and: [{ tags: { contains: "hw" } }, { views: { gte: 0 } }] })).toEqual([1]);
    expect(select({ not: { priority: "low" } })).toEqual([1, 3, 4]);
    // not over nil stays nil: row 3 (views nil) drops out, as does row 1 (notes nil) below.
    expect(select({ not: { views: { gt: 5 } } })).toEqual([2, 4]);
    expect(select({ not: { notes: { contains: "o" } } })).toEqual([3, 4]);
    expect(
      select({ priority: { notIn: ["low"] }, or: [{ notes: null }, { not: { tags: { contains: "net" } } }] }),
    ).toEqual([1, 3]);
    expect(
      select({
        or: [
          { and: [{ priority: { gte: "high" } }, { not: { views: { lt: 5 } } }] },
          { not: { or: [{ views: { gte: 1 } }, { notes: { isNil: true } }] } },
        ],
      }),
    ).toEqual([1, 2]);
  });

  it("an empty or matches nothing, an empty and matches everything", () => {
    expect(filterInputToExpr({ or: [] })).toEqual(lit(false));
    expect(select({ or: [] })).toEqual([]);
    expect(select({ and: [] })).toEqual([1, 2, 3, 4]);
    expect(select({ priority: "low", or: [] })).toEqual([]);
    expect(select({ not: { or: [] } })).toEqual([1, 2, 3, 4]);
  });

  it("a condition-free part means everything, also inside or and not", () => {
    // {} and { views: undefined } set no condition: they match every row.
    expect(select({ or: [{}, { priority: "low" }] })).toEqual([1, 2, 3, 4]);
    expect(select({ or: [{}] })).toEqual([1, 2, 3, 4]);
    expect(select({ or: [{ views: undefined }, { priority: "low" }] })).toEqual([1, 2, 3, 4]);
    expect(select({ and: [{}, { priority: "low" }] })).toEqual([2]);
    expect(select({ not: {} })).toEqual([]);
    expect(select({ not: { and: [] } })).toEqual([]);
  });
});

describe("filterInputToExpr: nil operands", () => {
  it("treats { eq: null } as isNil and { notEq: null } as not isNil, like a plain null", () => {
    expect(select({ notes: { eq: null } })).toEqual(select({ notes: null }));
    expect(select({ notes: { eq: null } })).toEqual([1]);
    expect(select({ notes: { notEq: null } })).toEqual([2, 3, 4]);
  });
});

describe("isExpr", () => {
  const nodes: Expr[] = [
    ref("a"),
    ref("name", ["author"]),
    lit(1),
    lit(null),
    op("==", ref("a"), lit(1)),
    not(lit(true)),
    call("isNil", ref("a")),
  ];
  it.each(nodes.map((n) => [n.kind, n] as const))("recognises a %s node", (_, node) => {
    expect(isExpr(node)).toBe(true);
    expect(isExpr(JSON.parse(JSON.stringify(node)))).toBe(true);
  });

  it("rejects filter objects and other values", () => {
    for (const value of [
      { priority: "low" },
      { kind: "open" },
      { kind: "ref" },
      { kind: "ref", name: "a" },
      { kind: "literal", value: 1, extra: true },
      { kind: { eq: "ref" }, path: [], name: "a" },
      // Filters on a field named "kind" whose value is an Object.prototype member.
      { kind: "constructor" },
      { kind: "hasOwnProperty" },
      { kind: "toString" },
      { kind: "__proto__" },
      { or: [{ a: 1 }] },
      {},
      [],
      null,
      undefined,
      "ref",
      1,
    ]) {
      expect(isExpr(value), JSON.stringify(value)).toBe(false);
    }
  });

  it("the output of filterInputToExpr is an expression, its input is not", () => {
    const input = { priority: { in: ["low"] }, notes: null };
    expect(isExpr(input)).toBe(false);
    expect(isExpr(filterInputToExpr(input))).toBe(true);
  });
});
