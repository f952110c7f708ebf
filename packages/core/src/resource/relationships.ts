import type { AnyAttribute, Attribute, DefaultFlags } from "./attribute.js";

/**
 * Relationships. A destination is a resource name (`"user"`) or a thunk (`() => User`): both are lazy, so
 * resources may refer to each other in cycles. References are resolved and verified when the app is built.
 */
// biome-ignore lint/suspicious/noExplicitAny: a thunk to any resource; resolved at build time.
export type Destination = string | (() => any);

export type RelationshipKind = "belongsTo" | "hasOne" | "hasMany" | "manyToMany";

export interface RelationshipConfig {
  readonly kind: RelationshipKind;
  readonly destination: Destination;
  /** The attribute on this resource (belongsTo: the foreign key; others: usually the primary key). */
  readonly sourceAttribute?: string | undefined;
  /** The attribute on the destination (belongsTo: usually its primary key; others: the foreign key). */
  readonly destinationAttribute?: string | undefined;
  /** manyToMany: the join resource and its two foreign keys. */
  readonly through?: Destination | undefined;
  readonly sourceAttributeOnJoin?: string | undefined;
  readonly destinationAttributeOnJoin?: string | undefined;
  /** belongsTo: the foreign-key attribute to add, unless the resource declares it itself. */
  readonly attribute?: AnyAttribute | undefined;
  readonly description?: string | undefined;
}

export interface Relationship<
  K extends RelationshipKind = RelationshipKind,
  D extends Destination = Destination,
  // Type-level only: the foreign key name (belongsTo) and its attribute.
  S extends string | undefined = string | undefined,
  A extends AnyAttribute | undefined = AnyAttribute | undefined,
> {
  readonly config: RelationshipConfig & { readonly kind: K; readonly destination: D };
  /** Type-level only (absent at runtime): the foreign key's name and attribute. */
  readonly __types: { readonly source: S; readonly attribute: A };
}

export type AnyRelationship = Relationship;
export type RelationshipMap = Record<string, AnyRelationship>;

export interface BelongsToOptions<S extends string | undefined, A extends AnyAttribute> {
  /** The foreign-key attribute's name (default: the relationship name + "Id"). */
  sourceAttribute?: S;
  /** The destination's attribute it points at (default: its primary key). */
  destinationAttribute?: string;
  /** The foreign key's type (default `t.uuid().optional()`); make it required with a non-optional type. */
  attribute?: A;
  description?: string;
}

/** Flags of the default foreign key: a nil-able uuid. */
export interface OptionalUuidFlags extends Omit<DefaultFlags, "optional" | "autogen"> {
  optional: true;
  autogen: true;
}

export type OptionalUuid = Attribute<string, OptionalUuidFlags>;

/**
 * The record points at one destination through a foreign key on this resource, which `belongsTo` adds.
 *
 * @example reporter: belongsTo("user"),                      // adds reporterId: string | null
 *          org: belongsTo(() => Org, { attribute: t.uuid() }) // adds orgId: string (required)
 */
export function belongsTo<
  D extends Destination,
  const S extends string | undefined = undefined,
  A extends AnyAttribute = OptionalUuid,
>(destination: D, options: BelongsToOptions<S, A> = {}): Relationship<"belongsTo", D, S, A> {
  return {
    config: {
      kind: "belongsTo",
      destination,
      sourceAttribute: options.sourceAttribute,
      destinationAttribute: options.destinationAttribute,
      attribute: options.attribute,
      description: options.description,
    },
  } as Relationship<"belongsTo", D, S, A>;
}

export interface HasOptions {
  /** The foreign key on the destination (default: this resource's name + "Id"). */
  destinationAttribute?: string;
  /** The attribute on this resource it matches (default: the primary key). */
  sourceAttribute?: string;
  description?: string;
}

/** One related record holds a foreign key pointing back here. */
export function hasOne<D extends Destination>(
  destination: D,
  options: HasOptions = {},
): Relationship<"hasOne", D> {
  return { config: { kind: "hasOne", destination, ...options } } as Relationship<"hasOne", D>;
}

/** Many related records hold a foreign key pointing back here. */
export function hasMany<D extends Destination>(
  destination: D,
  options: HasOptions = {},
): Relationship<"hasMany", D> {
  return { config: { kind: "hasMany", destination, ...options } } as Relationship<"hasMany", D>;
}

export interface ManyToManyOptions {
  /** The join resource. */
  through: Destination;
  /** The join resource's foreign key to this resource (default: this resource's name + "Id"). */
  sourceAttributeOnJoin?: string;
  /** The join resource's foreign key to the destination (default: the destination's name + "Id"). */
  destinationAttributeOnJoin?: string;
  sourceAttribute?: string;
  destinationAttribute?: string;
  description?: string;
}

/** Related through a join resource. */
export function manyToMany<D extends Destination>(
  destination: D,
  options: ManyToManyOptions,
): Relationship<"manyToMany", D> {
  return { config: { kind: "manyToMany", destination, ...options } } as Relationship<"manyToMany", D>;
}

/** The foreign-key attributes that a resource's belongsTo relationships add, by name. */
export type ForeignKeyAttributes<R extends RelationshipMap, Declared> = {
  [K in keyof R as R[K] extends Relationship<"belongsTo", Destination, infer S, AnyAttribute | undefined>
    ? ForeignKeyName<K & string, S> extends keyof Declared
      ? never
      : ForeignKeyName<K & string, S>
    : never]: R[K] extends Relationship<"belongsTo", Destination, string | undefined, infer A>
    ? A extends AnyAttribute
      ? A
      : OptionalUuid
    : never;
};

export type ForeignKeyName<K extends string, S> = S extends string ? S : `${K}Id`;
