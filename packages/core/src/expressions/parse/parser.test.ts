import { describe, expect, it } from "vitest";
import { call, type Expr, isExpr, lit, not, op, ref } from "../ast.js";
import { ExpressionSyntaxError, parseExpr } from "../expr.js";

const p = (text: string) => parseExpr(text);

/** The error `parseExpr` throws, so its message and position can be checked. */
function syntaxError(text: string): ExpressionSyntaxError {
  try {
    parseExpr(text);
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(text)} not to parse`);
}

describe("values", () => {
  it.each([
    ["42", 42],
    ["3.25", 3.25],
    ["1e3", 1000],
    ["2.5E-1", 0.25],
    ["-7", -7],
    ["- 7.5", -7.5],
    ["-0", 0],
    ["true", true],
    ["false", false],
    ["nil", null],
    ['"text"', "text"],
    ['""', ""],
    ['"say \\"hi\\""', 'say "hi"'],
    ['"back\\\\slash"', "back\\slash"],
    ['"two\\nlines"', "two\nlines"],
    ['"a\nb"', "a\nb"],
    ['"and or not"', "and or not"],
  ] as const)("%s", (text, value) => {
    expect(p(text)).toStrictEqual(lit(value));
  });

  it("keeps negative zero out of the tree", () => {
    expect(Object.is((p("-0") as { value: unknown }).value, 0)).toBe(true);
  });

  it("parses list literals into one literal array", () => {
    expect(p('[1, 2, "a"]')).toStrictEqual(lit([1, 2, "a"]));
    expect(p("[]")).toStrictEqual(lit([]));
    expect(p("[-1, nil, true, [2, 3]]")).toStrictEqual(lit([-1, null, true, [2, 3]]));
    expect(p("[(1)]")).toStrictEqual(lit([1]));
  });
});

describe("references", () => {
  it("reads names and dotted paths", () => {
    expect(p("status")).toStrictEqual(ref("status"));
    expect(p("reporter.org.name")).toStrictEqual(ref("name", ["reporter", "org"]));
    expect(p("_x1")).toStrictEqual(ref("_x1"));
  });

  it("treats keyword-like prefixes as names", () => {
    expect(p("nilled")).toStrictEqual(ref("nilled"));
    expect(p("order")).toStrictEqual(ref("order"));
    expect(p("notes")).toStrictEqual(ref("notes"));
    expect(p("index")).toStrictEqual(ref("index"));
  });

  it("produces nodes isExpr accepts", () => {
    for (const text of ["a.b", "[1]", "not a", "a == 1", 'lower("A")']) expect(isExpr(p(text))).toBe(true);
  });
});

describe("operators", () => {
  it.each(["==", "!=", "<", "<=", ">", ">="] as const)("comparison %s", (o) => {
    expect(p(`a ${o} 1`)).toStrictEqual(op(o, ref("a"), lit(1)));
  });

  it("in and not in", () => {
    expect(p('status in ["open", "new"]')).toStrictEqual(op("in", ref("status"), lit(["open", "new"])));
    expect(p("status not in [1]")).toStrictEqual(not(op("in", ref("status"), lit([1]))));
    expect(p("status in tags")).toStrictEqual(op("in", ref("status"), ref("tags")));
  });

  it("arithmetic and concatenation", () => {
    expect(p("a + 1")).toStrictEqual(op("+", ref("a"), lit(1)));
    expect(p("a - 1")).toStrictEqual(op("-", ref("a"), lit(1)));
    expect(p("a-1")).toStrictEqual(op("-", ref("a"), lit(1)));
    expect(p("a * 2")).toStrictEqual(op("*", ref("a"), lit(2)));
    expect(p("a / 2")).toStrictEqual(op("/", ref("a"), lit(2)));
    expect(p('first <> " " <> last')).toStrictEqual(op("<>", op("<>", ref("first"), lit(" ")), ref("last")));
    expect(p("a - -1")).toStrictEqual(op("-", ref("a"), lit(-1)));
  });

  it("not, and, or", () => {
    expect(p("not a")).toStrictEqual(not(ref("a")));
    expect(p("not not a")).toStrictEqual(not(not(ref("a"))));
    expect(p("a and b")).toStrictEqual(op("and", ref("a"), ref("b")));
    expect(p("a or b")).toStrictEqual(op("or", ref("a"), ref("b")));
  });
});

describe("precedence and associativity", () => {
  const cases: [string, Expr][] = [
    ["a or b and c", op("or", ref("a"), op("and", ref("b"), ref("c")))],
    ["a and b or c", op("or", op("and", ref("a"), ref("b")), ref("c"))],
    ["a or b or c", op("or", op("or", ref("a"), ref("b")), ref("c"))],
    ["a and b and c", op("and", op("and", ref("a"), ref("b")), ref("c"))],
    ["not a and b", op("and", not(ref("a")), ref("b"))],
    ["not a == 1", not(op("==", ref("a"), lit(1)))],
    ["not a or b", op("or", not(ref("a")), ref("b"))],
    ["a and not b == 1", op("and", ref("a"), not(op("==", ref("b"), lit(1))))],
    ["a == 1 and b != 2", op("and", op("==", ref("a"), lit(1)), op("!=", ref("b"), lit(2)))],
    ["a + 1 > b * 2", op(">", op("+", ref("a"), lit(1)), op("*", ref("b"), lit(2)))],
    ["a <> b == c", op("==", op("<>", ref("a"), ref("b")), ref("c"))],
    ["a <> b + 1", op("<>", ref("a"), op("+", ref("b"), lit(1)))],
    ["a + b * c", op("+", ref("a"), op("*", ref("b"), ref("c")))],
    ["a * b + c", op("+", op("*", ref("a"), ref("b")), ref("c"))],
    ["a - b - c", op("-", op("-", ref("a"), ref("b")), ref("c"))],
    ["a / b / c", op("/", op("/", ref("a"), ref("b")), ref("c"))],
    ["a - b + c", op("+", op("-", ref("a"), ref("b")), ref("c"))],
    ["(a - b) * c", op("*", op("-", ref("a"), ref("b")), ref("c"))],
    ["a - (b - c)", op("-", ref("a"), op("-", ref("b"), ref("c")))],
    ["-2 * 3", op("*", lit(-2), lit(3))],
    ["(a or b) and c", op("and", op("or", ref("a"), ref("b")), ref("c"))],
    ["(a == 1) == true", op("==", op("==", ref("a"), lit(1)), lit(true))],
    ["a in [1] or b", op("or", op("in", ref("a"), lit([1])), ref("b"))],
    ["a + 1 in b", op("in", op("+", ref("a"), lit(1)), ref("b"))],
  ];
  it.each(cases)("%s", (text, expected) => {
    expect(p(text)).toStrictEqual(expected);
  });

  it("ignores whitespace and line breaks", () => {
    expect(p("  a\n  and\tb  ")).toStrictEqual(op("and", ref("a"), ref("b")));
  });
});

describe("syntax errors", () => {
  it("shows the position and the text with a caret", () => {
    const e = syntaxError("status == )");
    expect(e.message).toBe('unexpected ")" at 10 in: status == )\n                                   ^');
    expect(e.reason).toBe('unexpected ")"');
    expect(e.position).toBe(10);
    expect(e.source).toBe("status == )");
    expect(e.name).toBe("ExpressionSyntaxError");
    expect(e).toBeInstanceOf(Error);
  });

  it("shows only the offending line of a multi-line text", () => {
    const e = syntaxError("a == 1\n  and b ==\n\t)");
    expect(e.message).toBe('unexpected ")" at 19 (line 3, column 2) in:\n\t)\n\t^');
  });

  it.each([
    ["", "unexpected end of expression", 0],
    ["a ==", "unexpected end of expression", 4],
    ["a b", 'unexpected "b"', 2],
    ["(a", 'expected ")" but found end of expression', 2],
    ["a)", 'unexpected ")"', 1],
    ["a = 1", 'unexpected "=" (equality is ==)', 2],
    ["!a", 'unexpected "!" (negation is not)', 0],
    ["a && b", 'unexpected "&" (conjunction is and)', 2],
    ["a || b", 'unexpected "|" (disjunction is or)', 2],
    ["a == 'x'", `unexpected "'" (strings are in double quotes)`, 5],
    ["a # b", 'unexpected "#"', 2],
    ['"open', "unterminated string", 0],
    ['"a\\tb"', 'unknown escape "\\t" (known: \\" \\\\ \\n)', 2],
    ["12abc", 'unexpected "a"', 2],
    ["99999999999999999999", "99999999999999999999 is too large to be exact", 0],
    ["1e999", "1e999 is too large to be exact", 0],
    ["a.", 'expected a field name after "." but found end of expression', 2],
    ["a.in", 'expected a field name after "." but found "in"', 2],
    ["and", 'unexpected "and"', 0],
    ["a == not b", 'unexpected "not"', 5],
    ["a == b == c", '"==" cannot follow a comparison; join comparisons with and/or, or add parentheses', 7],
    ["a < b < c", '"<" cannot follow a comparison; join comparisons with and/or, or add parentheses', 6],
    ["a in b in c", '"in" cannot follow a comparison; join comparisons with and/or, or add parentheses', 7],
    [
      "a == 1 not in b",
      '"not" cannot follow a comparison; join comparisons with and/or, or add parentheses',
      7,
    ],
    ["-a", "unary minus applies only to numbers (write 0 - x to negate an expression)", 0],
    ["-(1)", "unary minus applies only to numbers (write 0 - x to negate an expression)", 0],
    ["- -1", "unary minus applies only to numbers (write 0 - x to negate an expression)", 0],
    ["[a]", "lists may hold only values", 1],
    ["[1, b.c]", "lists may hold only values", 4],
    ["[1, 1 + 2]", "lists may hold only values", 4],
    ["[1 2]", 'expected "," but found "2"', 3],
    ["[1,", "unexpected end of expression", 3],
    ["(", "unexpected end of expression", 1],
    ["a == ,", 'unexpected ","', 5],
    ['a "b"', 'unexpected the string "b"', 2],
  ] as const)("%j: %s", (text, reason, position) => {
    const e = syntaxError(text);
    expect(e.reason).toBe(reason);
    expect(e.position).toBe(position);
    expect(e.message.startsWith(`${reason} at ${position} in: ${text}\n`)).toBe(true);
  });
});

describe("calls of built-in functions", () => {
  it("builds call nodes", () => {
    expect(p("isNil(a)")).toStrictEqual(call("isNil", ref("a")));
    expect(p('contains(subject, "fire")')).toStrictEqual(call("contains", ref("subject"), lit("fire")));
    expect(p("now()")).toStrictEqual(call("now"));
    expect(p("coalesce(a, b.c, 0)")).toStrictEqual(call("coalesce", ref("a"), ref("c", ["b"]), lit(0)));
    expect(p("if(a > 1, lower(b), nil)")).toStrictEqual(
      call("if", op(">", ref("a"), lit(1)), call("lower", ref("b")), lit(null)),
    );
    expect(p("not isNil(a) and round(x, 2) >= 1")).toStrictEqual(
      op("and", not(call("isNil", ref("a"))), op(">=", call("round", ref("x"), lit(2)), lit(1))),
    );
  });
});
