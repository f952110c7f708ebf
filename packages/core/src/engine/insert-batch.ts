import type { DataLayer, Row, TableSpec, Transaction } from "../data-layer/contract.js";
import { currentTransaction, withInsertSlot } from "./transaction-scope.js";

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * One record's place in a batched bulk create. Its create runs the whole lifecycle up to the insert, queues
 * the row here and waits; once every record of the batch has queued (or failed), the rows go to the data layer
 * as one multi-row insert, and each record goes on, one after the other, with its row as stored.
 */
export class InsertSlot {
  claimed = false;
  private queued: { table: TableSpec; row: Row } | undefined;
  private answer: Settled<Row> | undefined;
  private wake: (() => void) | undefined;
  private readonly reachedInsert: Promise<void>;
  private markReached!: () => void;

  constructor() {
    this.reachedInsert = new Promise((resolve) => {
      this.markReached = resolve;
    });
  }

  /** Called by the record's create in place of the data layer's `create`: resolves to the stored row. */
  insert(table: TableSpec, row: Row): Promise<Row> {
    this.queued = { table, row };
    const answered = new Promise<void>((resolve) => {
      this.wake = resolve;
    });
    this.markReached();
    return answered.then(() => {
      const answer = this.answer as Settled<Row>;
      if (answer.ok) return answer.value;
      throw answer.error;
    });
  }

  get reached(): Promise<void> {
    return this.reachedInsert;
  }

  get pending(): { table: TableSpec; row: Row } | undefined {
    return this.answer ? undefined : this.queued;
  }

  settle(answer: Settled<Row>): void {
    this.answer = answer;
  }

  /** Lets the record's create go on with its answer (after-action hooks, notification). */
  release(): void {
    this.wake?.();
  }
}

/**
 * Runs the records of one batch of a bulk create inside the batch's open transaction, inserting their rows
 * together: each record runs until its insert is queued (one at a time, so hooks never interleave), then
 * the rows are inserted per table in one statement, then each record finishes in input order. Answers each
 * record's outcome, in order.
 */
export async function runInsertBatch<T>(
  dataLayer: DataLayer,
  runs: readonly (() => Promise<T>)[],
): Promise<Settled<T>[]> {
  const slots: InsertSlot[] = [];
  const outcomes: Promise<Settled<T>>[] = [];
  for (const run of runs) {
    const slot = new InsertSlot();
    const outcome = withInsertSlot(dataLayer, slot, run).then(
      (value): Settled<T> => ({ ok: true, value }),
      (error): Settled<T> => ({ ok: false, error }),
    );
    slots.push(slot);
    outcomes.push(outcome);
    await Promise.race([slot.reached, outcome]);
  }
  await insertQueued(dataLayer, slots, currentTransaction(dataLayer));
  const settled: Settled<T>[] = [];
  for (const [i, slot] of slots.entries()) {
    slot.release();
    settled.push(await (outcomes[i] as Promise<Settled<T>>));
  }
  return settled;
}

/**
 * Inserts the queued rows, one multi-row insert per table inside a savepoint. When it fails (a duplicate, a
 * missing reference), the rows are inserted one by one, each in its own savepoint, so every record gets its
 * own answer and the error is blamed on the right one.
 */
async function insertQueued(
  dataLayer: DataLayer,
  slots: readonly InsertSlot[],
  tx: Transaction | undefined,
): Promise<void> {
  const createMany: (table: TableSpec, rows: readonly Row[], t: Transaction) => Promise<Row[]> =
    dataLayer.createMany?.bind(dataLayer) ??
    (async (table, rows, t) => {
      const stored: Row[] = [];
      for (const row of rows) stored.push(await dataLayer.create(table, row, t));
      return stored;
    });
  const groups = new Map<TableSpec, InsertSlot[]>();
  for (const slot of slots) {
    const pending = slot.pending;
    if (!pending) continue;
    const group = groups.get(pending.table) ?? [];
    group.push(slot);
    groups.set(pending.table, group);
  }
  for (const [table, group] of groups) {
    const rows = group.map((s) => (s.pending as { row: Row }).row);
    try {
      const stored = await dataLayer.transaction((t) => createMany(table, rows, t), tx);
      for (const [i, slot] of group.entries()) slot.settle({ ok: true, value: stored[i] as Row });
    } catch {
      for (const [i, slot] of group.entries()) {
        try {
          const row = await dataLayer.transaction((t) => dataLayer.create(table, rows[i] as Row, t), tx);
          slot.settle({ ok: true, value: row });
        } catch (error) {
          slot.settle({ ok: false, error });
        }
      }
    }
  }
}
