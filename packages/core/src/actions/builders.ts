import type { ChangeDef } from "../changes/change.js";
import type { PreparationDef } from "../preparations/preparation.js";
import type { AnyAttribute, AttributeMap } from "../resource/attribute.js";
import type { ValidationDef } from "../validations/validation.js";
import type {
  Accept,
  CreateActionDef,
  DestroyActionDef,
  GenericActionDef,
  GenericActionInput,
  PaginationOptions,
  ReadActionDef,
  RefsOf,
  RunArgs,
  UpdateActionDef,
  UpsertOptions,
} from "./action.js";

interface WriteOptions<Acc extends Accept, Args extends AttributeMap, C, V> {
  /** Attributes the caller may set: a list, or "*" for every public writable attribute. Default: none. */
  accept?: Acc;
  /** Inputs that are not attributes: `{ password: t.string().sensitive() }`. */
  arguments?: Args;
  /** Changes in the order they run. */
  changes?: C;
  /** Validations, run after every change. */
  validations?: V;
  primary?: boolean;
  description?: string;
  /** Run inside a transaction (default true). */
  transaction?: boolean;
}

interface CreateOptions<Acc extends Accept, Args extends AttributeMap, C, V>
  extends WriteOptions<Acc, Args, C, V> {
  /** Insert, or update the record with the same identity: `upsert: { identity: "uniqueEmail", fields: ["name"] }`. */
  upsert?: UpsertOptions | true;
}

interface DestroyOptions<Acc extends Accept, Args extends AttributeMap, C, V>
  extends WriteOptions<Acc, Args, C, V> {
  /** Keep the record and write the action's changes instead of deleting it (archive). */
  soft?: boolean;
}

type Changes = readonly ChangeDef<string>[];
type Validations = readonly ValidationDef<string>[];

function writeAction<Type extends "create" | "update" | "destroy">(
  type: Type,
  o:
    | CreateOptions<Accept, AttributeMap, Changes, Validations>
    | DestroyOptions<Accept, AttributeMap, Changes, Validations>,
) {
  return Object.freeze({
    type,
    accept: o.accept ?? [],
    arguments: o.arguments ?? {},
    changes: o.changes ?? [],
    validations: o.validations ?? [],
    primary: o.primary ?? false,
    description: o.description,
    transaction: o.transaction ?? true,
    ...(type === "create"
      ? { upsert: upsertOf((o as CreateOptions<Accept, AttributeMap, Changes, Validations>).upsert) }
      : {}),
    ...(type === "destroy"
      ? { soft: (o as DestroyOptions<Accept, AttributeMap, Changes, Validations>).soft ?? false }
      : {}),
  });
}

const upsertOf = (u: UpsertOptions | true | undefined): UpsertOptions | undefined => (u === true ? {} : u);

/**
 * A create action.
 * @example open: create({ accept: ["subject", "priority"], changes: [relateActor("reporter")] })
 */
export function create<
  const Acc extends Accept = readonly [],
  Args extends AttributeMap = {},
  const C extends Changes = readonly [],
  const V extends Validations = readonly [],
>(options: CreateOptions<Acc, Args, C, V> = {}): CreateActionDef<Acc, Args, RefsOf<C> | RefsOf<V>> {
  return writeAction("create", options) as CreateActionDef<Acc, Args, RefsOf<C> | RefsOf<V>>;
}

/**
 * An update action.
 * @example close: update({ changes: [set("status", "closed")] })
 */
export function update<
  const Acc extends Accept = readonly [],
  Args extends AttributeMap = {},
  const C extends Changes = readonly [],
  const V extends Validations = readonly [],
>(options: WriteOptions<Acc, Args, C, V> = {}): UpdateActionDef<Acc, Args, RefsOf<C> | RefsOf<V>> {
  return writeAction("update", options) as UpdateActionDef<Acc, Args, RefsOf<C> | RefsOf<V>>;
}

/** A destroy action. */
export function destroy<
  const Acc extends Accept = readonly [],
  Args extends AttributeMap = {},
  const C extends Changes = readonly [],
  const V extends Validations = readonly [],
>(options: DestroyOptions<Acc, Args, C, V> = {}): DestroyActionDef<Acc, Args, RefsOf<C> | RefsOf<V>> {
  return writeAction("destroy", options) as DestroyActionDef<Acc, Args, RefsOf<C> | RefsOf<V>>;
}

/**
 * A read action.
 * @example byStatus: read({ arguments: { status: t.string() }, preparations: [...] })
 */
export function read<
  Args extends AttributeMap = {},
  const P extends readonly PreparationDef<string>[] = readonly [],
  const G extends boolean = false,
  const Pg extends PaginationOptions | undefined = undefined,
>(
  options: {
    arguments?: Args;
    preparations?: P;
    primary?: boolean;
    description?: string;
    get?: G;
    pagination?: Pg;
    /** `false`: ignore the resource's base filter (see archived records). */
    baseFilter?: boolean;
    /** Forbidden instead of filtered when policies do not authorize every record. */
    strict?: boolean;
  } = {},
): ReadActionDef<Args, RefsOf<P>> & { readonly get: G; readonly pagination: Pg } {
  return Object.freeze({
    type: "read" as const,
    arguments: options.arguments ?? ({} as Args),
    preparations: options.preparations ?? [],
    primary: options.primary ?? false,
    description: options.description,
    get: (options.get ?? false) as G,
    pagination: options.pagination as Pg,
    baseFilter: options.baseFilter ?? true,
    strict: options.strict ?? false,
  });
}

/**
 * A generic action: any operation with typed arguments and a typed result.
 * @example
 * escalate: action({
 *   arguments: { ticketId: t.uuid() },
 *   returns: t.boolean(),
 *   run: async ({ arguments: { ticketId } }) => { ...; return true },
 * })
 */
export function action<Args extends AttributeMap = {}, Ret = void>(options: {
  arguments?: Args;
  returns?: AnyAttribute;
  run: (input: GenericActionInput<RunArgs<Args>>) => Ret | Promise<Ret>;
  /** Run inside a transaction (default false, as in Ash). */
  transaction?: boolean;
  description?: string;
}): GenericActionDef<Args, Awaited<Ret>> {
  return Object.freeze({
    type: "action" as const,
    arguments: options.arguments ?? ({} as Args),
    returns: options.returns,
    run: options.run as GenericActionDef<Args, Awaited<Ret>>["run"],
    transaction: options.transaction ?? false,
    primary: false,
    description: options.description,
  });
}

/**
 * The four default actions, each primary and accepting every public writable attribute (as Ash's
 * `defaults [:read, :destroy, create: :*, update: :*]`). Spread them into `actions`.
 *
 * @example actions: { ...defaults("read", "create", "update", "destroy"), close: update({...}) }
 */
export function defaults<const K extends readonly ("read" | "create" | "update" | "destroy")[]>(...kinds: K) {
  const all = {
    read: read({ primary: true }),
    create: create({ accept: "*", primary: true }),
    update: update({ accept: "*", primary: true }),
    destroy: destroy({ primary: true }),
  };
  return Object.fromEntries(kinds.map((k) => [k, all[k]])) as Pick<typeof all, K[number]>;
}
