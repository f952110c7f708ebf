import type { Notification } from "./notification.js";

/** Which notifications a subscriber wants; every given field must match. */
export interface SubscriptionFilter {
  resource?: string;
  action?: string;
  actionType?: Notification["actionType"];
  /** An exact topic, or a prefix ending in "*" ("org:42:*"). */
  topic?: string;
}

export type Subscriber = (notification: Notification) => void | Promise<void>;

/**
 * In-process publish/subscribe for notifications. Delivery happens after commit; a subscriber that throws is
 * reported to the app's logger and never affects the action or other subscribers.
 *
 * @example const stop = app.pubsub.subscribe({ resource: "ticket", action: "open" }, (n) => ...); stop();
 */
export class PubSub {
  private readonly subscribers = new Set<{ filter: SubscriptionFilter; fn: Subscriber }>();

  constructor(private readonly onError: (error: unknown, notification: Notification) => void) {}

  /** Subscribes and answers a function that unsubscribes. */
  subscribe(filter: SubscriptionFilter, fn: Subscriber): () => void {
    const entry = { filter, fn };
    this.subscribers.add(entry);
    return () => {
      this.subscribers.delete(entry);
    };
  }

  /** Whether anyone is subscribed (writes skip building notifications nobody would receive). */
  get hasSubscribers(): boolean {
    return this.subscribers.size > 0;
  }

  async publish(notification: Notification): Promise<void> {
    for (const { filter, fn } of [...this.subscribers]) {
      if (!matches(filter, notification)) continue;
      try {
        await fn(notification);
      } catch (error) {
        this.onError(error, notification);
      }
    }
  }
}

function matches(f: SubscriptionFilter, n: Notification): boolean {
  if (f.resource !== undefined && f.resource !== n.resource) return false;
  if (f.action !== undefined && f.action !== n.action) return false;
  if (f.actionType !== undefined && f.actionType !== n.actionType) return false;
  if (f.topic !== undefined) {
    const wanted = f.topic;
    const hit = wanted.endsWith("*")
      ? n.topics.some((t) => t.startsWith(wanted.slice(0, -1)))
      : n.topics.includes(wanted);
    if (!hit) return false;
  }
  return true;
}
