import { describe, expect, it } from "vitest";
import { enumType } from "../types/enum.js";
import { ciStringType, stringType } from "../types/string.js";
import type { AttrType } from "../types/type.js";
import { call, type Expr, lit, not, op, ref } from "./ast.js";
import { type EvalScope, evaluate, matches } from "./evaluate.js";

function scopeOf(row: Record<string, unknown>, types: Record<string, AttrType<unknown>> = {}): EvalScope {
  return { get: (r) => row[r.name], typeOf: (r) => types[r.name] };
}
const empty = scopeOf({});
const ev = (e: Expr, scope: EvalScope = empty) => evaluate(e, scope);

const T = lit(true);
const F = lit(false);
const N = lit(null);

describe("three-valued logic", () => {
  const cases = [
    [T, T, true, true],
    [T, F, false, true],
    [T, N, null, true],
    [F, T, false, true],
    [F, F, false, false],
    [F, N, false, null],
    [N, T, null, true],
    [N, F, false, null],
    [N, N, null, null],
  ] as const;
  it.each(cases)("%o and/or %o", (a, b, and, or) => {
    expect(ev(op("and", a, b))).toBe(and);
    expect(ev(op("or", a, b))).toBe(or);
  });

  it("negates true and false and keeps nil", () => {
    expect(ev(not(T))).toBe(false);
    expect(ev(not(F))).toBe(true);
    expect(ev(not(N))).toBeNull();
    expect(ev(not(ref("missing")))).toBeNull();
  });

  it("treats an undefined field as nil", () => {
    expect(ev(ref("missing"))).toBeNull();
    expect(ev(op("and", T, ref("missing")))).toBeNull();
    expect(ev(op("or", ref("missing"), F))).toBeNull();
  });
});

describe("comparisons", () => {
  const scope = scopeOf({ n: 5, s: "b", nil: null });
  it.each([
    ["==", 5, true],
    ["==", 6, false],
    ["!=", 5, false],
    ["!=", 6, true],
    ["<", 6, true],
    ["<", 5, false],
    ["<=", 5, true],
    ["<=", 4, false],
    [">", 4, true],
    [">", 5, false],
    [">=", 5, true],
    [">=", 6, false],
  ] as const)("n %s %d is %o", (o, k, expected) => {
    expect(ev(op(o, ref("n"), lit(k)), scope)).toBe(expected);
  });

  it("answers nil when either side is nil, for every operator", () => {
    for (const o of ["==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "<>"] as const) {
      expect(ev(op(o, ref("nil"), lit(1)), scope)).toBeNull();
      expect(ev(op(o, lit(1), ref("nil")), scope)).toBeNull();
      expect(ev(op(o, N, N))).toBeNull();
    }
    expect(ev(op("in", ref("nil"), lit([1, null])), scope)).toBeNull();
  });

  it("matches() only for true", () => {
    expect(matches(op("==", ref("n"), lit(5)), scope)).toBe(true);
    expect(matches(op("==", ref("n"), lit(6)), scope)).toBe(false);
    expect(matches(op("==", ref("nil"), lit(5)), scope)).toBe(false);
    expect(matches(not(op("==", ref("nil"), lit(5))), scope)).toBe(false);
    expect(matches(lit(1), scope)).toBe(false);
    expect(matches(undefined, scope)).toBe(true);
  });

  it("tests membership of a list", () => {
    expect(ev(op("in", ref("n"), lit([1, 5])), scope)).toBe(true);
    expect(ev(op("in", ref("n"), lit([1, 2])), scope)).toBe(false);
    expect(ev(op("in", ref("n"), lit([])), scope)).toBe(false);
    expect(ev(op("in", ref("n"), lit([null, 5])), scope)).toBe(true);
    // As SQL: no match against a list holding nil is unknown, so `not in` does not match either.
    expect(ev(op("in", ref("n"), lit([null, 1])), scope)).toBeNull();
    expect(ev(not(op("in", ref("n"), lit([null, 1]))), scope)).toBeNull();
    expect(ev(op("in", ref("s"), lit(["a", "b"])), scope)).toBe(true);
    expect(() => ev(op("in", ref("n"), lit(5)), scope)).toThrow(/list/);
  });

  it("does arithmetic and concatenation", () => {
    expect(ev(op("+", ref("n"), lit(2)), scope)).toBe(7);
    expect(ev(op("-", ref("n"), lit(2)), scope)).toBe(3);
    expect(ev(op("*", ref("n"), lit(2)), scope)).toBe(10);
    expect(ev(op("/", ref("n"), lit(2)), scope)).toBe(2.5);
    // As in SQL, dividing by zero is an error (not nil), so memory and Postgres agree.
    expect(() => ev(op("/", ref("n"), lit(0)), scope)).toThrow(/division by zero/);
    // Decimals (canonical strings) are exact.
    expect(ev(op("+", lit("0.1"), lit("0.2")), scope)).toBe("0.3");
    expect(ev(op("/", lit("1"), lit("3")), scope)).toBe("0.33333333333333333333");
    expect(ev(op("<>", ref("s"), lit("c")), scope)).toBe("bc");
    expect(ev(op("<>", ref("n"), lit("x")), scope)).toBe("5x");
    expect(ev(op(">", op("*", ref("n"), lit(2)), lit(9)), scope)).toBe(true);
  });
});

describe("typed comparisons", () => {
  const priority = enumType(["low", "normal", "high", "urgent"]);
  const scope = scopeOf(
    { priority: "high", email: "Ann@Example.test", name: "Ann" },
    {
      priority,
      email: ciStringType(),
      name: stringType(),
    },
  );

  it("compares enums in declared order, whichever side the field is on", () => {
    // Lexically "high" < "normal"; in declared order it is greater.
    expect(ev(op(">", ref("priority"), lit("normal")), scope)).toBe(true);
    expect(ev(op("<", ref("priority"), lit("urgent")), scope)).toBe(true);
    expect(ev(op(">=", ref("priority"), lit("urgent")), scope)).toBe(false);
    expect(ev(op("<", lit("normal"), ref("priority")), scope)).toBe(true);
    expect(ev(op("<", lit("normal"), lit("high")))).toBe(false);
  });

  it("compares ciStrings ignoring case, plain strings with case", () => {
    expect(ev(op("==", ref("email"), lit("ann@example.TEST")), scope)).toBe(true);
    expect(ev(op("!=", ref("email"), lit("ANN@EXAMPLE.TEST")), scope)).toBe(false);
    expect(ev(op("in", ref("email"), lit(["x", "ANN@example.test"])), scope)).toBe(true);
    expect(ev(op("==", lit("ANN@example.test"), ref("email")), scope)).toBe(true);
    expect(ev(op("==", ref("name"), lit("ann")), scope)).toBe(false);
    expect(ev(op("==", ref("name"), lit("Ann")), scope)).toBe(true);
  });
});

describe("functions", () => {
  const scope = scopeOf({ text: "Printer on fire", tags: ["a", "b"], zero: 0, blank: "", nil: null });

  it("isNil is never nil", () => {
    expect(ev(call("isNil", ref("nil")), scope)).toBe(true);
    expect(ev(call("isNil", ref("missing")), scope)).toBe(true);
    expect(ev(call("isNil", ref("zero")), scope)).toBe(false);
    expect(ev(call("isNil", ref("blank")), scope)).toBe(false);
    expect(ev(not(call("isNil", ref("nil"))), scope)).toBe(false);
  });

  it("contains, startsWith and endsWith are case-sensitive", () => {
    expect(ev(call("contains", ref("text"), lit("on f")), scope)).toBe(true);
    expect(ev(call("contains", ref("text"), lit("FIRE")), scope)).toBe(false);
    expect(ev(call("contains", ref("tags"), lit("b")), scope)).toBe(true);
    expect(ev(call("contains", ref("tags"), lit("c")), scope)).toBe(false);
    expect(ev(call("startsWith", ref("text"), lit("Print")), scope)).toBe(true);
    expect(ev(call("startsWith", ref("text"), lit("print")), scope)).toBe(false);
    expect(ev(call("endsWith", ref("text"), lit("fire")), scope)).toBe(true);
    expect(ev(call("endsWith", ref("text"), lit("Printer")), scope)).toBe(false);
  });

  it("propagates nil through contains, startsWith and endsWith", () => {
    for (const name of ["contains", "startsWith", "endsWith"]) {
      expect(ev(call(name, ref("nil"), lit("x")), scope)).toBeNull();
      expect(ev(call(name, ref("text"), ref("nil")), scope)).toBeNull();
      expect(ev(not(call(name, ref("nil"), lit("x"))), scope)).toBeNull();
    }
  });

  it("rejects an unknown function", () => {
    expect(() => ev(call("nope", lit(1)))).toThrow(/unknown function nope/);
  });
});

/** mulberry32: a small deterministic PRNG, so the property test is reproducible. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe("laws of three-valued logic (property test)", () => {
  const random = rng(20240611);
  const pick = <V>(xs: readonly V[]): V => xs[Math.floor(random() * xs.length)] as V;
  const truth = [true, false, null] as const;

  function gen(depth: number): Expr {
    if (depth === 0 || random() < 0.25) {
      return pick<() => Expr>([
        () => lit(pick(truth)),
        () => ref(pick(["a", "b", "c"])),
        () => op(pick(["<", "==", ">="] as const), ref("n"), lit(pick([1, 2, 3]))),
        () => call("isNil", ref(pick(["a", "n"]))),
      ])();
    }
    const kind = pick(["and", "or", "not"] as const);
    return kind === "not" ? not(gen(depth - 1)) : op(kind, gen(depth - 1), gen(depth - 1));
  }

  /** Kleene's logic as numbers: false 0, nil ½, true 1; and = min, or = max, not = 1 − x. */
  const K = (v: unknown) => (v === null ? 0.5 : v ? 1 : 0);
  function kleene(e: Expr, row: Record<string, unknown>): number {
    if (e.kind === "not") return 1 - kleene(e.operand, row);
    if (e.kind === "op" && (e.op === "and" || e.op === "or")) {
      const [l, r] = [kleene(e.left, row), kleene(e.right, row)];
      return e.op === "and" ? Math.min(l, r) : Math.max(l, r);
    }
    return K(evaluate(e, scopeOf(row)));
  }

  it("holds for 3000 random expressions and rows", () => {
    const failures: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const row = { a: pick(truth), b: pick(truth), c: pick(truth), n: pick([1, 2, 3, null]) };
      const scope = scopeOf(row);
      const [x, y] = [gen(4), gen(4)];
      const v = (e: Expr) => evaluate(e, scope);
      const law = (name: string, left: unknown, right: unknown) => {
        if (left !== right)
          failures.push(`${name}: ${String(left)} ≠ ${String(right)} ${JSON.stringify({ row, x, y })}`);
      };
      law("three values", [true, false, null].includes(v(x) as boolean | null), true);
      law("Kleene", K(v(x)), kleene(x, row));
      law("not not x", v(not(not(x))), v(x));
      law("De Morgan and", v(not(op("and", x, y))), v(op("or", not(x), not(y))));
      law("De Morgan or", v(not(op("or", x, y))), v(op("and", not(x), not(y))));
      law("and commutes", v(op("and", x, y)), v(op("and", y, x)));
      law("or commutes", v(op("or", x, y)), v(op("or", y, x)));
      law("matches and", matches(op("and", x, y), scope), matches(x, scope) && matches(y, scope));
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });

  it("the generator covers nil, true and false results", () => {
    const seen = new Set<unknown>();
    for (let i = 0; i < 200; i++) seen.add(evaluate(gen(3), scopeOf({ a: null, b: true, c: false, n: 2 })));
    expect(seen).toEqual(new Set([true, false, null]));
  });
});
