import { describe, expect, it } from "vitest";
import { type AggregateNode, call, exists, lit, op, parent, ref, template } from "../ast.js";
import { ExpressionSyntaxError, parseExpr } from "../expr.js";
import { builtinFunctions } from "../functions/index.js";

const p = (text: string) => parseExpr(text);

function reasonOf(text: string): string {
  try {
    parseExpr(text);
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) return `${e.reason} @${e.position}`;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(text)} not to parse`);
}

describe("exists", () => {
  it("without a condition has no where key", () => {
    expect(p("exists(comments)")).toStrictEqual({ kind: "exists", path: ["comments"] });
    expect(p("exists(comments.author)")).toStrictEqual({ kind: "exists", path: ["comments", "author"] });
  });

  it("with a condition", () => {
    expect(p('exists(comments.author, role == "admin")')).toStrictEqual(
      exists(["comments", "author"], op("==", ref("role"), lit("admin"))),
    );
    expect(p("exists(comments, author_id == parent(reporter_id))")).toStrictEqual(
      exists(["comments"], op("==", ref("author_id"), parent(ref("reporter_id")))),
    );
  });

  it.each([
    ["exists()", 'expected a relationship path but found ")" @7'],
    ["exists(1)", 'expected a relationship path but found "1" @7'],
    ["exists(comments", 'expected "," but found end of expression @15'],
    ["exists(a, b, c)", 'expected ")" but found "," @11'],
    ["exists(a.lower(b))", 'expected "," but found "(" @14'],
  ])("%s fails", (text, reason) => {
    expect(reasonOf(text)).toBe(reason);
  });
});

describe("inline aggregates", () => {
  const agg = (node: Omit<AggregateNode, "kind">): AggregateNode => ({ kind: "aggregate", ...node });

  it("count counts the records at the end of the path", () => {
    expect(p("count(comments)")).toStrictEqual(agg({ aggregate: "count", path: ["comments"] }));
    expect(p("count(comments.author)")).toStrictEqual(
      agg({ aggregate: "count", path: ["comments", "author"] }),
    );
    expect(p("count(comments, score > 2)")).toStrictEqual(
      agg({ aggregate: "count", path: ["comments"], where: op(">", ref("score"), lit(2)) }),
    );
  });

  it.each(["sum", "avg", "min", "max", "first", "list"] as const)(
    "%s takes path.field, the last segment the field",
    (kind) => {
      expect(p(`${kind}(items.price)`)).toStrictEqual(
        agg({ aggregate: kind, path: ["items"], field: "price" }),
      );
      expect(p(`${kind}(order.items.price, qty > 1)`)).toStrictEqual(
        agg({
          aggregate: kind,
          path: ["order", "items"],
          field: "price",
          where: op(">", ref("qty"), lit(1)),
        }),
      );
    },
  );

  it("composes with operators", () => {
    expect(p("count(comments) > 3 and sum(items.price) >= 10")).toStrictEqual(
      op(
        "and",
        op(">", agg({ aggregate: "count", path: ["comments"] }), lit(3)),
        op(">=", agg({ aggregate: "sum", path: ["items"], field: "price" }), lit(10)),
      ),
    );
  });

  it.each([
    ["sum(price)", "sum needs a relationship path and a field, such as sum(items.price) @4"],
    ["first(x)", "first needs a relationship path and a field, such as first(items.price) @6"],
    ["count()", 'expected a relationship path but found ")" @6'],
    ['count("x")', 'expected a relationship path but found the string "x" @6'],
    ["max(a.b, )", 'unexpected ")" @9'],
  ])("%s fails", (text, reason) => {
    expect(reasonOf(text)).toBe(reason);
  });
});

describe("parent and templates", () => {
  it("parent wraps one expression", () => {
    expect(p("parent(a.b + 1)")).toStrictEqual(parent(op("+", ref("b", ["a"]), lit(1))));
    expect(reasonOf("parent(a, b)")).toBe('expected ")" but found "," @8');
    expect(reasonOf("parent()")).toBe('unexpected ")" @7');
  });

  it("templates become template nodes", () => {
    expect(p("^actor(id)")).toStrictEqual(template("actor", "id"));
    expect(p("^actor(org.id)")).toStrictEqual(template("actor", "org", "id"));
    expect(p("^arg(status)")).toStrictEqual(template("arg", "status"));
    expect(p("^context(tenant.plan)")).toStrictEqual(template("context", "tenant", "plan"));
    expect(p("owner_id == ^actor(id)")).toStrictEqual(op("==", ref("owner_id"), template("actor", "id")));
  });

  it.each([
    ["^user(id)", "unknown template ^user; templates are ^actor, ^arg, ^context @1"],
    ["^actor()", 'expected a field path but found ")" @7'],
    ["^actor(1)", 'expected a field path but found "1" @7'],
    ["^actor", 'expected "(" but found end of expression @6'],
    ["^(id)", 'expected ^actor, ^arg, ^context after "^" but found "(" @1'],
    ["^actor(a b)", 'expected ")" but found "b" @9'],
  ])("%s fails", (text, reason) => {
    expect(reasonOf(text)).toBe(reason);
  });
});

describe("calculations with named arguments", () => {
  it("become references carrying args", () => {
    expect(p('fullName(sep: "-")')).toStrictEqual({
      kind: "ref",
      path: [],
      name: "fullName",
      args: { sep: lit("-") },
    });
    expect(p('author.fullName(sep: " ", upper: x > 1)')).toStrictEqual({
      kind: "ref",
      path: ["author"],
      name: "fullName",
      args: { sep: lit(" "), upper: op(">", ref("x"), lit(1)) },
    });
    expect(p("a.b.c(n: ^arg(n)) == 2")).toStrictEqual(
      op("==", { kind: "ref", path: ["a", "b"], name: "c", args: { n: template("arg", "n") } }, lit(2)),
    );
  });

  it.each([
    ['fullName(sep: "-", sep: "+")', "argument sep is given twice @19"],
    ["fullName(sep: 1, 2)", "positional arguments cannot follow named ones @17"],
    ["fullName(1, sep: 2)", "named arguments cannot follow positional ones @12"],
    ["lower(text: x)", "lower takes positional arguments, not named ones @6"],
    ["fullName(sep:)", 'unexpected ")" @13'],
  ])("%s fails", (text, reason) => {
    expect(reasonOf(text)).toBe(reason);
  });
});

describe("unknown functions and arity", () => {
  const known = [
    ...builtinFunctions.keys(),
    "count",
    "sum",
    "avg",
    "min",
    "max",
    "first",
    "list",
    "exists",
    "parent",
  ]
    .sort()
    .join(", ");

  it("rejects an unknown function called with positional arguments, listing the known ones", () => {
    expect(reasonOf("foo(1)")).toBe(`unknown function foo; functions are ${known} @0`);
    expect(reasonOf("a == author.lower(x)")).toBe(`unknown function author.lower; functions are ${known} @5`);
    expect(known).toContain("if, isNil");
  });

  it("hints that a calculation without arguments has no parentheses", () => {
    expect(reasonOf("fullName()")).toBe(
      `unknown function fullName; functions are ${known} (a calculation without arguments is written without parentheses) @0`,
    );
  });

  it.each([
    ["now(1)", "now takes no arguments, got 1"],
    ["lower()", "lower takes 1 argument, got 0"],
    ["lower(a, b)", "lower takes 1 argument, got 2"],
    ["round(1, 2, 3)", "round takes 1 to 2 arguments, got 3"],
    ["if(a)", "if takes 2 to 3 arguments, got 1"],
    ["coalesce()", "coalesce takes at least 1 argument, got 0"],
    ["cond(a)", "cond takes at least 2 arguments, got 1"],
    ["dateAdd(a, 1)", "dateAdd takes 3 arguments, got 2"],
  ])("%s fails with its arity", (text, reason) => {
    expect(reasonOf(`x or ${text}`)).toBe(`${reason} @5`);
  });

  it("accepts every arity within the bounds", () => {
    expect(p("if(a, b)")).toStrictEqual(call("if", ref("a"), ref("b")));
    expect(p("if(a, b, c)")).toStrictEqual(call("if", ref("a"), ref("b"), ref("c")));
    expect(p("coalesce(a, b, c, d, e)")).toStrictEqual(
      call("coalesce", ...["a", "b", "c", "d", "e"].map((n) => ref(n))),
    );
  });
});
