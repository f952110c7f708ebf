import { type AttrType, compareDefault } from "../types/type.js";
import type { Expr, OpNode, RefNode } from "./ast.js";
import { builtinFunctions } from "./functions/index.js";

/** What the evaluator needs from its surroundings: field values and their types. */
export interface EvalScope {
  /** The value of a reference for the current record (undefined is treated as nil). */
  get(ref: RefNode): unknown;
  /** The declared type of a reference, so enums compare in declared order and ciStrings ignore case. */
  typeOf(ref: RefNode): AttrType<unknown> | undefined;
}

const isNil = (v: unknown): v is null | undefined => v === null || v === undefined;

/**
 * Evaluates an expression in memory with Ash's semantics: nil propagates like SQL NULL and boolean operators
 * use three-valued logic (`true and nil` is nil, `false and nil` is false).
 */
export function evaluate(expr: Expr, scope: EvalScope): unknown {
  switch (expr.kind) {
    case "literal":
      return expr.value;
    case "ref":
      return scope.get(expr) ?? null;
    case "not": {
      const v = evaluate(expr.operand, scope);
      return isNil(v) ? null : !v;
    }
    case "op":
      return evaluateOp(expr, scope);
    case "call": {
      const fn = builtinFunctions.get(expr.name);
      if (!fn) throw new Error(`unknown function ${expr.name}`);
      const args = expr.args.map((a) => evaluate(a, scope));
      if (!fn.handlesNil && args.some(isNil)) return null;
      return fn.evaluate(args);
    }
  }
}

/** True only when the expression evaluates to true: a nil filter result excludes the row, as in SQL. */
export function matches(expr: Expr | undefined, scope: EvalScope): boolean {
  return expr === undefined || evaluate(expr, scope) === true;
}

function evaluateOp(expr: OpNode, scope: EvalScope): unknown {
  const left = evaluate(expr.left, scope);
  if (expr.op === "and" || expr.op === "or") {
    const short = expr.op === "or";
    if (left === short) return short;
    const right = evaluate(expr.right, scope);
    if (right === short) return short;
    return isNil(left) || isNil(right) ? null : !short;
  }
  const right = evaluate(expr.right, scope);
  if (isNil(left) || isNil(right)) return null;
  const type = typeOfEither(expr, scope);
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
      return (left as number) + (right as number);
    case "-":
      return (left as number) - (right as number);
    case "*":
      return (left as number) * (right as number);
    case "/":
      return (right as number) === 0 ? null : (left as number) / (right as number);
    case "<>":
      return String(left) + String(right);
  }
}

function typeOfEither(expr: OpNode, scope: EvalScope): AttrType<unknown> | undefined {
  if (expr.left.kind === "ref") return scope.typeOf(expr.left);
  if (expr.right.kind === "ref") return scope.typeOf(expr.right);
  return undefined;
}
