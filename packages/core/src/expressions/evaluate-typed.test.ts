import { describe, expect, it } from "vitest";
import { decimalType } from "../types/decimal.js";
import { integerType } from "../types/number.js";
import type { AttrType } from "../types/type.js";
import { call, type Expr, lit, not, op, ref } from "./ast.js";
import { type EvalScope, evaluate } from "./evaluate.js";
import { expr } from "./expr.js";

const row: Record<string, unknown> = { price: "19.99", quantity: 3, tags: ["a", "b"], meta: { x: 1, y: 2 } };
const types: Record<string, AttrType<unknown>> = { price: decimalType(), quantity: integerType() };
const scope: EvalScope = { get: (r) => row[r.name], typeOf: (r) => types[r.name] };
const ev = (e: Expr) => evaluate(e, scope);

describe("typed evaluation", () => {
  it("keeps decimal arithmetic exact whichever side the decimal is on", () => {
    expect(ev(op("*", ref("quantity"), ref("price")))).toBe("59.97");
    expect(ev(op("*", ref("price"), ref("quantity")))).toBe("59.97");
    expect(ev(op("+", ref("price"), lit(0.01)))).toBe("20");
  });

  it("compares a decimal with a number literal exactly", () => {
    expect(ev(op(">", ref("price"), lit(10.25)))).toBe(true);
    expect(ev(op("==", ref("price"), lit(19.99)))).toBe(true);
    expect(ev(op("in", ref("price"), lit([1, 19.99])))).toBe(true);
  });

  it("compares lists and maps by content", () => {
    expect(ev(op("==", ref("tags"), lit(["a", "b"])))).toBe(true);
    expect(ev(op("==", ref("meta"), lit({ y: 2, x: 1 })))).toBe(true);
    expect(ev(op("==", ref("tags"), lit(["b", "a"])))).toBe(false);
  });

  it("rejects `not` of a non-boolean and calls with the wrong number of arguments", () => {
    expect(() => ev(not(lit(5)))).toThrow(/boolean/);
    expect(() => ev(call("isNil", lit(1), lit(2)))).toThrow(/isNil takes 1 to 1 arguments/);
  });

  it("keeps an interpolated object shaped like a node as data, embedding only nodes made by code", () => {
    const fromRequest = JSON.parse('{"kind":"ref","path":[],"name":"price"}') as unknown;
    expect(expr`meta == ${fromRequest}`).toEqual(op("==", ref("meta"), lit(fromRequest)));
    const built = op(">", ref("quantity"), lit(1));
    expect(expr`${built} and quantity < 5`).toEqual(op("and", built, op("<", ref("quantity"), lit(5))));
  });
});
