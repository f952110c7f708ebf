import type { AggregateKind, Expr } from "../expressions/ast.js";

/**
 * An aggregate over the records a relationship path reaches: `count("comments")`, `max("comments",
 * "insertedAt")`. It runs in the data layer, so it can be loaded, filtered and sorted on, and used in
 * expressions by name.
 */
export interface AggregateDef<
  K extends AggregateKind = AggregateKind,
  P extends string = string,
  F extends string | undefined = string | undefined,
> {
  readonly kind: "aggregate-def";
  readonly aggregate: K;
  /** Dotted relationship path: "comments", "tickets.comments". */
  readonly path: P;
  readonly field: F;
  readonly filter: Expr | undefined;
  readonly sort: readonly { readonly field: string; readonly direction: "asc" | "desc" }[] | undefined;
  readonly uniq: boolean;
  readonly default: unknown;
  readonly description: string | undefined;
  /** Whether the related resource's policies limit what is counted (default true; false for trusted counts). */
  readonly authorize: boolean;
}

export type AggregateMap = Record<string, AggregateDef>;

export interface AggregateOptions {
  /** Only related records matching this expression count. */
  filter?: Expr;
  /** Distinct values only. */
  uniq?: boolean;
  /** The value for an empty set. */
  default?: unknown;
  description?: string;
  /** `false`: count every related record, whatever the caller may read (a trusted count). Default true. */
  authorize?: boolean;
}

interface OrderedOptions extends AggregateOptions {
  /** The order of related records (first, list). */
  sort?: readonly { field: string; direction: "asc" | "desc" }[];
}

const define =
  <K extends AggregateKind>(aggregate: K) =>
  <const P extends string, const F extends string | undefined>(
    path: P,
    field: F,
    o: OrderedOptions = {},
  ): AggregateDef<K, P, F> =>
    Object.freeze({
      kind: "aggregate-def" as const,
      aggregate,
      path,
      field,
      filter: o.filter,
      sort: o.sort,
      uniq: o.uniq ?? false,
      default: o.default,
      description: o.description,
      authorize: o.authorize ?? true,
    });

const withField = <K extends AggregateKind>(k: K) => {
  const d = define(k);
  return <const P extends string, const F extends string>(path: P, field: F, options?: OrderedOptions) =>
    d(path, field, options);
};

/** How many related records (with `filter`: how many match). */
export const count = <const P extends string>(path: P, options?: AggregateOptions) =>
  define("count")(path, undefined, options);
/** Whether any related record exists (matches `filter`). */
export const existsAggregate = <const P extends string>(path: P, options?: AggregateOptions) =>
  define("exists")(path, undefined, options);
/** Sum of a field of the related records (exact for decimals). */
export const sum = withField("sum");
/** Average of a field. */
export const avg = withField("avg");
/** Smallest value of a field (in the field type's order). */
export const min = withField("min");
/** Largest value of a field. */
export const max = withField("max");
/** The field of the first related record in `sort` order. */
export const first = withField("first");
/** The field's values of all related records, in `sort` order. */
export const list = withField("list");
