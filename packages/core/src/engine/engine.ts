import type { DataLayer } from "../data-layer/contract.js";
import { frameworkError, notFound, toAshlarError } from "../errors/errors.js";
import { and, lit, op, ref } from "../expressions/ast.js";
import type { Notification } from "../notifications/notification.js";
import type { PubSub } from "../notifications/pubsub.js";
import type { AnyResource } from "../resource/resource.js";
import { instrument, type Logger } from "../telemetry/telemetry.js";
import type { BulkOptions, BulkResult, BulkTarget } from "./bulk-options.js";
import { canRun } from "./can.js";
import { type CallContext, RecordNeeded } from "./changeset.js";
import { type Page, type PageInput, runPagedRead } from "./paginate.js";
import { keyText, primaryKeyOf } from "./persist.js";
import { runBulkChange, runBulkCreate } from "./run-bulk.js";
import { runGeneric } from "./run-generic.js";
import { type ReadRequest, runRead } from "./run-read.js";
import { runWrite, triesByKey } from "./run-write.js";
import { type ActionRunner, type EngineContext, primaryActionOf, type ResourceRuntime } from "./runtime.js";
import { tableFor } from "./tenancy.js";
import { currentTransaction, discardNotifications, transact } from "./transaction-scope.js";
import type { ReplayDirective, WriteRecorder } from "./write-recorder.js";

type Row = Record<string, unknown>;

/** Options every engine call takes (the code interface fills them in from its call options). */
export interface CallInput {
  actor?: unknown;
  tenant?: string | undefined;
  context?: Record<string, unknown> | undefined;
  authorize?: boolean | undefined;
  /** Replays recorded history through the action (event logs use it; see `ReplayDirective`). */
  replay?: ReplayDirective | undefined;
}

const NO_CONTEXT: Readonly<Record<string, unknown>> = Object.freeze({});

const callContext = (o: CallInput = {}): CallContext => ({
  actor: o.actor,
  tenant: o.tenant,
  context: o.context ? Object.freeze({ ...o.context }) : NO_CONTEXT,
  authorize: o.authorize,
  ...(o.replay ? { replay: o.replay } : {}),
});

/**
 * The action engine: the one place every interface (code interface, JSON:API, GraphQL) calls. It finds the
 * action, runs its lifecycle, wraps it in telemetry and delivers notifications after commit.
 */
export class Engine implements EngineContext {
  constructor(
    readonly dataLayer: DataLayer,
    private readonly runtimes: ReadonlyMap<AnyResource, ResourceRuntime>,
    private readonly pubsub: PubSub,
    private readonly logger: Logger | undefined,
    /** Told of every write inside its transaction (event logs). */
    readonly recorders: readonly WriteRecorder[] = [],
  ) {
    this.byName = new Map([...runtimes.keys()].map((r) => [r.name, r]));
  }

  private readonly byName: ReadonlyMap<string, AnyResource>;

  /** The engine runs nested actions itself (see `ActionRunner`). */
  get actions(): ActionRunner {
    return this;
  }

  runtimeOf(resource: AnyResource): ResourceRuntime {
    const runtime = this.runtimes.get(resource);
    if (!runtime)
      throw frameworkError(
        `resource "${resource.name}" is not part of this app; add it to a domain's resources`,
      );
    return runtime;
  }

  private actionOf(resource: AnyResource, name: string, types: readonly string[]) {
    const action = resource.actions[name];
    if (!action) {
      const names = Object.keys(resource.actions).join(", ") || "none";
      throw frameworkError(`${resource.name} has no action "${name}"; its actions are ${names}`);
    }
    if (!types.includes(action.type))
      throw frameworkError(`${resource.name}.${name} is a ${action.type} action, not ${types.join(" or ")}`);
    return action;
  }

  /** The primary action of a type, or the only one. */
  primaryAction(resource: AnyResource, type: string): string | undefined {
    return primaryActionOf(resource, type);
  }

  create(resource: AnyResource, action: string, input: Row = {}, options?: CallInput): Promise<Row> {
    const call = callContext(options);
    return this.traced(resource, action, "create", call, () =>
      runWrite(this, this.runtimeOf(resource), action, input, undefined, call),
    );
  }

  update(
    resource: AnyResource,
    action: string,
    record: Row | string | number,
    input: Row = {},
    options?: CallInput,
  ): Promise<Row> {
    return this.change(resource, action, "update", record, input, options);
  }

  destroy(
    resource: AnyResource,
    action: string,
    record: Row | string | number,
    input: Row = {},
    options?: CallInput,
  ): Promise<Row> {
    return this.change(resource, action, "destroy", record, input, options);
  }

  read(resource: AnyResource, action: string, options: ReadRequest & CallInput = {}): Promise<Row[]> {
    const call = callContext(options);
    return this.traced(resource, action, "read", call, () =>
      runRead(this, this.runtimeOf(resource), action, options, call),
    );
  }

  /**
   * Whether an actor may run an action (with this input, on this record), answered without running it. See
   * `canRun` for what is queried.
   *
   * @example await app.engine.can(Ticket, "close", { actor, record: ticket }) // → true / false
   */
  can(
    resource: AnyResource,
    action: string,
    options: CallInput & { input?: Row; record?: Row | string | number } = {},
  ): Promise<boolean> {
    const call = callContext(options);
    return this.traced(resource, action, "can", call, async () => {
      const runtime = this.runtimeOf(resource);
      const given = options.record;
      const record =
        given === undefined
          ? undefined
          : typeof given === "object" &&
              given !== null &&
              [...runtime.table.columns.keys()].every((k) => k in given)
            ? given
            : await this.fetch(resource, typeof given === "object" ? primaryKeyOf(runtime, given) : given, {
                ...options,
                authorize: false,
              });
      return canRun(this, runtime, action, call, options.input ?? {}, record);
    });
  }

  /** Runs a read action and answers one page (offset or keyset) with its cursors and, if asked, the count. */
  readPage(
    resource: AnyResource,
    action: string,
    options: ReadRequest & CallInput & { page?: PageInput } = {},
  ): Promise<Page<Row>> {
    const call = callContext(options);
    return this.traced(resource, action, "read", call, () =>
      runPagedRead(this, this.runtimeOf(resource), action, { ...options, page: options.page ?? {} }, call),
    );
  }

  /**
   * Reads every matching record in batches of `batchSize` (keyset pages, so records inserted meanwhile never
   * make it skip or repeat one), without holding them all in memory.
   */
  async *stream(
    resource: AnyResource,
    action: string,
    options: ReadRequest & CallInput & { batchSize?: number } = {},
  ): AsyncGenerator<Row, void, undefined> {
    let after: string | undefined;
    for (;;) {
      const page = await this.readPage(resource, action, {
        ...options,
        page: { limit: options.batchSize ?? 500, ...(after ? { after } : {}) },
      });
      yield* page.results;
      if (!page.hasMore || !page.endCursor) return;
      after = page.endCursor;
    }
  }

  /**
   * Creates a record per input, each through the whole create lifecycle (its own notification included), in
   * batches with the transactions `options.transaction` asks for. Failures are answered per input, by index.
   */
  bulkCreate(
    resource: AnyResource,
    action: string,
    inputs: Iterable<Row> | AsyncIterable<Row>,
    options: BulkOptions = {},
  ): Promise<BulkResult> {
    return this.bulk(resource, action, "create", options, () =>
      runBulkCreate(this, resource, action, inputs, options),
    );
  }

  /**
   * Updates each target with the same input, each through the whole update lifecycle. The target is a list of
   * records or keys, or a query `{ filter, sort, input, readAction }` read in keyset pages of `batchSize`.
   */
  bulkUpdate(
    resource: AnyResource,
    action: string,
    target: BulkTarget,
    input: Row = {},
    options: BulkOptions = {},
  ): Promise<BulkResult> {
    return this.bulk(resource, action, "update", options, () =>
      runBulkChange(this, resource, action, "update", target, input, options),
    );
  }

  /** Destroys each target (a list of records or keys, or a query), as `bulkUpdate` updates them. */
  bulkDestroy(
    resource: AnyResource,
    action: string,
    target: BulkTarget,
    input: Row = {},
    options: BulkOptions = {},
  ): Promise<BulkResult> {
    return this.bulk(resource, action, "destroy", options, () =>
      runBulkChange(this, resource, action, "destroy", target, input, options),
    );
  }

  run(resource: AnyResource, action: string, input: Row = {}, options?: CallInput): Promise<unknown> {
    const call = callContext(options);
    return this.traced(resource, action, "action", call, () =>
      runGeneric(this, this.runtimeOf(resource), action, input, call),
    );
  }

  /**
   * Runs `fn` in one transaction: actions called inside join it, and all roll back if it throws. With
   * `notify: false` the notifications of its work are dropped instead of delivered (replaying history).
   */
  transaction<T>(fn: () => Promise<T>, options: { notify?: boolean } = {}): Promise<T> {
    if (options.notify === false)
      return discardNotifications(this.dataLayer, () => transact(this.dataLayer, fn, async () => undefined));
    return transact(this.dataLayer, fn, (n) => this.deliver(n));
  }

  /**
   * Deletes every record of the resource straight through the data layer, in the current transaction: no
   * action, no hook, no policy, nothing recorded. Replaying history starts here.
   */
  async clear(resource: AnyResource, options: { tenant?: string } = {}): Promise<void> {
    const clear = this.dataLayer.clear?.bind(this.dataLayer);
    if (!clear)
      throw frameworkError(
        `the ${this.dataLayer.name} data layer cannot delete every record of ${resource.name}; ` +
          "use a data layer that implements clear(), or give the event log a clearRecordsForReplay function",
      );
    await clear(tableFor(this.runtimeOf(resource), options.tenant), currentTransaction(this.dataLayer));
  }

  /**
   * Finds one record by primary key (a value, or an object of fields such as a getBy's) through the resource's
   * primary read action, so preparations (and later policies) apply. NotFound when absent.
   */
  async fetch(resource: AnyResource, key: Row | string | number, options?: CallInput): Promise<Row> {
    const runtime = this.runtimeOf(resource);
    const pk = this.keyObject(runtime, key);
    const readAction = this.primaryAction(resource, "read");
    const filter = and(...Object.entries(pk).map(([k, v]) => op("==", ref(k), lit(v))));
    const rows = readAction
      ? await this.read(resource, readAction, { ...options, ...(filter ? { filter } : {}) })
      : await this.dataLayer.read(runtime.table, { filter }, currentTransaction(this.dataLayer));
    const found = rows[0];
    if (!found) throw notFound(`${resource.name}`, `${resource.name} ${keyText(pk)}`);
    return found;
  }

  notifies(resource: AnyResource): boolean {
    return resource.notifiers.length > 0 || this.pubsub.hasSubscribers;
  }

  /**
   * Delivers committed notifications to the resource's notifiers, then to pub/sub subscribers, before the
   * action returns. A failing notifier is logged and never fails the (already committed) action.
   */
  async deliver(notifications: readonly Notification[]): Promise<void> {
    for (const n of notifications) {
      const resource = this.byName.get(n.resource);
      for (const notifier of resource?.notifiers ?? []) {
        try {
          await notifier.notify(n);
        } catch (error) {
          this.logger?.({
            level: "error",
            event: "notifier.error",
            resource: n.resource,
            action: n.action,
            notifier: notifier.name,
            error,
          });
        }
      }
      await this.pubsub.publish(n);
    }
  }

  private async change(
    resource: AnyResource,
    action: string,
    type: "update" | "destroy",
    record: Row | string | number,
    input: Row,
    options?: CallInput,
  ) {
    const call = callContext(options);
    return this.traced(resource, action, type, call, async () => {
      const runtime = this.runtimeOf(resource);
      // A whole record (every attribute present, as reads answer them) is used as it is, as in Ash; anything
      // less — a key, or a partial object — is fetched by its primary key first.
      const isRecord =
        typeof record === "object" &&
        record !== null &&
        [...runtime.table.columns.keys()].every((k) => k in record);
      if (isRecord) return runWrite(this, runtime, action, input, record as Row, call);
      const key = typeof record === "object" && record !== null ? primaryKeyOf(runtime, record) : record;
      if (triesByKey(runtime, action, call)) {
        // One UPDATE by key, unless the action turns out to need the record (see `Changeset.data`).
        try {
          return await runWrite(this, runtime, action, input, this.keyObject(runtime, key), call, true);
        } catch (error) {
          if (!(error instanceof RecordNeeded)) throw error;
        }
      }
      return runWrite(this, runtime, action, input, await this.fetch(resource, key, options), call);
    });
  }

  private keyObject(runtime: ResourceRuntime, key: Row | string | number): Row {
    const pk = runtime.table.primaryKey;
    if (typeof key !== "object" || key === null) {
      if (pk.length !== 1)
        throw frameworkError(
          `${runtime.resource.name} has a composite primary key (${pk.join(", ")}); pass an object`,
        );
      return { [pk[0] as string]: key };
    }
    return key;
  }

  /**
   * A bulk action as a whole: checks the action before any record runs (a wrong name or type throws rather
   * than failing every record), and spans the per-record spans under one `bulk_<type>` span.
   */
  private bulk(
    resource: AnyResource,
    action: string,
    type: "create" | "update" | "destroy",
    options: BulkOptions,
    fn: () => Promise<BulkResult>,
  ): Promise<BulkResult> {
    const hasActor = options.actor !== undefined && options.actor !== null;
    const info = { resource: resource.name, action, type: `bulk_${type}`, hasActor };
    return instrument(this.logger, info, async () => {
      try {
        this.runtimeOf(resource);
        this.actionOf(resource, action, [type]);
        return await fn();
      } catch (error) {
        throw toAshlarError(error);
      }
    });
  }

  private traced<T>(
    resource: AnyResource,
    action: string,
    type: string,
    call: CallContext,
    fn: () => Promise<T>,
  ): Promise<T> {
    const info = {
      resource: resource.name,
      action,
      type,
      hasActor: call.actor !== undefined && call.actor !== null,
    };
    return instrument(this.logger, info, async () => {
      try {
        this.actionOf(
          resource,
          action,
          type === "can" ? ["create", "read", "update", "destroy", "action"] : [type],
        );
        return await fn();
      } catch (error) {
        throw toAshlarError(error);
      }
    });
  }
}
