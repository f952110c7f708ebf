import type { ArgValues } from "../actions/action.js";
import type { Expr } from "../expressions/ast.js";
import type { AnyAttribute, AttrFlags, Attribute, AttributeMap } from "./attribute.js";

type Row = Record<string, unknown>;

/** What a function calculation receives besides the records. */
export interface CalculationContext<Args> {
  readonly arguments: Args;
  readonly actor: unknown;
  readonly tenant: string | undefined;
  readonly context: Readonly<Record<string, unknown>>;
}

/** Computes a calculation for a whole batch of records at once (never one call per record). */
export type ComputeFn<T, Args> = (
  records: readonly Row[],
  context: CalculationContext<Args>,
) => readonly (T | null)[] | Promise<readonly (T | null)[]>;

/**
 * A calculation: a value derived from a record. An expression calculation runs in the data layer (so it can be
 * filtered and sorted on); a function calculation runs in TypeScript over the batch, after its `load`
 * dependencies are loaded. Either may take typed arguments with defaults, referred to as `^arg(name)`.
 */
export interface CalculationDef<T = unknown, Args extends AttributeMap = AttributeMap> {
  readonly kind: "calculation";
  readonly returns: AnyAttribute;
  readonly arguments: Args;
  readonly expr: Expr | undefined;
  readonly compute: ComputeFn<T, ArgValues<Args>> | undefined;
  /** Fields (attributes, calculations, aggregates, relationships) to load before `compute` runs. */
  readonly load: readonly string[];
  readonly description: string | undefined;
  /** Type-level only. */
  readonly __value?: T;
}

export type CalculationMap = Record<string, CalculationDef<unknown, AttributeMap>>;

interface CalculationOptions<T, Args extends AttributeMap> {
  expr?: Expr;
  compute?: ComputeFn<T, ArgValues<Args>>;
  arguments?: Args;
  load?: readonly string[];
  description?: string;
}

/**
 * Defines a calculation.
 *
 * @example
 * calculations: {
 *   isUrgent: calculation(t.boolean(), expr`priority == "urgent" and status != "closed"`),
 *   label: calculation(t.string(), { expr: expr`subject <> ^arg(suffix)`, arguments: { suffix: t.string().default("!") } }),
 *   ageDays: calculation(t.integer(), { load: ["insertedAt"], compute: (rows) => rows.map((r) => daysSince(r.insertedAt)) }),
 * }
 */
export function calculation<T, F extends AttrFlags, In, Args extends AttributeMap = {}>(
  returns: Attribute<T, F, In>,
  definition: Expr | CalculationOptions<T, Args>,
): CalculationDef<T, Args> {
  const options: CalculationOptions<T, Args> =
    "kind" in definition ? { expr: definition as Expr } : definition;
  if ((options.expr === undefined) === (options.compute === undefined)) {
    throw new TypeError("calculation(): give exactly one of an expression or a compute function");
  }
  return Object.freeze({
    kind: "calculation" as const,
    returns,
    arguments: options.arguments ?? ({} as Args),
    expr: options.expr,
    compute: options.compute,
    load: options.load ?? [],
    description: options.description,
  });
}
