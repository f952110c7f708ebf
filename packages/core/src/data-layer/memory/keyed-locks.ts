import { LockTimeout } from "../contract.js";

interface Waiter {
  owner: object;
  grant: () => void;
  cancel: (error: Error) => void;
}

/**
 * Exclusive locks by key, held by an owner (a root transaction) until it releases all of them at commit or
 * rollback — like PostgreSQL row locks. A waiter gives up after `timeoutMs` so a deadlock becomes an error.
 */
export class KeyedLocks {
  private readonly holders = new Map<string, object>();
  private readonly queues = new Map<string, Waiter[]>();
  private readonly held = new Map<object, Set<string>>();

  constructor(private readonly timeoutMs: number) {}

  async acquire(key: string, owner: object, table: string): Promise<void> {
    const holder = this.holders.get(key);
    if (holder === undefined) return this.take(key, owner);
    if (holder === owner) return;
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        owner,
        grant: () => {
          clearTimeout(timer);
          resolve();
        },
        cancel: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        const queue = this.queues.get(key) ?? [];
        queue.splice(queue.indexOf(waiter), 1);
        reject(new LockTimeout(table));
      }, this.timeoutMs);
      const queue = this.queues.get(key) ?? [];
      queue.push(waiter);
      this.queues.set(key, queue);
    });
  }

  /**
   * Releases every lock of a finished owner and hands each to the next waiter (with all of that waiter's
   * owner's other requests for the same key). Requests the finished owner itself still has queued are
   * cancelled, so a lock can never go to a transaction that is over.
   */
  releaseAll(owner: object): void {
    for (const [key, queue] of this.queues) {
      for (const w of queue.filter((w) => w.owner === owner)) {
        queue.splice(queue.indexOf(w), 1);
        w.cancel(new Error("the transaction finished while waiting for a lock"));
      }
      if (queue.length === 0) this.queues.delete(key);
    }
    for (const key of this.held.get(owner) ?? []) {
      this.holders.delete(key);
      const queue = this.queues.get(key) ?? [];
      const next = queue[0];
      if (next) {
        this.take(key, next.owner);
        for (const w of queue.filter((w) => w.owner === next.owner)) {
          queue.splice(queue.indexOf(w), 1);
          w.grant();
        }
      }
      if (queue.length === 0) this.queues.delete(key);
    }
    this.held.delete(owner);
  }

  private take(key: string, owner: object): void {
    this.holders.set(key, owner);
    const keys = this.held.get(owner) ?? new Set<string>();
    keys.add(key);
    this.held.set(owner, keys);
  }
}
