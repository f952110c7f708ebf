import type { ChangeDef } from "../changes/change.js";
import type { PreparationDef } from "../preparations/preparation.js";
import type { AnyAttribute, AttributeMap } from "../resource/attribute.js";
import type { ValidationDef } from "../validations/validation.js";

export type ActionType = "create" | "read" | "update" | "destroy" | "action";

/** "*" accepts every public, writable attribute (generated primary keys excluded). */
export type Accept = readonly string[] | "*";

interface ActionBase<Type extends ActionType, Args extends AttributeMap, Refs extends string> {
  readonly type: Type;
  /** The primary action of its type is the one used when no name is given (by interfaces, `getBy` reads...). */
  readonly primary: boolean;
  readonly description: string | undefined;
  readonly arguments: Args;
  readonly __refs?: Refs;
}

interface WriteBase<Type extends ActionType, Args extends AttributeMap, Refs extends string>
  extends ActionBase<Type, Args, Refs> {
  readonly changes: readonly ChangeDef<string>[];
  readonly validations: readonly ValidationDef<string>[];
  /** Run the action inside a transaction (default true for writes). */
  readonly transaction: boolean;
}

export interface CreateActionDef<
  Acc extends Accept = Accept,
  Args extends AttributeMap = AttributeMap,
  Refs extends string = string,
> extends WriteBase<"create", Args, Refs> {
  readonly accept: Acc;
  /** Insert, or update the existing record with the same identity (INSERT ... ON CONFLICT). */
  readonly upsert: UpsertOptions | undefined;
}

/** How a create action upserts. */
export interface UpsertOptions {
  /** The identity whose keys find the existing record (default: the primary key). */
  readonly identity?: string;
  /** Attributes overwritten on an existing record (default: every attribute the create sets, keys aside). */
  readonly fields?: readonly string[];
}

export interface UpdateActionDef<
  Acc extends Accept = Accept,
  Args extends AttributeMap = AttributeMap,
  Refs extends string = string,
> extends WriteBase<"update", Args, Refs> {
  readonly accept: Acc;
}

export interface DestroyActionDef<
  Acc extends Accept = Accept,
  Args extends AttributeMap = AttributeMap,
  Refs extends string = string,
> extends WriteBase<"destroy", Args, Refs> {
  readonly accept: Acc;
  /** Keep the record and write the action's changes instead (archiving); the resource's base filter hides it. */
  readonly soft: boolean;
}

export interface ReadActionDef<Args extends AttributeMap = AttributeMap, Refs extends string = string>
  extends ActionBase<"read", Args, Refs> {
  readonly preparations: readonly PreparationDef<string>[];
  /** Answers a single record (or NotFound) instead of a list. */
  readonly get: boolean;
  /** How the action pages; absent: it answers lists only. */
  readonly pagination: PaginationOptions | undefined;
  /** `false`: the resource's base filter does not apply (e.g. a read of archived records). */
  readonly baseFilter: boolean;
  /** Policies that do not authorize every record fail the read with Forbidden instead of filtering it. */
  readonly strict: boolean;
}

/** A read action's pagination (as Ash's `pagination` option). */
export interface PaginationOptions {
  /** Pages by limit and offset (default true). */
  readonly offset?: boolean;
  /** Pages by cursors after/before a record (default true). */
  readonly keyset?: boolean;
  /** The limit when the caller gives none. */
  readonly defaultLimit?: number;
  /** The largest limit a caller may ask for (larger asks are capped). */
  readonly maxLimit?: number;
  /** Whether callers may ask for the total count (default true). */
  readonly countable?: boolean;
  /** Every read of the action answers a page, even without a `page` option. */
  readonly required?: boolean;
}

/** What a generic action's `run` receives. */
export interface GenericActionInput<Args> {
  readonly arguments: Args;
  readonly actor: unknown;
  readonly tenant: string | undefined;
  readonly context: Readonly<Record<string, unknown>>;
}

export interface GenericActionDef<Args extends AttributeMap = AttributeMap, Ret = unknown>
  extends ActionBase<"action", Args, never> {
  readonly returns: AnyAttribute | undefined;
  readonly run: (input: GenericActionInput<RunArgs<Args>>) => Ret | Promise<Ret>;
  readonly transaction: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: the widest action definition, for constraints.
type Wide = any;
export type AnyAction =
  | CreateActionDef<Wide, Wide, Wide>
  | UpdateActionDef<Wide, Wide, Wide>
  | DestroyActionDef<Wide, Wide, Wide>
  | ReadActionDef<Wide, Wide>
  | GenericActionDef<Wide, Wide>;
export type ActionMap = Record<string, AnyAction>;

/** The values of an argument map: required arguments, and optional ones for nil-able or defaulted arguments. */
export type ArgValues<Args extends AttributeMap> = Simplify<
  { [K in keyof Args as IsOptionalInput<Args[K]> extends true ? never : K]: InputValue<Args[K]> } & {
    [K in keyof Args as IsOptionalInput<Args[K]> extends true ? K : never]?: InputValue<Args[K]> | undefined;
  }
>;

/**
 * Arguments as a generic action's `run` receives them: defaults are already applied, so a defaulted argument
 * is always there; only nil-able ones may be missing.
 */
export type RunArgs<Args extends AttributeMap> = Simplify<
  { [K in keyof Args as MayBeNil<Args[K]> extends true ? never : K]: CastValue<Args[K]> } & {
    [K in keyof Args as MayBeNil<Args[K]> extends true ? K : never]?: CastValue<Args[K]> | undefined;
  }
>;

type MayBeNil<A> = A extends { __flags: { optional: true } } ? true : false;

/** An input is optional when it may be nil or has a default. */
export type IsOptionalInput<A> = A extends { __flags: infer F }
  ? F extends { optional: true }
    ? true
    : F extends { hasDefault: true }
      ? true
      : false
  : false;

/** What a write may give for an attribute or argument (nil-able ones also take null). */
export type InputValue<A> = A extends { __input: infer I; __flags: infer F }
  ? F extends { optional: true }
    ? I | null
    : I
  : never;

/** The cast value of an attribute or argument (nil-able ones may be null). */
export type CastValue<A> = A extends { __value: infer T; __flags: infer F }
  ? F extends { optional: true }
    ? T | null
    : T
  : never;

export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Collects the field names a list of changes or validations refers to (for type-level verification). */
export type RefsOf<L> = L extends readonly (infer X)[]
  ? X extends { __refs?: infer R }
    ? Exclude<R, undefined>
    : never
  : never;
