import { call, type Expr, lit, mapOperands } from "../expressions/ast.js";
import type { Verdict } from "./decide.js";

/**
 * Keeps filters and sorts from revealing fields the actor may not read: a field hidden outright is reported
 * (it is treated as if it did not exist); a field readable only on some records reads as nil on the others.
 */
export function guardFields(
  expr: Expr,
  verdicts: ReadonlyMap<string, Verdict>,
  hidden: (field: string) => void,
): Expr {
  const again = (e: Expr) => guardFields(e, verdicts, hidden);
  switch (expr.kind) {
    case "ref": {
      const verdict = expr.path.length ? true : verdicts.get(expr.name);
      if (verdict === undefined || verdict === true) return expr;
      if (verdict === false) {
        hidden(expr.name);
        return lit(null);
      }
      return call("if", verdict, expr, lit(null));
    }
    case "op":
    case "not":
    case "call":
      return mapOperands(expr, again);
    default:
      return expr;
  }
}
