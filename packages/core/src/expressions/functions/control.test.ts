import { describe, expect, it } from "vitest";
import { call, lit } from "../ast.js";
import { evaluate } from "../evaluate.js";
import { parseExpr } from "../expr.js";
import { ExpressionError } from "./function.js";
import { builtinFunctions } from "./index.js";

const run = (text: string, row: Record<string, unknown> = {}) =>
  evaluate(
    parseExpr(text),
    { get: (r) => row[r.name], typeOf: () => undefined },
    { now: () => "2026-01-01T00:00:00.000000Z" },
  );

/** The ExpressionError an evaluation throws. */
function raised(text: string, row: Record<string, unknown> = {}): ExpressionError {
  try {
    run(text, row);
  } catch (e) {
    if (e instanceof ExpressionError) return e;
    throw e;
  }
  throw new Error(`expected ${text} to raise`);
}

describe("if", () => {
  it("takes the then branch only for true", () => {
    expect(run('if(true, "a", "b")')).toBe("a");
    expect(run('if(false, "a", "b")')).toBe("b");
    expect(run('if(nil, "a", "b")')).toBe("b");
    expect(run('if(missing, "a", "b")')).toBe("b");
    expect(run('if(x > 1, "big", "small")', { x: 2 })).toBe("big");
    expect(run('if(x > 1, "big", "small")', { x: null })).toBe("small");
  });

  it("gives nil without an else branch", () => {
    expect(run('if(false, "a")')).toBeNull();
    expect(run('if(nil, "a")')).toBeNull();
    expect(run('if(true, "a")')).toBe("a");
  });

  it("returns a nil branch as nil", () => {
    expect(run("if(true, nil, 1)")).toBeNull();
    expect(run("if(true, missing, 1)")).toBeNull();
  });

  it("evaluates only the branch taken", () => {
    expect(run('if(true, 1, error("no"))')).toBe(1);
    expect(run('if(false, error("no"), 2)')).toBe(2);
    expect(run('if(nil, error("no"))')).toBeNull();
    expect(raised('if(true, error("yes"), 1)').message).toBe("yes");
  });

  it("rejects a condition that is not a boolean", () => {
    expect(() => run("if(1, 2, 3)")).toThrow("if: the condition must be true, false or nil, not 1");
    expect(() => run('if("yes", 2)')).toThrow(/not "yes"/);
  });
});

describe("cond", () => {
  const size = 'cond(n > 10, "large", n > 5, "medium", n > 0, "small", "none")';
  it.each([
    [20, "large"],
    [7, "medium"],
    [1, "small"],
    [0, "none"],
    [null, "none"],
  ])("n = %o is %s", (n, expected) => {
    expect(run(size, { n })).toBe(expected);
  });

  it("gives nil when nothing matches and there is no default", () => {
    expect(run('cond(false, "a", nil, "b")')).toBeNull();
    expect(run('cond(true, "a")')).toBe("a");
  });

  it("evaluates conditions in order and only the chosen value", () => {
    expect(run('cond(true, 1, error("not reached"), 2)')).toBe(1);
    expect(run('cond(false, error("no"), true, 2, error("no"))')).toBe(2);
    expect(raised('cond(false, 1, error("checked"), 2)').message).toBe("checked");
    expect(raised('cond(false, 1, error("default"))').message).toBe("default");
  });

  it("rejects a condition that is not a boolean", () => {
    expect(() => run('cond(false, 1, "x", 2)')).toThrow(
      'cond: condition 2 must be true, false or nil, not "x"',
    );
  });
});

describe("error", () => {
  it("throws an ExpressionError with the message and details", () => {
    const e = raised('error("too big", x)', { x: { max: 5 } });
    expect(e).toBeInstanceOf(ExpressionError);
    expect(e.name).toBe("ExpressionError");
    expect(e.message).toBe("too big");
    expect(e.details).toEqual({ max: 5 });
  });

  it("still throws when an argument is nil", () => {
    expect(raised('error("no details", missing)').details).toEqual({});
    expect(raised('error("plain")').details).toEqual({});
    expect(raised("error(nil)").message).toBe("error");
    expect(raised("error(missing, 1)")).toMatchObject({ message: "error", details: { value: 1 } });
  });

  it("keeps details that are not a map under value", () => {
    expect(raised('error("x", [1, 2])').details).toEqual({ value: [1, 2] });
    expect(raised('error(42, "why")')).toMatchObject({ message: "42", details: { value: "why" } });
  });

  it("throws from a hand-built call too", () => {
    expect(() => evaluate(call("error", lit("boom")), { get: () => null, typeOf: () => undefined })).toThrow(
      ExpressionError,
    );
  });
});

describe("the registry", () => {
  it("keys each function by its name, with sane arities and a declared result", () => {
    for (const [name, fn] of builtinFunctions) {
      expect(fn.name).toBe(name);
      expect(fn.arity[0]).toBeLessThanOrEqual(fn.arity[1]);
      expect(fn.returns).toMatch(/^(arg\d|[a-z]+)$/);
    }
  });

  it("shadows none of the forms the parser reads itself", () => {
    for (const form of ["exists", "parent", "count", "sum", "avg", "min", "max", "first", "list"]) {
      expect(builtinFunctions.has(form)).toBe(false);
    }
  });

  it("holds every function the text form documents", () => {
    expect([...builtinFunctions.keys()].sort()).toEqual(
      [
        ...[
          "ago",
          "coalesce",
          "cond",
          "contains",
          "dateAdd",
          "datetimeAdd",
          "endsWith",
          "error",
          "fromNow",
          "getPath",
        ],
        ...[
          "if",
          "isNil",
          "length",
          "lower",
          "now",
          "rem",
          "round",
          "startsWith",
          "stringJoin",
          "today",
          "trim",
          "upper",
        ],
      ].sort(),
    );
  });

  it("marks the lazy functions, which must handle nil themselves", () => {
    const lazy = [...builtinFunctions.values()].filter((f) => f.lazy).map((f) => f.name);
    expect(lazy.sort()).toEqual(["cond", "if"]);
    for (const name of lazy) expect(builtinFunctions.get(name)?.handlesNil).toBe(true);
  });
});
