import { type Expr, exists, mapOperands, parent, type RefNode } from "./ast.js";

const COMPARISONS = new Set(["==", "!=", "<", "<=", ">", ">=", "in"]);

/** How to take one step along a relationship from a resource (or a table): is it to-many, and where to. */
export type StepResolver<R> = (from: R, relationship: string) => { readonly toMany: boolean; readonly to: R };

/**
 * Ash's meaning of a path through a to-many relationship: "some related record matches". Each predicate (a
 * comparison, a function call, a bare boolean reference) that refers to such a path is wrapped in
 * `exists(prefix, predicate)`, where `prefix` runs up to the first to-many relationship; inside, references
 * along the prefix lose it and other references become `parent(...)`. Applied again inside, so deeper to-many
 * hops nest. Boolean operators are left as they are: `comments.likes > 5 and status == "open"` keeps `and`.
 */
export function expandToMany<R>(expr: Expr, at: R, step: StepResolver<R>): Expr {
  const again = (e: Expr) => expandToMany(e, at, step);
  switch (expr.kind) {
    case "op":
      if (expr.op === "and" || expr.op === "or")
        return { ...expr, left: again(expr.left), right: again(expr.right) };
      return COMPARISONS.has(expr.op) ? wrap(expr, at, step) : expr;
    case "not":
      return { ...expr, operand: again(expr.operand) };
    case "call":
    case "ref":
      return wrap(expr, at, step);
    default:
      return expr;
  }
}

/** The length of the path up to and including its first to-many hop, or 0; and where that hop leads. */
function firstToMany<R>(path: readonly string[], at: R, step: StepResolver<R>): { length: number; to: R } {
  let here = at;
  for (const [i, segment] of path.entries()) {
    const next = step(here, segment);
    if (next.toMany) return { length: i + 1, to: next.to };
    here = next.to;
  }
  return { length: 0, to: here };
}

function wrap<R>(predicate: Expr, at: R, step: StepResolver<R>): Expr {
  for (const r of topLevelRefs(predicate)) {
    const hop = firstToMany(r.path, at, step);
    if (hop.length === 0) continue;
    const prefix = r.path.slice(0, hop.length);
    return exists(prefix, expandToMany(rebaseInto(predicate, prefix), hop.to, step));
  }
  return predicate;
}

const startsWith = (path: readonly string[], prefix: readonly string[]) =>
  prefix.length <= path.length && prefix.every((p, i) => path[i] === p);

/** References of a predicate at its own level (not inside exists, aggregates or parent). */
function topLevelRefs(expr: Expr): RefNode[] {
  switch (expr.kind) {
    case "ref":
      return [expr];
    case "op":
      return [...topLevelRefs(expr.left), ...topLevelRefs(expr.right)];
    case "not":
      return topLevelRefs(expr.operand);
    case "call":
      return expr.args.flatMap(topLevelRefs);
    default:
      return [];
  }
}

/** Rewrites a predicate to be evaluated on the records at the end of `prefix`. */
function rebaseInto(expr: Expr, prefix: readonly string[]): Expr {
  const again = (e: Expr) => rebaseInto(e, prefix);
  switch (expr.kind) {
    case "ref":
      return startsWith(expr.path, prefix) ? { ...expr, path: expr.path.slice(prefix.length) } : parent(expr);
    case "op":
    case "not":
    case "call":
      return mapOperands(expr, again);
    case "literal":
      return expr;
    default:
      // exists, aggregates and parent(...) stay about the outer record.
      return parent(expr);
  }
}
