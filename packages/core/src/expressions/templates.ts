import { childrenOf, type Expr, lit, mapOperands } from "./ast.js";

/** The values templates read: `^actor(...)`, `^arg(...)`, `^context(...)`. */
export interface TemplateValues {
  readonly actor: unknown;
  readonly arguments: Readonly<Record<string, unknown>>;
  readonly context: Readonly<Record<string, unknown>>;
}

/** A value at a path inside the actor, arguments or context; own properties only ("constructor" is nil). */
export function dig(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== "object" || !Object.hasOwn(v, k)) return null;
    v = (v as Record<string, unknown>)[k];
  }
  return v ?? null;
}

/** The value a template stands for in this call. */
export function templateValue(
  source: "actor" | "arg" | "context",
  path: readonly string[],
  values: TemplateValues,
): unknown {
  return dig(source === "actor" ? values.actor : source === "arg" ? values.arguments : values.context, path);
}

/** Replaces every template in an expression with its value in this call. */
export function fillTemplates(expr: Expr, values: TemplateValues): Expr {
  if (expr.kind === "template") return lit(templateValue(expr.source, expr.path, values));
  if (!childrenOf(expr).length && expr.kind !== "exists" && expr.kind !== "aggregate") return expr;
  const again = (e: Expr) => fillTemplates(e, values);
  switch (expr.kind) {
    case "op":
    case "not":
    case "call":
      return mapOperands(expr, again);
    case "parent":
      return { ...expr, expr: again(expr.expr) };
    case "exists":
    case "aggregate":
      return expr.where ? { ...expr, where: again(expr.where) } : expr;
    case "ref":
      return expr.args
        ? { ...expr, args: Object.fromEntries(Object.entries(expr.args).map(([k, a]) => [k, again(a)])) }
        : expr;
    default:
      return expr;
  }
}
