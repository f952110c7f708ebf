import type { AnyAction } from "../actions/action.js";
import type { Changeset } from "../engine/changeset.js";
import type { Expr } from "../expressions/ast.js";
import type { AnyResource } from "../resource/resource.js";

/** Everything a check may look at: the actor, the call, the action and (for writes) the changeset. */
export interface CheckContext {
  readonly actor: unknown;
  readonly resource: AnyResource;
  readonly action: AnyAction & { readonly name: string };
  /** For creates, updates and destroys. */
  readonly changeset: Changeset | undefined;
  readonly tenant: string | undefined;
  readonly context: Readonly<Record<string, unknown>>;
  /** Set when records are read as a relationship of another resource (a load). */
  readonly accessingFrom: { readonly resource: string; readonly relationship: string } | undefined;
}

/**
 * A policy check. A simple check decides from the actor and the call (`true`/`false`); a filter check answers a
 * condition on the records (an expression, with `^actor(...)` templates), which reads apply as a filter and
 * writes check against the record being written.
 */
export interface Check {
  readonly kind: "check";
  readonly name: string;
  readonly type: "simple" | "filter";
  evaluate(context: CheckContext): boolean | Expr;
  /** In words, for explanations of Forbidden errors: "actor.role == admin". */
  describe(): string;
  /**
   * For checks that depend only on the action (actionType, action): the answer for an action, so policies can
   * be sorted per action once, when the app is built.
   */
  readonly forAction?: (action: AnyAction & { readonly name: string }) => boolean;
}

/**
 * A custom simple check.
 * @example const isOwner = simpleCheck({ describe: () => "actor owns the org", match: (actor) => actor?.role === "owner" });
 */
export function simpleCheck(o: {
  name?: string;
  describe: () => string;
  match: (actor: unknown, context: CheckContext) => boolean;
}): Check {
  return {
    kind: "check",
    name: o.name ?? "custom",
    type: "simple",
    evaluate: (c) => o.match(c.actor, c),
    describe: o.describe,
  };
}

/**
 * A custom filter check.
 * @example const sameOrg = filterCheck({ describe: () => "record is in the actor's org", filter: () => expr`orgId == ^actor(orgId)` });
 */
export function filterCheck(o: {
  name?: string;
  describe: () => string;
  filter: (actor: unknown, context: CheckContext) => Expr;
}): Check {
  return {
    kind: "check",
    name: o.name ?? "custom",
    type: "filter",
    evaluate: (c) => o.filter(c.actor, c),
    describe: o.describe,
  };
}
