import type { GenericActionDef, ReadActionDef } from "../actions/action.js";
import type { Page, PageInput } from "../engine/paginate.js";
import type { ReadOptions } from "../engine/read-options.js";
import type { AshlarError } from "../errors/errors.js";
import type { CalculationDef } from "../resource/calculation.js";
import type { ActionInput, RecordOf } from "../resource/infer.js";
import type { AnyResource } from "../resource/resource.js";
import type { Definition } from "./define.js";
import type { Domain } from "./domain.js";
import type { AggregateValue, Loaded, LoadSpec, Registry } from "./load-types.js";

export type { DestinationOf } from "./load-types.js";

/** Options every call accepts. */
export interface CallOptions {
  /** Who is acting; changes such as relateActor and (later) policies use it. */
  actor?: unknown;
  tenant?: string;
  /** Free-form values for changes and hooks. */
  context?: Record<string, unknown>;
  /** Whether policies apply (default true; `false` for trusted internal calls). */
  authorize?: boolean;
}

/** A result for the non-throwing form of every code-interface function (`fn.safe(...)`). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AshlarError };

type StripOptional<N extends string> = N extends `${infer Base}?` ? Base : N;

/** Positional parameters from argument names: "name" is required, "name?" may be left out. */
export type Positional<Source, Names extends readonly string[]> = Names extends readonly [
  infer H extends string,
  ...infer T extends readonly string[],
]
  ? H extends `${infer Base}?`
    ? [(Base extends keyof Source ? Source[Base] : never)?, ...Positional<Source, T>]
    : [H extends keyof Source ? Source[H] : never, ...Positional<Source, T>]
  : [];

type Rest<Input, Names extends readonly string[]> = Omit<Input, StripOptional<Names[number]>>;

/** A single primary key's value, or an object of the key's fields. */
export type KeyOf<R extends AnyResource> = {
  [K in keyof RecordOf<R>]: K extends R["primaryKey"][number] ? K : never;
}[keyof RecordOf<R>] extends infer K extends keyof RecordOf<R>
  ? RecordOf<R>[K] | Pick<RecordOf<R>, K>
  : never;

/** A record of the resource, or its primary key. */
export type RecordOrKey<R extends AnyResource> = RecordOf<R> | string | number | Partial<RecordOf<R>>;

/** What filters and sorts may name: attributes, calculations and aggregates. */
export type Filterable<R extends AnyResource, Reg extends Registry> = RecordOf<R> & {
  [K in keyof R["calculations"]]: R["calculations"][K] extends CalculationDef<infer T> ? T | null : unknown;
} & { [K in keyof R["aggregates"]]: AggregateValue<R, R["aggregates"][K], Reg> };

/** Options of a call that may load: `load` widens the answer's type. */
type Loading<L> = CallOptions & { load?: L };

type ReadCall<R extends AnyResource, Input, L, Reg extends Registry, Pg> = Loading<L> &
  ReadOptions<Filterable<R, Reg>> & { page?: Pg } & ({} extends Input ? { input?: Input } : { input: Input });

/** The input object, required when it has required keys, followed by the call options. */
type InputThenOptions<Input, L> = {} extends Input
  ? [input?: Input, options?: Loading<L>]
  : [input: Input, options?: Loading<L>];

type Params<D extends Definition, L, Reg extends Registry, Pg = undefined> =
  D extends Definition<infer R, infer A, infer Args, infer GetBy>
    ? R["actions"][A] extends ReadActionDef
      ? GetBy extends readonly string[]
        ? [
            ...Positional<RecordOf<R>, GetBy>,
            ...Positional<ActionInput<R, A>, Args>,
            options?: Loading<L> & { input?: Rest<ActionInput<R, A>, Args> },
          ]
        : [
            ...Positional<ActionInput<R, A>, Args>,
            options?: ReadCall<R, Rest<ActionInput<R, A>, Args>, L, Reg, Pg>,
          ]
      : R["actions"][A] extends { type: "update" | "destroy" }
        ? GetBy extends readonly string[]
          ? [
              ...Positional<RecordOf<R>, GetBy>,
              ...Positional<ActionInput<R, A>, Args>,
              ...InputThenOptions<Rest<ActionInput<R, A>, Args>, L>,
            ]
          : [
              record: RecordOrKey<R>,
              ...Positional<ActionInput<R, A>, Args>,
              ...InputThenOptions<Rest<ActionInput<R, A>, Args>, L>,
            ]
        : [...Positional<ActionInput<R, A>, Args>, ...InputThenOptions<Rest<ActionInput<R, A>, Args>, L>]
    : never;

type Returns<D extends Definition, L, Reg extends Registry, Pg = undefined> =
  D extends Definition<infer R, infer A, string[] | readonly string[], infer GetBy>
    ? R["actions"][A] extends GenericActionDef<infer _Args, infer Ret>
      ? Ret
      : R["actions"][A] extends ReadActionDef
        ? GetBy extends readonly string[]
          ? Loaded<R, L, Reg>
          : R["actions"][A] extends { get: true }
            ? Loaded<R, L, Reg>
            : Pg extends PageInput
              ? Page<Loaded<R, L, Reg>>
              : R["actions"][A] extends { pagination: { required: true } }
                ? Page<Loaded<R, L, Reg>>
                : Loaded<R, L, Reg>[]
        : Loaded<R, L, Reg>
    : never;

type ResourceOf<D> = D extends Definition<infer R> ? R : never;

/**
 * A code-interface function: throws on error; `.safe(...)` answers a Result instead. Two signatures: with a
 * `load` (the answer widens with what was loaded) and without (so `ReturnType` shows the plain record).
 */
export type InterfaceFunction<D extends Definition, Reg extends Registry = {}> = {
  <
    const L extends LoadSpec<ResourceOf<D>, Reg> = readonly [],
    const Pg extends PageInput | undefined = undefined,
  >(
    ...params: Params<D, L, Reg, Pg>
  ): Promise<Returns<D, L, Reg, Pg>>;
  (...params: Params<D, readonly [], Reg>): Promise<Returns<D, readonly [], Reg>>;
  safe: {
    <
      const L extends LoadSpec<ResourceOf<D>, Reg> = readonly [],
      const Pg extends PageInput | undefined = undefined,
    >(
      ...params: Params<D, L, Reg, Pg>
    ): Promise<Result<Returns<D, L, Reg, Pg>>>;
    (...params: Params<D, readonly [], Reg>): Promise<Result<Returns<D, readonly [], Reg>>>;
  };
  /**
   * Whether the caller (options.actor) may run this, with these parameters, answered without running it
   * (policies decided; a filter checked against the record with one query, or in memory for a create).
   */
  can(...params: Params<D, readonly [], Reg>): Promise<boolean>;
  readonly definition: D;
};

/** The resources of a domain by name: where relationship destinations given by name are found. */
export type RegistryOf<D> =
  D extends Domain<string, infer _I, infer Rs> ? { [R in Rs[number] as R["name"]]: R } : {};

/** The functions of a domain's code interface. */
export type DomainInterface<D> =
  D extends Domain<string, infer I>
    ? { readonly [K in keyof I]: I[K] extends Definition ? InterfaceFunction<I[K], RegistryOf<D>> : never }
    : never;
