import { normaliseDecimal } from "../types/decimal.js";
import { nowDatetime } from "../types/temporal.js";
import { type AttrType, compareDefault } from "../types/type.js";
import { aggregateValues } from "./aggregate.js";
import type { AggregateNode, Expr, OpNode, RefNode } from "./ast.js";
import { decimalArithmetic } from "./decimal-arithmetic.js";
import type { FunctionContext } from "./functions/function.js";
import { builtinFunctions } from "./functions/index.js";

/** What the evaluator needs from its surroundings: field values, their types, related records. */
export interface EvalScope {
  /** The value of a reference (its path only crosses to-one relationships); undefined is nil. */
  get(ref: RefNode): unknown;
  /** The declared type of a reference, so enums compare in declared order and ciStrings ignore case. */
  typeOf(ref: RefNode): AttrType<unknown> | undefined;
  /** Scopes of the records reached through a relationship path, each with this scope as its parent. */
  related?(path: readonly string[]): readonly EvalScope[];
  /** The outer record's scope, inside `exists` and aggregate filters. */
  readonly parent?: EvalScope | undefined;
}

const isNil = (v: unknown): v is null | undefined => v === null || v === undefined;

/**
 * Evaluates an expression in memory with Ash's semantics: nil propagates like SQL NULL and boolean operators
 * use three-valued logic (`true and nil` is nil, `false and nil` is false). Templates (`^actor(...)`) must be
 * filled in and to-many paths expanded into `exists` before evaluation (see `normaliseExpr`).
 */
export function evaluate(expr: Expr, scope: EvalScope, context: FunctionContext = defaultContext()): unknown {
  const ev = (e: Expr, s: EvalScope = scope) => evaluate(e, s, context);
  switch (expr.kind) {
    case "literal":
      return expr.value;
    case "ref":
      return scope.get(expr) ?? null;
    case "not": {
      const v = ev(expr.operand);
      if (isNil(v)) return null;
      if (typeof v !== "boolean") throw new Error(`not needs a boolean, got ${JSON.stringify(v)}`);
      return !v;
    }
    case "op":
      return evaluateOp(expr, scope, context);
    case "call": {
      const fn = builtinFunctions.get(expr.name);
      if (!fn) throw new Error(`unknown function ${expr.name}`);
      if (expr.args.length < fn.arity[0] || expr.args.length > fn.arity[1]) {
        throw new Error(
          `${expr.name} takes ${fn.arity[0]} to ${fn.arity[1]} arguments, not ${expr.args.length}`,
        );
      }
      if (fn.lazy)
        return fn.evaluate(
          expr.args.map((a) => () => ev(a)),
          context,
        );
      const args = expr.args.map((a) => ev(a));
      if (!fn.handlesNil && args.some(isNil)) return null;
      return fn.evaluate(args, context);
    }
    case "exists":
      return relatedOf(scope, expr.path).some((s) => expr.where === undefined || ev(expr.where, s) === true);
    case "aggregate":
      return evaluateAggregate(expr, scope, context);
    case "parent":
      if (!scope.parent) throw new Error("parent(...) is only meaningful inside exists or an aggregate");
      return ev(expr.expr, scope.parent);
    case "template":
      throw new Error(`^${expr.source}(${expr.path.join(".")}) must be filled in before evaluation`);
  }
}

/** True only when the expression evaluates to true: a nil filter result excludes the row, as in SQL. */
export function matches(expr: Expr | undefined, scope: EvalScope, context?: FunctionContext): boolean {
  return expr === undefined || evaluate(expr, scope, context) === true;
}

/** A context whose clock is read once, so one evaluation sees one "now". */
export function defaultContext(): FunctionContext {
  let now: string | undefined;
  return { now: () => (now ??= nowDatetime()) };
}

function relatedOf(scope: EvalScope, path: readonly string[]): readonly EvalScope[] {
  if (!scope.related) throw new Error(`cannot follow ${path.join(".")}: this scope has no relationships`);
  return scope.related(path);
}

function evaluateAggregate(expr: AggregateNode, scope: EvalScope, context: FunctionContext): unknown {
  let scopes = relatedOf(scope, expr.path).filter(
    (s) => expr.where === undefined || evaluate(expr.where, s, context) === true,
  );
  if (expr.sort?.length) {
    const keys = expr.sort.map((k) => ({
      ref: { kind: "ref" as const, path: [], name: k.field },
      sign: k.direction === "desc" ? -1 : 1,
    }));
    scopes = [...scopes].sort((a, b) => {
      for (const k of keys) {
        const x = a.get(k.ref);
        const y = b.get(k.ref);
        if (isNil(x) || isNil(y)) {
          if (isNil(x) !== isNil(y)) return isNil(x) === (k.sign === -1) ? -1 : 1;
          continue;
        }
        const d = (a.typeOf(k.ref)?.compare ?? compareDefault)(x, y);
        if (d !== 0) return k.sign * d;
      }
      return 0;
    });
  }
  const fieldRef =
    expr.field === undefined ? undefined : { kind: "ref" as const, path: [], name: expr.field };
  const values = fieldRef ? scopes.map((s) => s.get(fieldRef) ?? null) : scopes.map(() => true);
  const type = fieldRef ? scopes[0]?.typeOf(fieldRef) : undefined;
  return aggregateValues(expr, values, type);
}

const decimalText = (v: unknown) => (typeof v === "number" ? (normaliseDecimal(String(v)) ?? String(v)) : v);

function evaluateOp(expr: OpNode, scope: EvalScope, context: FunctionContext): unknown {
  let left = evaluate(expr.left, scope, context);
  if (expr.op === "and" || expr.op === "or") {
    const short = expr.op === "or";
    if (left === short) return short;
    const right = evaluate(expr.right, scope, context);
    if (right === short) return short;
    return isNil(left) || isNil(right) ? null : !short;
  }
  let right = evaluate(expr.right, scope, context);
  if (isNil(left) || isNil(right)) return null;
  const type = typeOfEither(expr, scope);
  if (type?.name === "decimal" && expr.op !== "<>") {
    // A number meeting a decimal is read as its decimal text, so the comparison or sum stays exact.
    left = decimalText(left);
    right = Array.isArray(right) ? right.map((v) => (isNil(v) ? v : decimalText(v))) : decimalText(right);
  }
  const compare = (a: unknown, b: unknown) => (type ? type.compare(a, b) : compareDefault(a, b));
  switch (expr.op) {
    case "==":
      return compare(left, right) === 0;
    case "!=":
      return compare(left, right) !== 0;
    case "<":
      return compare(left, right) < 0;
    case "<=":
      return compare(left, right) <= 0;
    case ">":
      return compare(left, right) > 0;
    case ">=":
      return compare(left, right) >= 0;
    case "in":
      if (!Array.isArray(right)) throw new Error("the right side of `in` must be a list");
      // As SQL: no match against a list holding nil is unknown (nil), not false.
      if (right.some((item) => !isNil(item) && compare(left, item) === 0)) return true;
      return right.some(isNil) ? null : false;
    case "+":
    case "-":
    case "*":
    case "/":
      return arithmetic(expr.op, left, right, type);
    case "<>":
      return String(left) + String(right);
  }
}

/** Arithmetic on numbers, and exactly on decimals (canonical strings). Division by zero is an error, as in SQL. */
function arithmetic(
  o: "+" | "-" | "*" | "/",
  a: unknown,
  b: unknown,
  type: AttrType<unknown> | undefined,
): unknown {
  if (type?.name === "decimal" || (typeof a === "string" && typeof b === "string"))
    return decimalArithmetic(o, a, b);
  const x = a as number;
  const y = b as number;
  if (o === "/" && y === 0) throw new Error("division by zero");
  return o === "+" ? x + y : o === "-" ? x - y : o === "*" ? x * y : x / y;
}

/** The declared type governing a binary operation: a decimal on either side wins, so arithmetic stays exact. */
function typeOfEither(expr: OpNode, scope: EvalScope): AttrType<unknown> | undefined {
  const left = typeOfExpr(expr.left, scope);
  const right = typeOfExpr(expr.right, scope);
  return left?.name === "decimal" ? left : right?.name === "decimal" ? right : (left ?? right);
}

/**
 * The declared type of an expression's value, where one follows from the definitions: a reference's attribute,
 * through `parent(...)`, functions that answer an argument's type (coalesce, if, round, ...), aggregates of a
 * field, and arithmetic on decimals. Comparisons use it, so `coalesce(price, 0) == 1.5` compares decimals and
 * `max(comments.mood) < "silver"` follows the enum's order — as the SQL compiler does.
 */
export function typeOfExpr(expr: Expr, scope: EvalScope): AttrType<unknown> | undefined {
  switch (expr.kind) {
    case "ref":
      return scope.typeOf(expr);
    case "parent":
      return scope.parent ? typeOfExpr(expr.expr, scope.parent) : undefined;
    case "call": {
      const arg = /^arg(\d+)$/.exec(builtinFunctions.get(expr.name)?.returns ?? "");
      if (!arg) return undefined;
      if (expr.name === "if" || expr.name === "cond") {
        // The type of the first branch whose type is known (a branch may be error(...), which has none).
        const branches = expr.args.filter((_, i) =>
          expr.name === "if" ? i > 0 : i % 2 === 1 || i === expr.args.length - 1,
        );
        for (const b of branches) {
          const t = typeOfExpr(b, scope);
          if (t) return t;
        }
        return undefined;
      }
      const at = expr.args[Number(arg[1])];
      return at ? typeOfExpr(at, scope) : undefined;
    }
    case "aggregate": {
      if (
        !expr.field ||
        expr.aggregate === "count" ||
        expr.aggregate === "exists" ||
        expr.aggregate === "list"
      )
        return undefined;
      const related = scope.related?.(expr.path)[0];
      return related?.typeOf({ kind: "ref", path: [], name: expr.field });
    }
    case "op": {
      if (!["+", "-", "*", "/"].includes(expr.op)) return undefined;
      const t = typeOfEither(expr, scope);
      return t?.name === "decimal" ? t : undefined;
    }
    default:
      return undefined;
  }
}
