import type { ActionType, AnyAction } from "../actions/action.js";
import { frameworkError, invalid, LeafError, type LeafErrorInfo, staleRecord } from "../errors/errors.js";
import type { Expr } from "../expressions/ast.js";
import type { ResolvedRelationship } from "../resource/resolve.js";
import type { AnyResource } from "../resource/resource.js";
import { canonicalJson } from "../types/json.js";
import { castInto } from "./cast-value.js";
import type { ActionRunner } from "./runtime.js";
import type { ReplayDirective } from "./write-recorder.js";

export type { ActionType } from "../actions/action.js";

/** Who is calling and on whose behalf; passed to every change, validation, hook and nested action. */
export interface CallContext {
  readonly actor: unknown;
  readonly tenant: string | undefined;
  /** Free-form values for changes and hooks (request ids, flags). */
  readonly context: Readonly<Record<string, unknown>>;
  /** Whether policies apply: true/false as the caller asked, undefined to follow the domain's setting. */
  readonly authorize: boolean | undefined;
  /** Set when records are read as a relationship of another resource (loads), for `accessingFrom` checks. */
  readonly accessingFrom?: { readonly resource: string; readonly relationship: string } | undefined;
  /** Set when recorded history is replayed through this action (see `ReplayDirective`). */
  readonly replay?: ReplayDirective | undefined;
}

type Row = Record<string, unknown>;

export type BeforeTransactionHook = (cs: Changeset) => void | Promise<void>;
export type BeforeActionHook = (cs: Changeset) => void | Promise<void>;
/** Receives the written record and may answer a replacement. Throwing (or adding errors) rolls back. */
export type AfterActionHook = (
  cs: Changeset,
  record: Row,
) => undefined | Row | Promise<undefined | Row | void> | void;
/** The outcome of an action, given to after-transaction hooks. */
export type Outcome = { ok: true; record: Row } | { ok: false; error: unknown };
/** Runs after the transaction, on success and on failure; may answer a replacement outcome. */
export type AfterTransactionHook = (
  cs: Changeset,
  outcome: Outcome,
) => undefined | Outcome | Promise<undefined | Outcome | void> | void;

/** The record of an update tried by its key alone, before (and unless) it is read. */
export const NOT_READ: unique symbol = Symbol("record not read");

/** Thrown when an update tried by its key alone turns out to need its record (see `Changeset.data`). */
export class RecordNeeded extends Error {
  constructor() {
    super("the update needs its record");
  }
}

/**
 * A changeset: everything a create, update or destroy will do, built up by casting inputs, running changes and
 * validations, then carried through hooks to the data layer. Changes receive it and work on it.
 */
export class Changeset {
  /** Attribute values the action will write (cast, canonical). */
  readonly attributes: Row = {};
  readonly arguments: Row = {};
  readonly errors: LeafError[] = [];
  /** Attributes the data layer computes from the row as it is when written (see `atomicUpdate`). */
  readonly atomics: Record<string, Expr> = {};
  /**
   * Conditions the record must meet at the moment it is written (optimistic locks, later policies). When it
   * does not, the write changes nothing and fails with `staleError` (or StaleRecord).
   */
  readonly writeConditions: { readonly filter: Expr; readonly error: () => Error }[] = [];
  readonly hooks = {
    beforeTransaction: [] as BeforeTransactionHook[],
    beforeAction: [] as BeforeActionHook[],
    afterAction: [] as AfterActionHook[],
    afterTransaction: [] as AfterTransactionHook[],
  };
  /** The single "now" of this action: every timestamp default of the action uses it. */
  readonly timestamp: string;
  /** Casts still running (types backed by asynchronous validators). */
  private readonly pending: Promise<void>[] = [];

  constructor(
    readonly resource: AnyResource,
    private readonly relationships: Readonly<Record<string, ResolvedRelationship>>,
    readonly action: AnyAction & { readonly name: string },
    /**
     * The record being updated or destroyed; undefined for a create; NOT_READ for an update tried by its key
     * alone (see `data`).
     */
    record: Readonly<Row> | undefined | typeof NOT_READ,
    readonly call: CallContext,
    timestamp: string,
    /** Runs other actions inside this one's transaction (see manageRelationship). */
    readonly actions: ActionRunner,
  ) {
    this.timestamp = timestamp;
    this.record = record;
  }

  private readonly record: Readonly<Row> | undefined | typeof NOT_READ;

  /**
   * The record being updated or destroyed; undefined for a create. An update tried by its key alone has not
   * read it: asking for it (here, or through `getAttribute` of an attribute the action does not set, or
   * `isChanging`) throws `RecordNeeded`, and the engine reads the record and runs the action again.
   */
  get data(): Readonly<Row> | undefined {
    if (this.record === NOT_READ) throw new RecordNeeded();
    return this.record;
  }

  get actionType(): ActionType {
    return this.action.type;
  }

  get actor(): unknown {
    return this.call.actor;
  }

  get isValid(): boolean {
    return this.errors.length === 0;
  }

  /** "ticket.open" — used in error messages. */
  get source(): string {
    return `${this.resource.name}.${this.action.name}`;
  }

  /** The value the record will have: the changing value if any, else the current one. */
  getAttribute(name: string): unknown {
    return name in this.attributes ? this.attributes[name] : this.data?.[name];
  }

  /** A relationship of the resource, resolved. */
  relationship(name: string): ResolvedRelationship {
    const rel = this.relationships[name];
    if (!rel)
      throw frameworkError(`${this.source}: "${name}" is not a relationship of ${this.resource.name}`);
    return rel;
  }

  getArgument(name: string): unknown {
    return this.arguments[name];
  }

  /** An argument if the action has one by that name, else the attribute. */
  get(name: string): unknown {
    return name in this.action.arguments ? this.arguments[name] : this.getAttribute(name);
  }

  /** Whether the action changes the attribute (to a value different from the current one). */
  isChanging(name: string): boolean {
    if (!(name in this.attributes)) return false;
    return this.data === undefined || !sameValue(this.attributes[name], this.data[name]);
  }

  /** Sets an attribute, casting the value with the attribute's type; a bad value becomes an error on the field. */
  changeAttribute(name: string, value: unknown): this {
    const attr = this.resource.attributes[name];
    if (!attr) throw frameworkError(`${this.source}: a change set "${name}", which is not an attribute`);
    const pending = castInto(
      attr.config,
      name,
      value,
      (v) => {
        this.attributes[name] = v;
      },
      (e) => this.addError(e),
    );
    if (pending) this.pending.push(pending);
    return this;
  }

  /**
   * Has the data layer compute an attribute from the row as it is at the moment of writing, e.g.
   * `op("+", ref("views"), lit(1))`, so that concurrent updates never lose each other's work. Updates only.
   */
  atomicUpdate(name: string, expr: Expr): this {
    if (!this.resource.attributes[name])
      throw frameworkError(`${this.source}: "${name}" is not an attribute`);
    this.atomics[name] = expr;
    return this;
  }

  /**
   * Adds a condition the record must still meet when the update or destroy writes it (checked by the data
   * layer atomically with the write). `error` makes the failure's error; default: a stale-record error.
   */
  requireOnWrite(filter: Expr, error?: () => Error): this {
    this.writeConditions.push({
      filter,
      error: error ?? (() => staleRecord(this.source, this.resource.name)),
    });
    return this;
  }

  /** Sets an argument's value (changes may fill arguments in for later changes). */
  setArgument(name: string, value: unknown): this {
    this.arguments[name] = value;
    return this;
  }

  addError(error: Omit<LeafErrorInfo, "source"> | LeafError): this {
    const leaf = error instanceof LeafError ? error : invalid(error);
    leaf.source ??= this.source;
    this.errors.push(leaf);
    return this;
  }

  beforeTransaction(hook: BeforeTransactionHook): this {
    this.hooks.beforeTransaction.push(hook);
    return this;
  }

  beforeAction(hook: BeforeActionHook): this {
    this.hooks.beforeAction.push(hook);
    return this;
  }

  afterAction(hook: AfterActionHook): this {
    this.hooks.afterAction.push(hook);
    return this;
  }

  afterTransaction(hook: AfterTransactionHook): this {
    this.hooks.afterTransaction.push(hook);
    return this;
  }

  /** Waits for asynchronous casts started by `changeAttribute`. */
  async settle(): Promise<void> {
    while (this.pending.length) await this.pending.shift();
  }
}

/** Structural equality for attribute values (canonical scalars, arrays and JSON objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  return canonicalJson(a) === canonicalJson(b);
}
