import { AsyncLocalStorage } from "node:async_hooks";
import type { DataLayer, Transaction } from "../data-layer/contract.js";
import type { Notification } from "../notifications/notification.js";
import type { InsertSlot } from "./insert-batch.js";

/**
 * The transaction an action runs in, found through async context: a nested action (called from a hook, or
 * inside `app.transaction`) joins the enclosing transaction as a savepoint, and its notifications wait for the
 * outermost commit. Work rolled back takes its notifications with it.
 */
interface Scope {
  readonly dataLayer: DataLayer;
  /** Undefined in a scope that only gathers notifications outside any transaction (`discardNotifications`). */
  readonly tx: Transaction | undefined;
  readonly notifications: Notification[];
  /** A record of a batched bulk create: its create joins the batch's transaction and queues its insert here. */
  readonly slot?: InsertSlot | undefined;
}

const storage = new AsyncLocalStorage<Scope>();

/** The transaction of the current async context on this data layer, if any. */
export function currentTransaction(dataLayer: DataLayer): Transaction | undefined {
  const scope = storage.getStore();
  return scope?.dataLayer === dataLayer ? scope.tx : undefined;
}

/** Queues a notification for after the outermost commit; outside any transaction it is due at once. */
export function queueNotification(dataLayer: DataLayer, notification: Notification): Notification[] {
  const scope = storage.getStore();
  if (scope?.dataLayer === dataLayer) {
    scope.notifications.push(notification);
    return [];
  }
  return [notification];
}

/**
 * Runs `fn` with the notifications of its work dropped rather than delivered (bulk actions with
 * `notify: false`). `fn` stays in the enclosing transaction, if any; transactions opened inside it commit and
 * roll back as usual, only their notifications go nowhere — not even to an enclosing transaction.
 */
export function discardNotifications<T>(dataLayer: DataLayer, fn: () => Promise<T>): Promise<T> {
  const tx = currentTransaction(dataLayer);
  return storage.run({ dataLayer, tx, notifications: [] }, fn);
}

/** Runs `fn` as one record of a batched bulk create: the first create inside it takes `slot`. */
export function withInsertSlot<T>(dataLayer: DataLayer, slot: InsertSlot, fn: () => Promise<T>): Promise<T> {
  const scope = storage.getStore();
  const tx = scope?.dataLayer === dataLayer ? scope.tx : undefined;
  return storage.run({ dataLayer, tx, notifications: scope?.notifications ?? [], slot }, fn);
}

/**
 * The insert slot of the record being created, claimed by the first create that asks (the bulk record's own;
 * creates nested in its hooks find it taken and write on their own).
 */
export function claimInsertSlot(dataLayer: DataLayer): InsertSlot | undefined {
  const scope = storage.getStore();
  if (scope?.dataLayer !== dataLayer || !scope.slot || scope.slot.claimed) return undefined;
  scope.slot.claimed = true;
  return scope.slot;
}

/**
 * Runs `fn` in a transaction (a savepoint when one is open) and hands the notifications of committed work to
 * `onCommit` once the outermost transaction has committed. `inline` joins the open transaction without a
 * savepoint (a record of a batched bulk create, whose batch rolls back whole when any record fails).
 */
export async function transact<T>(
  dataLayer: DataLayer,
  fn: () => Promise<T>,
  onCommit: (notifications: Notification[]) => Promise<void>,
  inline = false,
): Promise<T> {
  const parent = storage.getStore();
  const inherited = parent?.dataLayer === dataLayer ? parent : undefined;
  const notifications: Notification[] = [];
  const result =
    inline && inherited?.tx
      ? await storage.run({ dataLayer, tx: inherited.tx, notifications }, fn)
      : await dataLayer.transaction((tx) => storage.run({ dataLayer, tx, notifications }, fn), inherited?.tx);
  if (inherited) inherited.notifications.push(...notifications);
  else await onCommit(notifications);
  return result;
}
