import { type Expr, mapOperands } from "./ast.js";

/**
 * Moves an expression written for one resource onto a relationship path from another: `isUrgent` of a ticket,
 * used from a comment as `ticket.isUrgent`, becomes the ticket's expression with every reference prefixed by
 * `ticket`. References inside `exists`/aggregate bodies stay relative to their related record, except those
 * wrapped in `parent(...)` that point back out to the level being moved.
 */
export function prefixPaths(expr: Expr, prefix: readonly string[], depth = 0): Expr {
  if (prefix.length === 0) return expr;
  const again = (e: Expr, d = depth) => prefixPaths(e, prefix, d);
  switch (expr.kind) {
    case "ref":
      return depth === 0 ? { ...expr, path: [...prefix, ...expr.path] } : expr;
    case "exists":
      return {
        ...expr,
        ...(depth === 0 ? { path: [...prefix, ...expr.path] } : {}),
        ...(expr.where ? { where: again(expr.where, depth + 1) } : {}),
      };
    case "aggregate":
      return {
        ...expr,
        ...(depth === 0 ? { path: [...prefix, ...expr.path] } : {}),
        ...(expr.where ? { where: again(expr.where, depth + 1) } : {}),
      };
    case "parent":
      return depth === 0 ? expr : { ...expr, expr: again(expr.expr, depth - 1) };
    case "op":
    case "not":
    case "call":
      return mapOperands(expr, (e) => again(e));
    default:
      return expr;
  }
}
