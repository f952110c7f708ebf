import type { Row, Transaction } from "../contract.js";

export const DELETED: unique symbol = Symbol("ashlar.memory.deleted");
export type Slot = Row | typeof DELETED;

let nextId = 1;

/**
 * A transaction of the memory layer: its own writes, kept apart from committed data until commit. A savepoint
 * is a child whose writes fold into its parent on release and vanish on rollback.
 */
export class MemoryTransaction implements Transaction {
  readonly id = nextId++;
  readonly root: MemoryTransaction;
  /** table → primary-key string → row or tombstone */
  readonly writes = new Map<string, Map<string, Slot>>();
  done = false;

  constructor(readonly parent: MemoryTransaction | undefined) {
    this.root = parent ? parent.root : this;
  }

  /** The transactions whose writes this one sees, outermost first. */
  chain(): MemoryTransaction[] {
    const out: MemoryTransaction[] = [];
    for (let t: MemoryTransaction | undefined = this; t; t = t.parent) out.unshift(t);
    return out;
  }

  write(table: string, key: string, slot: Slot): void {
    const writes = this.writes.get(table) ?? new Map<string, Slot>();
    writes.set(key, slot);
    this.writes.set(table, writes);
  }

  /** Folds a released savepoint's writes into this transaction. */
  absorb(child: MemoryTransaction): void {
    for (const [table, rows] of child.writes) for (const [key, slot] of rows) this.write(table, key, slot);
  }
}
