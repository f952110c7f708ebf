import type { ActionMap, AnyAction } from "../actions/action.js";
import type { ChangeDef } from "../changes/change.js";
import type { Expr } from "../expressions/ast.js";
import type { Notifier, Publication } from "../notifications/notification.js";
import type { FieldPolicyDef } from "../policies/field-policy.js";
import type { PolicyDef } from "../policies/policy.js";
import type { PreparationDef } from "../preparations/preparation.js";
import { uuidType } from "../types/uuid.js";
import type { ValidationDef } from "../validations/validation.js";
import type { AggregateMap } from "./aggregate.js";
import { type AnyAttribute, type AttributeMap, attribute } from "./attribute.js";
import type { CalculationMap } from "./calculation.js";
import type { ForeignKeyAttributes, RelationshipConfig, RelationshipMap } from "./relationships.js";

export type Multitenancy =
  | { readonly strategy: "attribute"; readonly attribute: string; readonly global?: boolean }
  | { readonly strategy: "context"; readonly global?: boolean };

export interface IdentityOptions {
  readonly keys: readonly string[];
  /** Whether rows with a nil key value may repeat (default true, as PostgreSQL's NULLS DISTINCT). */
  readonly nilsDistinct?: boolean;
  /** The message of the error a duplicate gets. */
  readonly message?: string;
}

/** What `resource()` accepts. Every section but `attributes` is optional. */
export interface ResourceInput {
  readonly attributes: AttributeMap;
  /**
   * Typed loosely on purpose: a precise contextual type here would leak into the inference of belongsTo's
   * type parameters (the foreign key's name and type) and widen them.
   */
  readonly relationships?: Readonly<Record<string, { readonly config: RelationshipConfig }>>;
  /** Unique keys: `{ uniqueEmail: ["email"] }`. */
  readonly identities?: Readonly<Record<string, readonly string[] | IdentityOptions>>;
  readonly actions?: ActionMap;
  /** Changes for every action of the types in their `on` (default create and update), after the action's own. */
  readonly changes?: readonly ChangeDef<string>[];
  /** Validations for every action of the types in their `on` (default create and update), after the action's own. */
  readonly validations?: readonly ValidationDef<string>[];
  /** Preparations for every read, after the action's own. */
  readonly preparations?: readonly PreparationDef<string>[];
  /** Derived values: `calculation(t.boolean(), expr\`...\`)`. */
  readonly calculations?: CalculationMap;
  /** Aggregates over relationships: `count("comments")`. */
  readonly aggregates?: AggregateMap;
  readonly notifiers?: readonly Notifier[];
  readonly publications?: readonly Publication[];
  /**
   * A condition every read of the resource adds (Ash's base filter), e.g. hiding archived records:
   * `` expr`isNil(archivedAt)` ``. A read action with `baseFilter: false` sees everything.
   */
  readonly baseFilter?: Expr;
  /**
   * Multitenancy: "attribute" keeps every tenant's records in one table, told apart by `attribute` (set on
   * create, filtered on every read and write); "context" keeps each tenant's records apart in the data layer
   * (a schema per tenant in PostgreSQL). Either way a call must name its tenant, unless `global` allows
   * tenant-less calls (which then see every tenant, for the attribute strategy).
   */
  readonly multitenancy?: Multitenancy;
  /** Who may do what: `policy(...)` and `bypass(...)` (see policies/). Without policies nothing is checked. */
  readonly policies?: readonly PolicyDef[];
  /** Which fields the actor may read: `fieldPolicy(["internalNotes"], authorizeIf(...))`. */
  readonly fieldPolicies?: readonly FieldPolicyDef[];
  /** The storage name (default: the resource name). */
  readonly table?: string;
  readonly description?: string;
}

// Sections are read with `D extends { key: infer X }`: indexing `D["key"]` of an absent optional section would
// fall back to the section's declared type (an index signature), and every name would then type-check.
type RelsOf<D extends ResourceInput> = D extends { relationships: infer X extends RelationshipMap } ? X : {};
type ActsOf<D extends ResourceInput> = D extends { actions: infer X extends ActionMap } ? X : {};
type IdsOf<D extends ResourceInput> = D extends { identities: infer X extends object } ? X : {};
type CalcsOf<D extends ResourceInput> = D extends { calculations: infer X extends CalculationMap } ? X : {};
type AggsOf<D extends ResourceInput> = D extends { aggregates: infer X extends AggregateMap } ? X : {};
type HiddenOf<D extends ResourceInput> = D extends { fieldPolicies: readonly (infer P)[] }
  ? P extends FieldPolicyDef<infer F>
    ? F
    : never
  : never;

/** Declared attributes plus the foreign keys added by belongsTo relationships. */
export type AllAttributes<D extends ResourceInput> = D["attributes"] &
  ForeignKeyAttributes<RelsOf<D>, D["attributes"]>;

type AttrKeys<D extends ResourceInput> = keyof AllAttributes<D> & string;
type RefKeys<D extends ResourceInput> = AttrKeys<D> | (keyof RelsOf<D> & string);

type VerifyAction<D extends ResourceInput, A> = A extends { accept: unknown; arguments: infer Args }
  ? { readonly accept: readonly AttrKeys<D>[] | "*"; readonly __refs?: RefKeys<D> | (keyof Args & string) }
  : A extends { arguments: infer Args }
    ? { readonly __refs?: RefKeys<D> | (keyof Args & string) }
    : unknown;

/**
 * Type-level verification of a definition: accepted attributes, identity keys and the fields that changes and
 * validations name must exist, so a misspelling is a compile error (TypeScript even suggests the right name).
 */
export type VerifyResource<D extends ResourceInput> = {
  readonly actions?: { readonly [K in keyof ActsOf<D>]: VerifyAction<D, ActsOf<D>[K]> };
  readonly identities?: {
    readonly [K in keyof IdsOf<D>]: readonly AttrKeys<D>[] | { readonly keys: readonly AttrKeys<D>[] };
  };
  readonly changes?: readonly ChangeDef<RefKeys<D>>[];
  readonly validations?: readonly ValidationDef<RefKeys<D>>[];
};

/** A resource: plain, frozen data plus the types inferred from its definition. */
export interface Resource<
  N extends string = string,
  Attrs extends AttributeMap = AttributeMap,
  Rels extends RelationshipMap = RelationshipMap,
  Acts extends ActionMap = ActionMap,
  Ids = {},
  Calcs extends CalculationMap = CalculationMap,
  Aggs extends AggregateMap = AggregateMap,
  Hidden extends string = never,
> {
  readonly kind: "resource";
  /** Type-level only: identity names and their keys. */
  readonly __identities?: Ids;
  /** Type-level only: the fields field policies may hide (typed `T | ForbiddenField`). */
  readonly __hidden?: Hidden;
  readonly name: N;
  readonly table: string;
  readonly description: string | undefined;
  readonly attributes: Attrs;
  readonly relationships: Rels;
  readonly calculations: Calcs;
  readonly aggregates: Aggs;
  readonly actions: { readonly [K in keyof Acts]: Acts[K] & { readonly name: K } };
  readonly identities: readonly Required<IdentityOptions & { name: string }>[];
  readonly primaryKey: readonly string[];
  readonly changes: readonly ChangeDef<string>[];
  readonly validations: readonly ValidationDef<string>[];
  readonly preparations: readonly PreparationDef<string>[];
  readonly notifiers: readonly Notifier[];
  readonly publications: readonly Publication[];
  readonly baseFilter: Expr | undefined;
  readonly multitenancy: Multitenancy | undefined;
  readonly policies: readonly PolicyDef[] | undefined;
  readonly fieldPolicies: readonly FieldPolicyDef[] | undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: the widest resource type, for constraints.
export type AnyResource = Resource<string, any, any, any, any, any, any, any>;

/**
 * Defines a resource. The result is frozen; relationships are resolved and everything is verified by
 * `createApp`.
 *
 * @example
 * export const Ticket = resource("ticket", {
 *   attributes: { id: t.uuidv7().primaryKey(), subject: t.string({ min: 1, max: 200 }) },
 *   relationships: { reporter: belongsTo("user") },
 *   actions: { ...defaults("read"), open: create({ accept: ["subject"] }) },
 * });
 */
export function resource<const N extends string, const D extends ResourceInput>(
  name: N,
  definition: D & VerifyResource<D>,
): Resource<N, AllAttributes<D>, RelsOf<D>, ActsOf<D>, IdsOf<D>, CalcsOf<D>, AggsOf<D>, HiddenOf<D>> {
  const d = definition as ResourceInput;
  const attributes: Record<string, AnyAttribute> = { ...d.attributes };
  for (const [relName, rel] of Object.entries(d.relationships ?? {})) {
    const config: RelationshipConfig = rel.config;
    if (config.kind !== "belongsTo") continue;
    const fk = config.sourceAttribute ?? `${relName}Id`;
    if (!attributes[fk]) attributes[fk] = config.attribute ?? attribute(uuidType(), { optional: true });
  }
  const actions = Object.fromEntries(
    Object.entries(d.actions ?? {}).map(([actionName, a]) => [
      actionName,
      Object.freeze({ ...(a as AnyAction), name: actionName }),
    ]),
  );
  const identities = Object.entries(d.identities ?? {}).map(([identityName, spec]) => {
    const options: IdentityOptions = Array.isArray(spec) ? { keys: spec } : (spec as IdentityOptions);
    return Object.freeze({
      name: identityName,
      keys: options.keys,
      nilsDistinct: options.nilsDistinct ?? true,
      message: options.message ?? `has already been taken`,
    });
  });
  return Object.freeze({
    kind: "resource" as const,
    name,
    table: d.table ?? name,
    description: d.description,
    attributes: Object.freeze(attributes),
    relationships: Object.freeze({ ...(d.relationships ?? {}) }),
    calculations: Object.freeze({ ...(d.calculations ?? {}) }),
    aggregates: Object.freeze({ ...(d.aggregates ?? {}) }),
    actions: Object.freeze(actions),
    identities,
    primaryKey: Object.entries(attributes)
      .filter(([, a]) => a.config.primaryKey)
      .map(([k]) => k),
    changes: d.changes ?? [],
    validations: d.validations ?? [],
    preparations: d.preparations ?? [],
    notifiers: d.notifiers ?? [],
    publications: d.publications ?? [],
    baseFilter: d.baseFilter,
    multitenancy: d.multitenancy,
    policies: d.policies,
    fieldPolicies: d.fieldPolicies,
  }) as unknown as Resource<
    N,
    AllAttributes<D>,
    RelsOf<D>,
    ActsOf<D>,
    IdsOf<D>,
    CalcsOf<D>,
    AggsOf<D>,
    HiddenOf<D>
  >;
}
