import { describe, expect, it } from "vitest";
import { decimalType } from "../types/decimal.js";
import { enumType } from "../types/enum.js";
import type { AttrType } from "../types/type.js";
import { call, type Expr, exists, lit, op, ref, template } from "./ast.js";
import { type EvalScope, evaluate, matches } from "./evaluate.js";
import { ExpressionSyntaxError, expr, parseExpr } from "./expr.js";
import { ExpressionError } from "./functions/function.js";
import { PLACEHOLDER } from "./parse/tokenizer.js";

describe("interpolation", () => {
  it("turns values into literals, never syntax", () => {
    const n = 3;
    expect(expr`priority == "urgent" and count(comments) > ${n}`).toStrictEqual(
      op(
        "and",
        op("==", ref("priority"), lit("urgent")),
        op(">", { kind: "aggregate", aggregate: "count", path: ["comments"] }, lit(3)),
      ),
    );
  });

  it("keeps a malicious string one literal", () => {
    const input = 'x" or true or "';
    expect(expr`name == ${input}`).toStrictEqual(op("==", ref("name"), lit(input)));
    const code = "1) or (true";
    expect(expr`id == ${code} and ok`).toStrictEqual(op("and", op("==", ref("id"), lit(code)), ref("ok")));
    expect(expr`${"status"} == 1`).toStrictEqual(op("==", lit("status"), lit(1)));
  });

  it("keeps any value as it is: lists, objects, dates, nil", () => {
    const list = ["a", "b"];
    const object = { kind: "not-a-node", value: 1 };
    expect(expr`x in ${list}`).toStrictEqual(op("in", ref("x"), lit(list)));
    expect(expr`x == ${object}`).toStrictEqual(op("==", ref("x"), lit(object)));
    expect(expr`x == ${null}`).toStrictEqual(op("==", ref("x"), lit(null)));
    // Undefined becomes nil so the tree survives JSON.
    expect(expr`x == ${undefined}`).toStrictEqual(op("==", ref("x"), lit(null)));
  });

  it("embeds an interpolated expression node (composition)", () => {
    const open = expr`status == "open"`;
    const mine = op("==", ref("owner_id"), template("actor", "id"));
    expect(expr`${open} and ${mine}`).toStrictEqual(op("and", open, mine));
    expect(expr`not (${open} or x)`).toStrictEqual({ kind: "not", operand: op("or", open, ref("x")) });
    expect(expr`exists(comments, ${open})`).toStrictEqual(exists(["comments"], open));
  });

  it("puts interpolated values in lists and negates interpolated numbers", () => {
    const a = "x";
    expect(expr`s in [${a}, "y", ${[1]}]`).toStrictEqual(op("in", ref("s"), lit(["x", "y", [1]])));
    expect(expr`n > -${5}`).toStrictEqual(op(">", ref("n"), lit(-5)));
    expect(expr`[${lit(2)}]`).toStrictEqual(lit([2]));
  });

  it("reads the raw template text, so escapes are the expression language's", () => {
    expect(expr`x == "a\"b\\c\n"`).toStrictEqual(op("==", ref("x"), lit('a"b\\c\n')));
  });

  it("rejects interpolations where a name or a list value belongs", () => {
    const name = "comments";
    expect(() => expr`exists(${name})`).toThrow(
      /expected a relationship path but found an interpolated value/,
    );
    expect(() => expr`^actor(${name})`).toThrow(/expected a field path but found an interpolated value/);
    expect(() => expr`[${ref("a")}]`).toThrow(/lists may hold only values/);
    expect(() => expr`-${ref("a")}`).toThrow(/unary minus applies only to numbers/);
    expect(() => expr`a ${1}`).toThrow(/unexpected an interpolated value/);
  });

  it("shows interpolations as a placeholder in error messages and counts them in positions", () => {
    const e = (() => {
      try {
        expr`a == ${1} )`;
      } catch (error) {
        return error;
      }
    })();
    expect(e).toBeInstanceOf(ExpressionSyntaxError);
    expect((e as ExpressionSyntaxError).source).toBe(`a == ${PLACEHOLDER} )`);
    expect(PLACEHOLDER).toBe(["$", "{…}"].join(""));
    expect((e as ExpressionSyntaxError).position).toBe(10);
  });

  it("hints when an interpolation is put in quotes", () => {
    const v = "x";
    expect(() => expr`a == "${v}"`).toThrow(/unterminated string \(an interpolation needs no quotes/);
  });

  it("parseExpr reads plain text like the template", () => {
    expect(parseExpr('priority == "urgent"')).toStrictEqual(expr`priority == "urgent"`);
  });
});

/** A record with fields, types and related records, as the memory data layer's scopes behave. */
function scopeOf(
  row: Record<string, unknown>,
  relations: Record<string, Record<string, unknown>[]> = {},
  types: Record<string, AttrType<unknown>> = {},
  parentScope?: EvalScope,
): EvalScope {
  const scope: EvalScope = {
    get: (r) => {
      let value: unknown = row;
      for (const segment of [...r.path, r.name]) value = (value as Record<string, unknown> | null)?.[segment];
      return value;
    },
    typeOf: (r) => (r.path.length ? undefined : types[r.name]),
    related: (path) => (relations[path.join(".")] ?? []).map((related) => scopeOf(related, {}, {}, scope)),
    parent: parentScope,
  };
  return scope;
}

const NOW = "2026-11-22T02:31:34.123456Z";
const run = (e: Expr, scope: EvalScope) => evaluate(e, scope, { now: () => NOW });

describe("evaluating parsed expressions", () => {
  const ticket = scopeOf(
    {
      priority: "high",
      subject: "Printer on fire",
      reporter_id: 7,
      quantity: 3,
      price: "19.99",
      due: "2026-11-20",
      reporter: { name: "Ann", org: { name: "Acme" } },
    },
    {
      comments: [
        { author_id: 7, score: 5, body: "same here" },
        { author_id: 8, score: 1, body: null },
      ],
      items: [{ price: 2 }, { price: 5 }, { price: null }],
    },
    { priority: enumType(["low", "normal", "high", "urgent"]), price: decimalType() },
  );

  it("filters with comparisons, typed order and aggregates", () => {
    const min = "normal";
    expect(run(expr`priority > ${min} and count(comments) == 2`, ticket)).toBe(true);
    expect(run(expr`count(comments, score > 2) == 1 and sum(items.price) == 7`, ticket)).toBe(true);
    expect(
      run(
        expr`max(items.price) == 5 and "same here" in list(comments.body) and length(list(comments.body)) == 1`,
        ticket,
      ),
    ).toBe(true);
    expect(run(expr`exists(comments, author_id == parent(reporter_id))`, ticket)).toBe(true);
    expect(run(expr`exists(comments, author_id == 9)`, ticket)).toBe(false);
    expect(run(expr`reporter.org.name <> "/" <> lower(reporter.name)`, ticket)).toBe("Acme/ann");
    expect(matches(expr`contains(lower(subject), "fire") and not isNil(due)`, ticket)).toBe(true);
  });

  it("does arithmetic with functions", () => {
    expect(run(expr`round(price * quantity, 1)`, ticket)).toBe("60");
    expect(run(expr`rem(quantity * 7, 4) + 1`, ticket)).toBe(2);
    expect(run(expr`if(due < today(), "overdue", "on time")`, ticket)).toBe("overdue");
    expect(run(expr`dateAdd(due, 1, "month") > today()`, ticket)).toBe(true);
    expect(run(expr`cond(quantity > 5, "many", quantity > 1, "some", "one")`, ticket)).toBe("some");
  });

  it("does not evaluate error() in a branch not taken", () => {
    const check = (x: number) => run(expr`if(x > 5, error("too big", ${{ max: 5 }}), x)`, scopeOf({ x }));
    expect(check(3)).toBe(3);
    expect(() => check(9)).toThrow(ExpressionError);
    try {
      check(9);
    } catch (e) {
      expect(e).toMatchObject({ message: "too big", details: { max: 5 } });
    }
    expect(run(expr`cond(x > 5, error("too big"), x < 0, error("negative"), x)`, scopeOf({ x: 2 }))).toBe(2);
    expect(() =>
      run(expr`cond(x > 5, error("too big"), x < 0, error("negative"), x)`, scopeOf({ x: -1 })),
    ).toThrow("negative");
  });

  it("propagates nil from a missing field through comparisons and functions", () => {
    const none = scopeOf({});
    expect(run(expr`lower(name) == "ann"`, none)).toBeNull();
    expect(run(expr`isNil(name) or length(name) > 3`, none)).toBe(true);
    expect(run(expr`coalesce(name, "anonymous")`, none)).toBe("anonymous");
    expect(matches(expr`if(name == "x", true, false)`, none)).toBe(false);
  });

  it("composes parsed fragments and matches the hand-built tree", () => {
    const open = expr`status == "open"`;
    const composed = expr`${open} and count(comments) > ${1}`;
    expect(composed).toStrictEqual(
      op(
        "and",
        op("==", ref("status"), lit("open")),
        op(">", { kind: "aggregate", aggregate: "count", path: ["comments"] }, lit(1)),
      ),
    );
    expect(run(composed, scopeOf({ status: "open" }, { comments: [{}, {}] }))).toBe(true);
    expect(run(expr`${call("now")} == now()`, ticket)).toBe(true);
  });
});
