import type { ActionType } from "../actions/action.js";

/** What a successful create, update or destroy announces, after its transaction commits. */
export interface Notification<R = Record<string, unknown>> {
  readonly resource: string;
  readonly action: string;
  readonly actionType: Exclude<ActionType, "read" | "action">;
  /** The record as written (for a destroy: as it was). */
  readonly record: R;
  /** The record before an update or destroy. */
  readonly previous: R | undefined;
  /** Attributes the action changed, with their new values. Sensitive attributes are absent. */
  readonly changes: Readonly<Record<string, unknown>>;
  readonly actor: unknown;
  readonly tenant: string | undefined;
  /** Topics from the resource's publications, plus "<resource>:<action>". */
  readonly topics: readonly string[];
  readonly occurredAt: string;
}

/** Receives notifications of one resource, after commit. Errors are logged, never rethrown into the action. */
export interface Notifier {
  readonly name?: string;
  notify(notification: Notification): void | Promise<void>;
}

/**
 * Publishes an action's notifications under a topic. `{field}` in the topic is replaced by the record's value.
 *
 * @example publications: [{ action: "open", topic: "org:{orgId}:tickets" }, { type: "update", topic: "ticket:{id}" }]
 */
export interface Publication {
  /** One action name, or several. */
  readonly action?: string | readonly string[];
  /** Or every action of a type. */
  readonly type?: "create" | "update" | "destroy";
  readonly topic: string;
}

/** Fills `{field}` placeholders of a topic template from a record. */
export function renderTopic(template: string, record: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, field: string) => String(record[field] ?? ""));
}
