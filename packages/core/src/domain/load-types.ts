import type { SortInput } from "../engine/read-options.js";
import type { Expr } from "../expressions/ast.js";
import type { FilterInput } from "../expressions/filter-input.js";
import type { AggregateDef } from "../resource/aggregate.js";
import type { CalculationDef } from "../resource/calculation.js";
import type { RecordOf } from "../resource/infer.js";
import type { Relationship, RelationshipKind } from "../resource/relationships.js";
import type { AnyResource } from "../resource/resource.js";

/**
 * Type-level loads: `load: ["commentCount", { comments: ["author"] }]` widens the record type with exactly
 * what was loaded. Relationship destinations given as names ("user") are found in a registry of the
 * domain's resources; thunks (`() => User`) are followed directly.
 */
export type Registry = Record<string, AnyResource>;

/** The resource a relationship leads to. */
export type DestinationOf<Rel, Reg extends Registry> =
  Rel extends Relationship<RelationshipKind, infer D>
    ? D extends () => infer X
      ? X extends AnyResource
        ? X
        : AnyResource
      : D extends keyof Reg
        ? Reg[D]
        : AnyResource
    : AnyResource;

type Rels<R extends AnyResource> = R["relationships"];
type Calcs<R extends AnyResource> = R["calculations"];
type Aggs<R extends AnyResource> = R["aggregates"];

/** Names that can be loaded on a resource. */
export type LoadableName<R extends AnyResource> = (keyof Rels<R> | keyof Calcs<R> | keyof Aggs<R>) & string;

/** How one relationship may be loaded: nested loads, or a query on the related records. */
export interface RelationshipLoadOf<
  D extends AnyResource,
  Reg extends Registry,
  Depth extends unknown[] = [],
> {
  filter?: FilterInput<RecordOf<D>> | Expr;
  sort?: readonly SortInput<RecordOf<D>>[];
  limit?: number;
  offset?: number;
  load?: LoadSpec<D, Reg, Depth>;
}

type LoadEntry<R extends AnyResource, Reg extends Registry, Depth extends unknown[]> = {
  [K in LoadableName<R>]?: K extends keyof Rels<R>
    ?
        | LoadSpec<DestinationOf<Rels<R>[K], Reg>, Reg, [...Depth, 1]>
        | RelationshipLoadOf<DestinationOf<Rels<R>[K], Reg>, Reg, [...Depth, 1]>
    : K extends keyof Calcs<R>
      ? Record<string, unknown>
      : never;
};

/**
 * A load: names, or `{ name: nested }` entries. Checked five levels deep (relationships may form cycles, and
 * the type must stay finite); deeper nesting is accepted as written and checked when the read runs.
 */
export type LoadSpec<
  R extends AnyResource,
  Reg extends Registry,
  Depth extends unknown[] = [],
> = Depth["length"] extends 5 ? readonly unknown[] : readonly (LoadableName<R> | LoadEntry<R, Reg, Depth>)[];

type Split<S extends string> = S extends `${infer H}.${infer T}` ? [H, ...Split<T>] : [S];

/** The resource at the end of a relationship path. */
type Walk<R extends AnyResource, Path extends readonly string[], Reg extends Registry> = Path extends [
  infer H extends string,
  ...infer T extends string[],
]
  ? H extends keyof Rels<R>
    ? Walk<DestinationOf<Rels<R>[H], Reg>, T, Reg>
    : AnyResource
  : R;

type FieldValue<R extends AnyResource, F> = F extends keyof RecordOf<R> ? RecordOf<R>[F] : unknown;

/** The value an aggregate answers. */
export type AggregateValue<R extends AnyResource, A, Reg extends Registry> =
  A extends AggregateDef<infer K, infer P, infer F>
    ? K extends "count"
      ? number
      : K extends "exists"
        ? boolean
        : K extends "list"
          ? NonNullable<FieldValue<Walk<R, Split<P>, Reg>, F>>[]
          : FieldValue<Walk<R, Split<P>, Reg>, F> | null
    : unknown;

type NestedOf<V> = V extends readonly unknown[] ? V : V extends { load: infer L } ? L : readonly [];

type ToMany<Rel> = Rel extends Relationship<"hasMany" | "manyToMany"> ? true : false;

/** The value loaded under one name. */
type LoadedValue<R extends AnyResource, K, V, Reg extends Registry> = K extends keyof Rels<R>
  ? ToMany<Rels<R>[K]> extends true
    ? Loaded<DestinationOf<Rels<R>[K], Reg>, NestedOf<V>, Reg>[]
    : Loaded<DestinationOf<Rels<R>[K], Reg>, NestedOf<V>, Reg> | null
  : K extends keyof Calcs<R>
    ? Calcs<R>[K] extends CalculationDef<infer T>
      ? T | null
      : unknown
    : K extends keyof Aggs<R>
      ? AggregateValue<R, Aggs<R>[K], Reg>
      : never;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

type ItemFields<R extends AnyResource, Item, Reg extends Registry> = Item extends string
  ? { [K in Item]: LoadedValue<R, K, readonly [], Reg> }
  : { [K in keyof Item]-?: LoadedValue<R, K, Item[K], Reg> };

/** A record with what a load added. */
export type Loaded<R extends AnyResource, L, Reg extends Registry> = L extends readonly []
  ? RecordOf<R>
  : L extends readonly (infer Item)[]
    ? RecordOf<R> & UnionToIntersection<ItemFields<R, Item, Reg>>
    : RecordOf<R>;
