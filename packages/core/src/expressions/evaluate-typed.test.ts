import { describe, expect, it } from "vitest";
import { decimalType } from "../types/decimal.js";
import { enumType } from "../types/enum.js";
import { integerType } from "../types/number.js";
import { ciStringType } from "../types/string.js";
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

describe("types inferred through functions, aggregates and parent (as the SQL compiler does)", () => {
  const mood = enumType(["bronze", "silver", "gold"]);
  const comments = [
    { amount: "1.0", mood: "gold" },
    { amount: "0.5", mood: "bronze" },
  ];
  const commentTypes: Record<string, AttrType<unknown>> = { amount: decimalType(), mood };
  const post: Record<string, unknown> = { price: "1.5", tag: "red" };
  const postTypes: Record<string, AttrType<unknown>> = { price: decimalType(), tag: ciStringType() };
  const postScope: EvalScope = {
    get: (r) => post[r.name],
    typeOf: (r) => postTypes[r.name],
    related: () =>
      comments.map((c) => ({
        get: (r) => c[r.name as keyof typeof c],
        typeOf: (r) => commentTypes[r.name],
        parent: postScope,
      })),
  };
  const evalPost = (text: Expr) => evaluate(text, postScope);

  it("compares and adds decimals reached through coalesce, round and arithmetic", () => {
    expect(evalPost(expr`coalesce(price, 0) == 1.5`)).toBe(true);
    expect(evalPost(expr`(coalesce(price, 0) + 0.2) == 1.7`)).toBe(true);
    expect(evalPost(expr`round(price, 0) > "10"`)).toBe(false);
    expect(evalPost(expr`(price * price) + 1`)).toBe("3.25");
  });

  it("types an aggregate by its field: decimal sums, enum order", () => {
    expect(evalPost(expr`sum(comments.amount) == 1.5`)).toBe(true);
    expect(evalPost(expr`max(comments.mood) < "silver"`)).toBe(false);
    expect(evalPost(expr`min(comments.mood) < "silver"`)).toBe(true);
  });

  it("keeps ciString and decimal semantics through coalesce and parent", () => {
    expect(evalPost(expr`coalesce(tag, "") == "RED"`)).toBe(true);
    expect(evalPost(expr`exists(comments, parent(price) == 1.5)`)).toBe(true);
    expect(evalPost(expr`if(price > 1, price, 0) == 1.50`)).toBe(true);
  });
});
