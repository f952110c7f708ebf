import { evaluate } from "../../expressions/evaluate.js";
import { uuidv7 } from "../../types/uuid.js";
import type {
  DataLayer,
  DataQuery,
  Feature,
  IdentitySpec,
  Row,
  TableSpec,
  Transaction,
  UpsertSpec,
  WriteOptions,
} from "../contract.js";
import { FEATURES, UniqueViolation } from "../contract.js";
import { KeyedLocks } from "./keyed-locks.js";
import { MemoryQueryContext } from "./memory-scope.js";
import { DELETED, MemoryTransaction } from "./memory-transaction.js";
import { runQuery } from "./run-query.js";

export interface MemoryOptions {
  /** How long a transaction waits for a row another transaction holds before failing (default 5000 ms). */
  lockTimeoutMs?: number;
}

/** The memory layer does everything the contract names (it is the reference the others are tested against). */
/** Everything but companions (a write and its companions are kept together by a transaction here). */
const SUPPORTED = new Set<Feature>(FEATURES.filter((f) => f !== "companions"));

const keyOf = (values: readonly unknown[]) => JSON.stringify(values);

/**
 * The in-memory data layer: for tests and prototypes, and built to behave like a database. Transactions see
 * their own writes and nobody else's until commit; rollbacks restore the exact previous state; savepoints nest;
 * writers of the same row or unique key wait for each other as in PostgreSQL.
 */
export class MemoryDataLayer implements DataLayer {
  readonly name = "memory";
  private readonly committed = new Map<string, Map<string, Row>>();
  /** Sequences of generated integer columns; like PostgreSQL's, never rolled back. */
  private readonly sequences = new Map<string, number>();
  private readonly locks: KeyedLocks;

  constructor(options: MemoryOptions = {}) {
    this.locks = new KeyedLocks(options.lockTimeoutMs ?? 5000);
  }

  can(feature: Feature): boolean {
    return SUPPORTED.has(feature);
  }

  async register(tables: readonly TableSpec[]): Promise<void> {
    for (const t of tables) if (!this.committed.has(t.table)) this.committed.set(t.table, new Map());
  }

  async read(spec: TableSpec, query: DataQuery, tx?: Transaction): Promise<Row[]> {
    const owner = tx ? (tx as MemoryTransaction).root : undefined;
    let rows = runQuery(this.context(tx, spec.tenant), spec, query);
    if (query.lock && owner) {
      // As SELECT ... FOR UPDATE: once a row's lock is ours, answer its latest version, if it still matches.
      const locked: Row[] = [];
      for (const row of rows) {
        await this.locks.acquire(this.rowLock(spec, row), owner, spec.table);
        const latest = this.lookup(spec, keyOf(spec.primaryKey.map((k) => row[k])), tx as MemoryTransaction);
        if (latest && (!query.filter || evaluate(query.filter, this.scope(spec, latest, tx)) === true)) {
          locked.push({ ...row, ...latest });
        }
      }
      rows = locked;
    }
    const computed = Object.keys(query.calculations ?? {});
    return rows.map((row) => this.project(row, spec, query.select && [...query.select, ...computed]));
  }

  async count(spec: TableSpec, query: DataQuery, tx?: Transaction): Promise<number> {
    return runQuery(this.context(tx, spec.tenant), spec, { filter: query.filter }).length;
  }

  create(spec: TableSpec, input: Row, tx?: Transaction): Promise<Row> {
    return this.within(tx, async (t) => {
      const row = this.fillGenerated(spec, input);
      const key = keyOf(spec.primaryKey.map((k) => row[k]));
      await this.locks.acquire(`${this.store(spec)}#pk#${key}`, t.root, spec.table);
      if (this.lookup(spec, key, t)) throw new UniqueViolation(spec.table, "primary key", spec.primaryKey);
      await this.checkIdentities(spec, row, undefined, t);
      const stored = structuredClone(row);
      t.write(this.store(spec), key, stored);
      return structuredClone(stored);
    });
  }

  /** Inserts the rows one after the other inside a savepoint, so a conflict leaves none of them. */
  createMany(spec: TableSpec, rows: readonly Row[], tx?: Transaction): Promise<Row[]> {
    return this.transaction(async (t) => {
      const stored: Row[] = [];
      for (const row of rows) stored.push(await this.create(spec, row, t));
      return stored;
    }, tx);
  }

  upsert(spec: TableSpec, input: Row, on: UpsertSpec, tx?: Transaction): Promise<Row> {
    return this.within(tx, async (t) => {
      const values = on.keys.map((k) => input[k] ?? null);
      // Serialise upserts of one conflict target, as a unique index does in PostgreSQL.
      await this.locks.acquire(
        `${this.store(spec)}#upsert#${keyOf([...on.keys, ...values])}`,
        t.root,
        spec.table,
      );
      const same = (row: Row) => on.keys.every((k, i) => sameKey(spec, k, row[k], values[i]));
      const existing = values.includes(null) ? undefined : [...this.visible(spec, t).values()].find(same);
      if (!existing) return this.create(spec, input, t);
      const replace = Object.fromEntries(on.replace.filter((k) => k in input).map((k) => [k, input[k]]));
      return (await this.update(spec, existing, replace, t)) as Row;
    });
  }

  update(
    spec: TableSpec,
    key: Row,
    changes: Row,
    tx?: Transaction,
    options?: WriteOptions,
  ): Promise<Row | null> {
    return this.within(tx, async (t) => {
      const current = await this.lockAndMatch(spec, key, t, options);
      if (!current) return null;
      const next = { ...current, ...structuredClone(changes) };
      for (const [field, expr] of Object.entries(options?.atomics ?? {})) {
        next[field] = evaluate(expr, this.scope(spec, current, t));
      }
      const oldKey = keyOf(spec.primaryKey.map((k) => current[k]));
      const newKey = keyOf(spec.primaryKey.map((k) => next[k]));
      if (newKey !== oldKey) {
        await this.locks.acquire(`${this.store(spec)}#pk#${newKey}`, t.root, spec.table);
        if (this.lookup(spec, newKey, t))
          throw new UniqueViolation(spec.table, "primary key", spec.primaryKey);
        t.write(this.store(spec), oldKey, DELETED);
      }
      await this.checkIdentities(spec, next, oldKey, t);
      t.write(this.store(spec), newKey, next);
      return structuredClone(next);
    });
  }

  destroy(spec: TableSpec, key: Row, tx?: Transaction, options?: WriteOptions): Promise<Row | null> {
    return this.within(tx, async (t) => {
      const current = await this.lockAndMatch(spec, key, t, options);
      if (!current) return null;
      t.write(this.store(spec), keyOf(spec.primaryKey.map((k) => key[k])), DELETED);
      return structuredClone(current);
    });
  }

  clear(spec: TableSpec, tx?: Transaction): Promise<void> {
    return this.within(tx, async (t) => {
      for (const key of [...this.visible(spec, t).keys()]) t.write(this.store(spec), key, DELETED);
    });
  }

  advisoryLock(key: string, tx: Transaction): Promise<void> {
    return this.locks.acquire(`advisory#${key}`, (tx as MemoryTransaction).root, `lock ${key}`);
  }

  async transaction<T>(fn: (tx: Transaction) => Promise<T>, parent?: Transaction): Promise<T> {
    const tx = new MemoryTransaction(parent as MemoryTransaction | undefined);
    try {
      const result = await fn(tx);
      this.finish(tx, true);
      return result;
    } catch (error) {
      this.finish(tx, false);
      throw error;
    }
  }

  async close(): Promise<void> {}

  /** Removes every row (tests). */
  reset(): void {
    for (const rows of this.committed.values()) rows.clear();
  }

  /** Fills generated columns left out of a create: integers from a sequence, uuids freshly generated. */
  private fillGenerated(spec: TableSpec, input: Row): Row {
    const row = { ...input };
    for (const column of spec.columns.values()) {
      if (!column.generated || (row[column.name] !== undefined && row[column.name] !== null)) continue;
      if (column.type.name === "integer") {
        const key = `${this.store(spec)}.${column.name}`;
        const next = (this.sequences.get(key) ?? 0) + 1;
        this.sequences.set(key, next);
        row[column.name] = next;
      } else if (column.type.name === "uuid" || column.type.name === "uuidv7") {
        row[column.name] = uuidv7();
      }
    }
    return row;
  }

  private finish(tx: MemoryTransaction, commit: boolean): void {
    if (tx.done) return;
    tx.done = true;
    if (tx.parent) {
      if (commit) tx.parent.absorb(tx);
      return;
    }
    if (commit) {
      for (const [table, writes] of tx.writes) {
        const rows = this.committed.get(table) ?? new Map<string, Row>();
        for (const [key, slot] of writes) {
          if (slot === DELETED) rows.delete(key);
          else rows.set(key, slot);
        }
        this.committed.set(table, rows);
      }
    }
    this.locks.releaseAll(tx);
  }

  private async within<T>(tx: Transaction | undefined, fn: (t: MemoryTransaction) => Promise<T>): Promise<T> {
    if (tx) {
      if ((tx as MemoryTransaction).done) throw new Error("the transaction has already finished");
      return fn(tx as MemoryTransaction);
    }
    return this.transaction((t) => fn(t as MemoryTransaction));
  }

  /** Waits for the row lock, then reads the row as this transaction sees it and applies the write filter. */
  private async lockAndMatch(spec: TableSpec, key: Row, t: MemoryTransaction, options?: WriteOptions) {
    const pk = keyOf(spec.primaryKey.map((k) => key[k]));
    await this.locks.acquire(`${this.store(spec)}#pk#${pk}`, t.root, spec.table);
    const current = this.lookup(spec, pk, t);
    if (!current) return undefined;
    if (options?.filter && evaluate(options.filter, this.scope(spec, current, t)) !== true) return undefined;
    return current;
  }

  private visible(spec: TableSpec, tx: MemoryTransaction | undefined): Map<string, Row> {
    const base = this.committed.get(this.store(spec)) ?? new Map<string, Row>();
    if (!tx) return base;
    const merged = new Map(base);
    for (const t of tx.chain()) {
      for (const [key, slot] of t.writes.get(this.store(spec)) ?? []) {
        if (slot === DELETED) merged.delete(key);
        else merged.set(key, slot);
      }
    }
    return merged;
  }

  private lookup(spec: TableSpec, key: string, tx: MemoryTransaction): Row | undefined {
    for (let t: MemoryTransaction | undefined = tx; t; t = t.parent) {
      const slot = t.writes.get(this.store(spec))?.get(key);
      if (slot !== undefined) return slot === DELETED ? undefined : slot;
    }
    return this.committed.get(this.store(spec))?.get(key);
  }

  /** The value of an identity in a row (ciStrings lowercased); undefined when a nil makes it distinct. */
  private identityKey(spec: TableSpec, identity: IdentitySpec, row: Row): string | undefined {
    const values = identity.keys.map((k) => {
      const v = row[k] ?? null;
      return typeof v === "string" && spec.columns.get(k)?.type.name === "ciString" ? v.toLowerCase() : v;
    });
    return identity.nilsDistinct && values.includes(null) ? undefined : keyOf(values);
  }

  /** Unique keys: lock the key value (so concurrent writers of it queue up), then look for another holder. */
  private async checkIdentities(spec: TableSpec, row: Row, ownKey: string | undefined, t: MemoryTransaction) {
    for (const identity of spec.identities) {
      const value = this.identityKey(spec, identity, row);
      if (value === undefined) continue;
      await this.locks.acquire(`${this.store(spec)}#${identity.name}#${value}`, t.root, spec.table);
      for (const [key, other] of this.visible(spec, t)) {
        if (key === ownKey) continue;
        if (this.identityKey(spec, identity, other) === value)
          throw new UniqueViolation(spec.table, identity.name, identity.keys);
      }
    }
  }

  private rowLock(spec: TableSpec, row: Row): string {
    return `${this.store(spec)}#pk#${keyOf(spec.primaryKey.map((k) => row[k]))}`;
  }

  /** What one read (or one write's condition) sees: the rows visible to the transaction, indexed on demand. */
  /**
   * What one read (or one write's condition) sees: the rows visible to the transaction, indexed on demand. For
   * context multitenancy, related tables of the same kind are read in the same tenant.
   */
  private context(tx: Transaction | undefined, tenant?: string): MemoryQueryContext {
    return new MemoryQueryContext((s) =>
      this.visible(
        s.multitenancy === "context" && tenant !== undefined ? { ...s, tenant } : s,
        tx as MemoryTransaction | undefined,
      ).values(),
    );
  }

  /** Where a table's rows live: its name, or "<tenant>.<name>" for a context-multitenant table. */
  private store(spec: TableSpec): string {
    return spec.multitenancy === "context" && spec.tenant !== undefined
      ? `${spec.tenant}.${spec.table}`
      : spec.table;
  }

  private scope(spec: TableSpec, row: Row, tx: Transaction | undefined) {
    return this.context(tx, spec.tenant).scope(spec, row);
  }

  private project(row: Row, spec: TableSpec, select: readonly string[] | undefined): Row {
    if (!select) return structuredClone(row);
    const out: Row = {};
    for (const k of new Set([...spec.primaryKey, ...select])) out[k] = structuredClone(row[k]);
    return out;
  }
}

/** Whether two values of a column are the same key (ciStrings without regard to case). */
function sameKey(spec: TableSpec, column: string, a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  const type = spec.columns.get(column)?.type;
  return type ? type.compare(a, b) === 0 : a === b;
}

/** The in-memory data layer. */
export function memory(options?: MemoryOptions): MemoryDataLayer {
  return new MemoryDataLayer(options);
}
