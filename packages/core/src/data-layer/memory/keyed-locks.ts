import { LockTimeout } from "../contract.js";

interface Waiter {
  owner: object;
  grant: () => void;
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

  releaseAll(owner: object): void {
    for (const key of this.held.get(owner) ?? []) {
      this.holders.delete(key);
      const next = this.queues.get(key)?.shift();
      if (next) {
        this.take(key, next.owner);
        next.grant();
      }
      if (this.queues.get(key)?.length === 0) this.queues.delete(key);
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
