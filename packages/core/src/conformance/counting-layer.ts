import type { DataLayer, Transaction } from "../index.js";

/** A data layer that counts outermost transactions, notes read limits and can refuse one commit. */
export interface CountingLayer extends DataLayer {
  /** Reads made (every read, each level of a load). */
  reads: number;
  /** Counts made (policy checks of a create after its insert, among others). */
  counts: number;
  /** Outermost transactions opened (savepoints have a parent and are not counted). */
  outermost: number;
  /** The limit of every read, in order. */
  readLimits: (number | undefined)[];
  /** The outermost transaction (counting from 1) whose commit the layer refuses, rolling it back. */
  refuseCommitOf: number | undefined;
  /** The number of rows of every `createMany` (rows inserted together), in order. */
  insertedTogether: number[];
}

/**
 * Wraps any data layer, counting reads and outermost transactions (savepoints have a parent) and noting the
 * limit of every read, to prove how loads and bulk actions batch their work. Every member of the DataLayer interface is
 * delegated explicitly to `inner`, so the wrapped layer's own methods run with their own `this` (private
 * fields work, and reads a layer makes internally are not counted).
 */
export function countingLayer(inner: DataLayer): CountingLayer {
  const layer: CountingLayer = {
    reads: 0,
    counts: 0,
    outermost: 0,
    readLimits: [],
    refuseCommitOf: undefined,
    insertedTogether: [],
    get name() {
      return inner.name;
    },
    can: (feature) => inner.can(feature),
    register: (tables) => inner.register(tables),
    read: (table, query, tx) => {
      layer.reads++;
      layer.readLimits.push(query.limit);
      return inner.read(table, query, tx);
    },
    count: (table, query, tx) => {
      layer.counts++;
      return inner.count(table, query, tx);
    },
    create: (table, row, tx, options) => inner.create(table, row, tx, options),
    ...(inner.createMany
      ? {
          createMany: (table, rows, tx) => {
            layer.insertedTogether.push(rows.length);
            return (inner.createMany as NonNullable<DataLayer["createMany"]>).call(inner, table, rows, tx);
          },
        }
      : {}),
    upsert: (table, row, on, tx) => inner.upsert(table, row, on, tx),
    update: (table, key, changes, tx, options) => inner.update(table, key, changes, tx, options),
    destroy: (table, key, tx, options) => inner.destroy(table, key, tx, options),
    transaction: <T>(fn: (tx: Transaction) => Promise<T>, parent?: Transaction) => {
      if (parent) return inner.transaction(fn, parent);
      const refuse = ++layer.outermost === layer.refuseCommitOf;
      return inner.transaction(async (tx) => {
        const result = await fn(tx);
        if (refuse) throw new Error("commit refused");
        return result;
      });
    },
    close: () => inner.close(),
  };
  return layer;
}
