import type { DataLayer } from "../data-layer/contract.js";
import { type AshlarError, InvalidError, invalid, toAshlarError } from "../errors/errors.js";
import type { AnyResource } from "../resource/resource.js";
import {
  type BulkError,
  type BulkOptions,
  type BulkResult,
  type BulkTarget,
  type ResolvedBulkOptions,
  resolveBulkOptions,
} from "./bulk-options.js";
import { isTargetList, iterableSource, type PageReader, querySource, targetAsRow } from "./bulk-sources.js";
import type { CallInput } from "./engine.js";
import { runInsertBatch } from "./insert-batch.js";
import type { ResourceRuntime } from "./runtime.js";
import { discardNotifications } from "./transaction-scope.js";

type Row = Record<string, unknown>;

/** One record of a bulk action: where it sits, what to report it as, and its run through the engine. */
export interface BulkItem {
  readonly index: number;
  readonly input: Row;
  /** The record's own engine call (`engine.create(...)` and so on): the whole single-action lifecycle. */
  run(): Promise<Row>;
}

/** Hands out the records batch by batch, so only one batch is in memory at a time. */
export interface BatchSource {
  hasMore(): Promise<boolean>;
  next(): Promise<BulkItem[]>;
  /** The records are creates whose rows can go to the data layer together (one multi-row insert per batch). */
  readonly insertTogether?: boolean;
}

/** What the bulk runner needs of the engine: its data layer and transactions (which deliver on commit). */
export interface Transactor {
  readonly dataLayer: DataLayer;
  transaction<T>(fn: () => Promise<T>): Promise<T>;
}

/** What bulk actions need of the engine: its single-record calls, paged reads and transactions. */
export interface BulkEngine extends Transactor, PageReader {
  runtimeOf(resource: AnyResource): ResourceRuntime;
  create(resource: AnyResource, action: string, input: Row, options?: CallInput): Promise<Row>;
  update(
    resource: AnyResource,
    action: string,
    record: Row | string | number,
    input: Row,
    options?: CallInput,
  ): Promise<Row>;
  destroy(
    resource: AnyResource,
    action: string,
    record: Row | string | number,
    input: Row,
    options?: CallInput,
  ): Promise<Row>;
}

/** Creates a record per input through `engine.create`, in input order (see `BulkOptions`). */
export function runBulkCreate(
  engine: BulkEngine,
  resource: AnyResource,
  action: string,
  inputs: Iterable<Row> | AsyncIterable<Row>,
  options: BulkOptions,
): Promise<BulkResult> {
  const where = `${resource.name}.${action}`;
  const resolved = resolveBulkOptions(options, where);
  const source = iterableSource(inputs, resolved.batchSize, (input, index) => ({
    index,
    input,
    run: () => engine.create(resource, action, input, resolved.call),
  }));
  const def = resource.actions[action] as { upsert?: unknown } | undefined;
  const together = engine.dataLayer.createMany !== undefined && def !== undefined && !def.upsert;
  return runBulk(engine, { ...source, insertTogether: together }, resolved, where);
}

/**
 * Updates or destroys each target record through `engine.update` / `engine.destroy` with the same input. A
 * list target runs in list order (keys are fetched as a single call would); a query target is read in pages.
 */
export function runBulkChange(
  engine: BulkEngine,
  resource: AnyResource,
  action: string,
  type: "update" | "destroy",
  target: BulkTarget,
  input: Row,
  options: BulkOptions,
): Promise<BulkResult> {
  const where = `${resource.name}.${action}`;
  const resolved = resolveBulkOptions(options, where);
  const primaryKey = engine.runtimeOf(resource).table.primaryKey;
  const write = (record: Row | string | number) =>
    type === "update"
      ? engine.update(resource, action, record, input, resolved.call)
      : engine.destroy(resource, action, record, input, resolved.call);
  const source = isTargetList(target, where)
    ? iterableSource(target, resolved.batchSize, (record, index) => ({
        index,
        input: targetAsRow(record, primaryKey),
        run: () => write(record),
      }))
    : querySource(engine, resource, target, resolved.batchSize, resolved.call, (record, index) => ({
        index,
        input: record,
        run: () => write(record),
      }));
  return runBulk(engine, source, resolved, where);
}

/** A record written inside a transaction that has not committed yet. */
interface Written {
  readonly item: BulkItem;
  readonly record: Row;
}

/** The work of one transaction: what it wrote, and the first record that failed in it. */
interface Pending {
  readonly written: Written[];
  failedAt: number | undefined;
}

/** Thrown out of a transaction's callback to roll it back once one of its records has failed. */
class RollBack extends Error {
  constructor(readonly failedAt: number) {
    super(`rolled back: input ${failedAt} failed`);
  }
}

/** Carries a failed read of the source out of a transaction, so it is thrown rather than blamed on records. */
class SourceFailed extends Error {}

/**
 * Runs a bulk action: every record through its own engine call, in the transactions `options.transaction`
 * asks for. A transaction in which a record failed is rolled back whole: the failing record reports its own
 * error and every record it had written reports `batch_rolled_back`. Notifications come from the engine calls
 * and transactions themselves, so they reach receivers only once the work that made them has committed.
 * A failing read of a query target throws, as any failed read does; batches committed before it stay so.
 */
export async function runBulk(
  engine: Transactor,
  source: BatchSource,
  options: ResolvedBulkOptions,
  where: string,
): Promise<BulkResult> {
  const tally = new Tally(options, where);
  const run = async () => {
    if (options.transaction === "none") await runEach(source, tally);
    else if (options.transaction === "batch") {
      while (!tally.stopped && (await source.hasMore()))
        await inTransaction(engine, tally, (pending) => runBatch(engine, source, tally, pending));
    } else {
      await inTransaction(engine, tally, async (pending) => {
        while (!tally.stopped && (await source.hasMore())) await runBatch(engine, source, tally, pending);
      });
    }
    return tally.result();
  };
  return options.notify ? run() : discardNotifications(engine.dataLayer, run);
}

/** transaction "none": each record commits or fails on its own. */
async function runEach(source: BatchSource, tally: Tally): Promise<void> {
  while (!tally.stopped && (await source.hasMore())) {
    for (const item of await source.next()) {
      if (tally.stopped) return;
      const outcome = await attempt(item);
      if (outcome.ok) tally.committed([{ item, record: outcome.record }]);
      else tally.failed(item, outcome.error);
    }
  }
}

/**
 * Runs the next batch inside the current transaction, noting what it wrote and what failed. Creates whose
 * rows can go together are inserted with one statement per batch (see `runInsertBatch`).
 */
async function runBatch(
  engine: Transactor,
  source: BatchSource,
  tally: Tally,
  pending: Pending,
): Promise<void> {
  let items: BulkItem[];
  try {
    items = await source.next();
  } catch (error) {
    throw new SourceFailed("reading the records of a bulk action failed", { cause: error });
  }
  const dl = engine.dataLayer;
  const together = source.insertTogether && dl.createMany && items.length > 1;
  const outcomes = together
    ? (
        await runInsertBatch(
          dl,
          items.map((i) => i.run),
        )
      ).map((o) =>
        o.ok ? { ok: true as const, record: o.value } : { ok: false as const, error: toAshlarError(o.error) },
      )
    : undefined;
  for (const [i, item] of items.entries()) {
    if (tally.stopped) return;
    const outcome = outcomes ? (outcomes[i] as Outcome) : await attempt(item);
    if (outcome.ok) pending.written.push({ item, record: outcome.record });
    else {
      pending.failedAt ??= item.index;
      tally.failed(item, outcome.error);
    }
  }
}

type Outcome = { ok: true; record: Row } | { ok: false; error: AshlarError };

/** Runs `work` in one transaction, rolled back if any of its records failed; then settles its records. */
async function inTransaction(
  engine: Transactor,
  tally: Tally,
  work: (pending: Pending) => Promise<void>,
): Promise<void> {
  const pending: Pending = { written: [], failedAt: undefined };
  try {
    await engine.transaction(async () => {
      await work(pending);
      if (pending.failedAt !== undefined) throw new RollBack(pending.failedAt);
    });
  } catch (error) {
    if (error instanceof SourceFailed) throw error.cause;
    if (error instanceof RollBack) tally.rolledBack(pending, error.failedAt);
    // The data layer failed the transaction itself (a refused commit): its records were not written. With no
    // record to blame (it failed to begin), the error is the caller's to see.
    else if (pending.written.length)
      for (const { item } of pending.written) tally.failed(item, toAshlarError(error));
    else throw error;
    return;
  }
  tally.committed(pending.written);
}

async function attempt(item: BulkItem): Promise<Outcome> {
  try {
    return { ok: true, record: await item.run() };
  } catch (error) {
    return { ok: false, error: toAshlarError(error) };
  }
}

/** Keeps the result as records commit and fail, holding only what the options ask to return. */
class Tally {
  private readonly records: Row[] = [];
  private readonly errors: BulkError[] = [];
  private errorCount = 0;
  private committedCount = 0;
  /** Set by the first failure when `stopOnError`: nothing more is tried. */
  stopped = false;

  constructor(
    private readonly options: ResolvedBulkOptions,
    private readonly where: string,
  ) {}

  committed(written: readonly Written[]): void {
    this.committedCount += written.length;
    if (this.options.returnRecords) for (const w of written) this.records.push(w.record);
  }

  failed(item: BulkItem, error: AshlarError): void {
    this.errorCount++;
    if (this.options.returnErrors) this.errors.push({ index: item.index, input: item.input, error });
    if (this.options.stopOnError) this.stopped = true;
  }

  /** The records a rolled-back transaction had written report why they are not there. */
  rolledBack(pending: Pending, failedAt: number): void {
    const scope = this.options.transaction === "all" ? "the bulk action's transaction" : "its batch";
    for (const { item } of pending.written) {
      this.errorCount++;
      if (!this.options.returnErrors) continue;
      const leaf = invalid({
        code: "batch_rolled_back",
        message:
          `was written, then rolled back with ${scope} because input ${failedAt} failed; ` +
          `fix or leave out input ${failedAt} and run this one again`,
        source: this.where,
      });
      this.errors.push({ index: item.index, input: item.input, error: new InvalidError([leaf]) });
    }
  }

  result(): BulkResult {
    const errors = [...this.errors].sort((a, b) => a.index - b.index);
    const status =
      this.errorCount === 0 ? "success" : this.committedCount === 0 ? "error" : "partial_success";
    return { status, records: this.records, errors, errorCount: this.errorCount };
  }
}
