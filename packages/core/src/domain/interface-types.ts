import type { GenericActionDef, ReadActionDef } from "../actions/action.js";
import type { ReadOptions } from "../engine/read-options.js";
import type { AshlarError } from "../errors/errors.js";
import type { ActionInput, RecordOf } from "../resource/infer.js";
import type { AnyResource } from "../resource/resource.js";
import type { Definition } from "./define.js";
import type { Domain } from "./domain.js";

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

/** The input object, required when it has required keys, followed by the call options. */
type InputThenOptions<Input> = {} extends Input
  ? [input?: Input, options?: CallOptions]
  : [input: Input, options?: CallOptions];

/** A single primary key's value, or an object of the key's fields. */
export type KeyOf<R extends AnyResource> = {
  [K in keyof RecordOf<R>]: K extends R["primaryKey"][number] ? K : never;
}[keyof RecordOf<R>] extends infer K extends keyof RecordOf<R>
  ? RecordOf<R>[K] | Pick<RecordOf<R>, K>
  : never;

/** A record of the resource, or its primary key. */
export type RecordOrKey<R extends AnyResource> = RecordOf<R> | string | number | Partial<RecordOf<R>>;

type ReadCall<R extends AnyResource, Input> = CallOptions &
  ReadOptions<RecordOf<R>> &
  ({} extends Input ? { input?: Input } : { input: Input });

type Params<D extends Definition> =
  D extends Definition<infer R, infer A, infer Args, infer GetBy>
    ? R["actions"][A] extends ReadActionDef
      ? GetBy extends readonly string[]
        ? [
            ...Positional<RecordOf<R>, GetBy>,
            ...Positional<ActionInput<R, A>, Args>,
            options?: CallOptions & { input?: Rest<ActionInput<R, A>, Args> },
          ]
        : [...Positional<ActionInput<R, A>, Args>, options?: ReadCall<R, Rest<ActionInput<R, A>, Args>>]
      : R["actions"][A] extends { type: "update" | "destroy" }
        ? GetBy extends readonly string[]
          ? [
              ...Positional<RecordOf<R>, GetBy>,
              ...Positional<ActionInput<R, A>, Args>,
              ...InputThenOptions<Rest<ActionInput<R, A>, Args>>,
            ]
          : [
              record: RecordOrKey<R>,
              ...Positional<ActionInput<R, A>, Args>,
              ...InputThenOptions<Rest<ActionInput<R, A>, Args>>,
            ]
        : [...Positional<ActionInput<R, A>, Args>, ...InputThenOptions<Rest<ActionInput<R, A>, Args>>]
    : never;

type Returns<D extends Definition> =
  D extends Definition<infer R, infer A, string[] | readonly string[], infer GetBy>
    ? R["actions"][A] extends GenericActionDef<infer _Args, infer Ret>
      ? Ret
      : R["actions"][A] extends ReadActionDef
        ? GetBy extends readonly string[]
          ? RecordOf<R>
          : R["actions"][A] extends { get: true }
            ? RecordOf<R>
            : RecordOf<R>[]
        : RecordOf<R>
    : never;

/** A code-interface function: throws on error; `.safe(...)` answers a Result instead. */
export type InterfaceFunction<D extends Definition> = ((...params: Params<D>) => Promise<Returns<D>>) & {
  safe(...params: Params<D>): Promise<Result<Returns<D>>>;
  readonly definition: D;
};

/** The functions of a domain's code interface. */
export type DomainInterface<D> =
  D extends Domain<string, infer I>
    ? { readonly [K in keyof I]: I[K] extends Definition ? InterfaceFunction<I[K]> : never }
    : never;
