import type { Changeset } from "../engine/changeset.js";
import { type Expr, isTrustedExpr } from "../expressions/ast.js";
import { evaluate } from "../expressions/evaluate.js";
import { fillTemplates } from "../expressions/templates.js";
import { ChangeDef } from "./change.js";

/**
 * A value, or a function of the changeset answering one. The default is spelled `{} | null | undefined` rather
 * than `unknown`: `unknown | fn` collapses to `unknown`, which would leave `(cs) => ...` without a parameter type.
 */
export type ValueSource<V = {} | null | undefined> = V | ((changeset: Changeset) => V | Promise<V>);

export async function resolveValue(source: ValueSource, cs: Changeset): Promise<unknown> {
  return typeof source === "function" ? await (source as (cs: Changeset) => unknown)(cs) : source;
}

export const describeValue = (source: ValueSource): string =>
  typeof source === "function" ? "a computed value" : JSON.stringify(source);

/**
 * Sets an attribute to a value, to what a function of the changeset answers, or to an expression. The value
 * is cast with the attribute's type, so a bad value is an error on the field. On update an expression is
 * atomic: the data layer computes it from the row as it is when written (`` expr`views + 1` ``); on create it
 * is computed from the values being created.
 *
 * @example close: update({ changes: [set("status", "closed"), set("closedAt", () => new Date())] })
 * @example bump: update({ changes: [set("score", expr`score * 2 + ^arg(bonus)`)] })
 */
export function set<const F extends string>(field: F, value: ValueSource | Expr): ChangeDef<F> {
  return new ChangeDef<F>({
    name: "set",
    refs: [field],
    atomic: true,
    describe: () => `sets ${field} to ${isTrustedExpr(value) ? "an expression" : describeValue(value)}`,
    change: async (cs) => {
      if (!isTrustedExpr(value)) {
        cs.changeAttribute(field, await resolveValue(value, cs));
      } else if (cs.actionType === "update") {
        cs.atomicUpdate(field, value);
      } else {
        cs.changeAttribute(field, evaluateOnChangeset(value, cs));
      }
    },
  });
}

/** Evaluates an expression over the values a create is about to write (attributes and arguments only). */
function evaluateOnChangeset(e: Expr, cs: Changeset): unknown {
  const filled = fillTemplates(e, { actor: cs.actor, arguments: cs.arguments, context: cs.call.context });
  return evaluate(filled, {
    get: (r) => (r.path.length ? null : cs.get(r.name)),
    typeOf: (r) => cs.resource.attributes[r.name]?.config.type,
  });
}
