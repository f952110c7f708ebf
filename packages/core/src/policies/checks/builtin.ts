import type { ActionType, AnyAction } from "../../actions/action.js";
import { type Expr, isTrustedExpr, op, ref } from "../../expressions/ast.js";
import { type Check, filterCheck, simpleCheck } from "../check.js";

export type { Check };

const show = (v: unknown) => JSON.stringify(v);

/** A simple check that depends only on the action, so policies can be sorted per action at build time. */
const actionCheck = (
  name: string,
  describe: string,
  test: (a: AnyAction & { readonly name: string }) => boolean,
): Check => ({
  ...simpleCheck({ name, describe: () => describe, match: (_, c) => test(c.action) }),
  forAction: test,
});

/** Always true. */
export const always = (): Check => actionCheck("always", "always", () => true);

/** Always false. */
export const never = (): Check => actionCheck("never", "never", () => false);

/** The action is of one of these types. */
export const actionType = (...types: ActionType[]): Check =>
  actionCheck("actionType", `action type is ${types.join(" or ")}`, (a) => types.includes(a.type));

/** The action is one of these (by name). */
export const action = (...names: string[]): Check =>
  actionCheck("action", `action is ${names.join(" or ")}`, (a) => names.includes(a.name));

/** There is an actor. */
export const actorPresent = (): Check =>
  simpleCheck({
    name: "actorPresent",
    describe: () => "an actor is present",
    match: (actor) => actor !== null && actor !== undefined,
  });

/** The actor's attribute equals a value: `actorAttributeEquals("role", "admin")`. */
export const actorAttributeEquals = (attribute: string, value: unknown): Check =>
  simpleCheck({
    name: "actorAttributeEquals",
    describe: () => `actor.${attribute} == ${show(value)}`,
    match: (actor) =>
      typeof actor === "object" && actor !== null && (actor as Record<string, unknown>)[attribute] === value,
  });

/**
 * The record relates to the actor through a path of relationships: `relatesToActorVia("reporter")`,
 * `relatesToActorVia(["project", "members"])` (any member, for to-many hops). A filter check.
 */
export const relatesToActorVia = (
  path: string | readonly string[],
  options: { field?: string } = {},
): Check => {
  const segments = typeof path === "string" ? path.split(".") : [...path];
  const field = options.field ?? "id";
  return filterCheck({
    name: "relatesToActorVia",
    describe: () => `record relates to the actor via ${segments.join(".")}`,
    filter: () => op("==", ref(field, segments), { kind: "template", source: "actor", path: [field] }),
  });
};

/**
 * A create or update relates the record to the actor through a belongsTo relationship (its foreign key is
 * being set to the actor's key). A simple check on the changeset.
 */
export const relatingToActor = (relationship: string, options: { field?: string } = {}): Check =>
  simpleCheck({
    name: "relatingToActor",
    describe: () => `relating the record to the actor via ${relationship}`,
    match: (actor, c) => {
      const cs = c.changeset;
      if (!cs || actor === null || typeof actor !== "object") return false;
      const rel = cs.relationship(relationship);
      const key = (actor as Record<string, unknown>)[options.field ?? rel.destinationAttribute];
      // Relating: the action sets the foreign key to the actor's key (an update leaving it alone does not).
      return (
        key !== undefined &&
        key !== null &&
        cs.isChanging(rel.sourceAttribute) &&
        cs.getAttribute(rel.sourceAttribute) === key
      );
    },
  });

/** The action changes one of these attributes. */
export const changingAttributes = (...attributes: string[]): Check =>
  simpleCheck({
    name: "changingAttributes",
    describe: () => `changing ${attributes.join(" or ")}`,
    match: (_, c) => attributes.some((a) => c.changeset?.isChanging(a) === true),
  });

/** The records are being loaded as a relationship of another resource: `accessingFrom("ticket", "comments")`. */
export const accessingFrom = (resource: string, relationship: string): Check =>
  simpleCheck({
    name: "accessingFrom",
    describe: () => `accessed from ${resource}.${relationship}`,
    match: (_, c) => c.accessingFrom?.resource === resource && c.accessingFrom.relationship === relationship,
  });

/** An expression as a filter check: `` expr`orgId == ^actor(orgId)` ``. */
export const expressionCheck = (e: Expr): Check =>
  filterCheck({ name: "expression", describe: () => describeExpr(e), filter: () => e });

/** A check, or an expression taken as a filter check. */
export type CheckLike = Check | Expr;

export const toCheck = (c: CheckLike): Check =>
  isTrustedExpr(c) || (c as { kind: string }).kind !== "check" ? expressionCheck(c as Expr) : (c as Check);

/** A short text form of an expression, for explanations. */
export function describeExpr(e: Expr): string {
  switch (e.kind) {
    case "ref":
      return [...e.path, e.name].join(".");
    case "literal":
      return show(e.value);
    case "op":
      return `${describeExpr(e.left)} ${e.op} ${describeExpr(e.right)}`;
    case "not":
      return `not ${describeExpr(e.operand)}`;
    case "call":
      return `${e.name}(${e.args.map(describeExpr).join(", ")})`;
    case "template":
      return `^${e.source}(${e.path.join(".")})`;
    case "parent":
      return `parent(${describeExpr(e.expr)})`;
    case "exists":
      return `exists(${e.path.join(".")}${e.where ? `, ${describeExpr(e.where)}` : ""})`;
    case "aggregate":
      return `${e.aggregate}(${[...e.path, ...(e.field ? [e.field] : [])].join(".")})`;
  }
}
