import {
  type AnyAttribute,
  type AnyResource,
  type AppCore,
  nowDatetime,
  type RecordedWrite,
  uuidv7,
  type WriteRecorder,
} from "@ashlar/core";
import type { ActorKind, EventLogConfig, Tracked } from "./config.js";
import { eventResource } from "./event-resource.js";
import { type ReplayOptions, type ReplayResult, replay } from "./replay.js";
import { encryptionKeyOf, Sealer } from "./sealing.js";

type Row = Record<string, unknown>;

/** One recorded event, as `history` answers it. */
export interface Event {
  readonly id: number | string;
  readonly recordId: unknown;
  readonly version: number;
  readonly resource: string;
  readonly action: string;
  readonly actionType: "create" | "update" | "destroy";
  readonly data: Row;
  readonly changedAttributes: Row;
  readonly metadata: Row;
  readonly occurredAt: string;
  readonly tenant: string | null;
  readonly [actorColumn: string]: unknown;
}

/** The sensitive attributes and arguments of an action: sealed in events. */
export function sensitiveFieldsOf(resource: AnyResource, action: string): ReadonlySet<string> {
  const fields = new Set<string>();
  const collect = (map: Readonly<Record<string, AnyAttribute>> | undefined) => {
    for (const [name, attr] of Object.entries(map ?? {})) if (attr.config.sensitive) fields.add(name);
  };
  collect(resource.attributes as Record<string, AnyAttribute>);
  collect((resource.actions[action] as { arguments?: Record<string, AnyAttribute> } | undefined)?.arguments);
  return fields;
}

/**
 * An event log: records every create, update and destroy of the tracked resources inside the action's own
 * transaction (pass it to `createApp({ recorders: [log] })`, and put `log.resource` in a domain), and rebuilds
 * their state by replaying the events through the actions.
 */
export class EventLog implements WriteRecorder {
  readonly name: string;
  /** The event resource: add it to a domain of the app. */
  readonly resource: AnyResource;
  readonly sealer: Sealer;
  private readonly tracked: ReadonlyMap<AnyResource, Tracked>;

  constructor(readonly config: EventLogConfig) {
    this.name = config.name ?? "event";
    this.sealer = new Sealer(
      config.encryptionKey === undefined ? undefined : encryptionKeyOf(config.encryptionKey),
    );
    this.tracked = new Map(config.track.map((t) => [t.resource, t]));
    const actorColumns = Object.fromEntries(
      Object.entries(config.actors ?? {}).map(([kind, a]) => [kind, a.column]),
    );
    this.resource = eventResource(this.name, {
      primaryKey: config.primaryKey ?? "sequence",
      recordId: config.recordId ?? "uuid",
      actorColumns,
      ...(config.policies ? { policies: config.policies } : {}),
    });
  }

  trackingOf(resource: AnyResource): Tracked | undefined {
    return this.tracked.get(resource);
  }

  get trackedResources(): readonly AnyResource[] {
    return [...this.tracked.keys()];
  }

  /** Whether this action of a tracked resource is recorded. */
  records(resource: AnyResource, action: string): boolean {
    const tracked = this.tracked.get(resource);
    if (!tracked) return false;
    const { onlyActions, ignoreActions } = tracked.options;
    if (onlyActions && !onlyActions.includes(action)) return false;
    return !ignoreActions?.includes(action);
  }

  versionOf(resource: AnyResource, action: string): number {
    return (
      (this.tracked.get(resource)?.options.currentActionVersions as Record<string, number> | undefined)?.[
        action
      ] ?? 1
    );
  }

  verify(resources: ReadonlyMap<string, AnyResource>): string[] {
    const problems: string[] = [];
    const inApp = (r: AnyResource) => resources.get(r.name) === r;
    if (!inApp(this.resource))
      problems.push(`its resource "${this.resource.name}" is not in the app; add log.resource to a domain`);
    for (const { resource, options } of this.tracked.values()) {
      if (!inApp(resource)) problems.push(`tracks ${resource.name}, which is not in the app`);
      for (const a of [...(options.onlyActions ?? []), ...(options.ignoreActions ?? [])])
        if (!(a in resource.actions)) problems.push(`tracks ${resource.name}.${a}, which is not an action`);
      if ((resource.multitenancy as { strategy?: string } | undefined)?.strategy === "context")
        problems.push(
          `${resource.name} keeps each tenant in its own schema (context multitenancy), which replay cannot clear yet; use the attribute strategy or leave it untracked`,
        );
      if (resource.primaryKey.length > 1 && (this.config.recordId ?? "uuid") !== "json")
        problems.push(
          `${resource.name} has a composite primary key (${resource.primaryKey.join(", ")}); set recordId: "json"`,
        );
    }
    for (const o of this.config.replayOverrides ?? []) {
      for (const route of o.routeTo) {
        if (!inApp(route.resource))
          problems.push(`replays to ${route.resource.name}, which is not in the app`);
        else if (!(route.action in route.resource.actions))
          problems.push(`replays to ${route.resource.name}.${route.action}, which is not an action`);
      }
    }
    for (const [kind, a] of Object.entries(this.config.actors ?? {}))
      if (!a.resource && !a.is) problems.push(`actor kind "${kind}" needs a resource or an is() function`);
    return problems;
  }

  async record(write: RecordedWrite): Promise<void> {
    if (write.call.replay || !this.records(write.resource, write.action)) return;
    const sensitive = sensitiveFieldsOf(write.resource, write.action);
    const metadata = write.call.context[this.config.metadataKey ?? "eventMetadata"];
    const row: Row = {
      recordId: recordIdOf(write.resource, write.record),
      version: this.versionOf(write.resource, write.action),
      resource: write.resource.name,
      action: write.action,
      actionType: write.actionType,
      data: this.sealer.sealAll(write.inputs, sensitive),
      changedAttributes: this.sealer.sealAll(write.changed, sensitive),
      metadata: isPlainObject(metadata) ? structuredClone(metadata) : {},
      tenant: write.call.tenant ?? null,
      ...this.actorColumns(write.call.actor),
    };
    // One writer at a time per log until commit: ids and times then follow commit order, across processes.
    const lock = `event-log:${this.name}`;
    if (this.config.primaryKey === "uuidv7") {
      // The id is made here, after the lock, so the event goes in the action's transaction.
      await write.store.lock(lock);
      await write.store.insert(this.resource, { ...row, occurredAt: nowDatetime(), id: uuidv7() });
    } else {
      // With a sequence, the database numbers and stamps the event under the lock: on PostgreSQL in the same
      // statement as the write itself.
      await write.store.append(this.resource, row, { lock, stamp: ["occurredAt"] });
    }
  }

  /** The actor columns of an event: the kind the actor is of gets its key, the others stay empty. */
  private actorColumns(actor: unknown): Row {
    const columns: Row = {};
    const kinds = Object.entries(this.config.actors ?? {});
    for (const [kind] of kinds) columns[`${kind}Id`] = null;
    if (!isPlainObject(actor)) return columns;
    const match = kinds.find(([, k]) => isOfKind(k, actor));
    if (match) columns[`${match[0]}Id`] = keyOf(match[1], actor);
    return columns;
  }

  /** Rebuilds the tracked records from the events, in one transaction (see `ReplayOptions`). */
  replay(app: AppCore, options: ReplayOptions = {}): Promise<ReplayResult> {
    return replay(this, app, options);
  }

  /**
   * A record's events in order. Sensitive values stay sealed unless `open` is true (the log needs its key),
   * for callers allowed to see them; `actor` and `authorize` apply the event resource's policies.
   */
  async history(
    app: AppCore,
    resource: AnyResource,
    id: unknown,
    options: { open?: boolean; actor?: unknown; authorize?: boolean } = {},
  ): Promise<Event[]> {
    const rows = await app.engine.read(this.resource, "read", {
      filter: { resource: { eq: resource.name }, recordId: { eq: id as never } },
      sort: ["id"],
      ...(options.actor === undefined ? {} : { actor: options.actor }),
      ...(options.authorize === undefined ? {} : { authorize: options.authorize }),
    });
    return rows.map((row) => (options.open ? this.opened(row) : row) as unknown as Event);
  }

  /** An event with its sealed values opened (redacted ones left out). */
  opened(event: Row): Row {
    const where = `event ${String(event.id)}`;
    return {
      ...event,
      data: this.sealer.openAll(event.data as Row, `${where} data`),
      changedAttributes: this.sealer.openAll(event.changedAttributes as Row, `${where} changedAttributes`),
    };
  }
}

/** Creates an event log (see `EventLogConfig`). */
export function eventLog(config: EventLogConfig): EventLog {
  return new EventLog(config);
}

const isPlainObject = (v: unknown): v is Row => typeof v === "object" && v !== null && !Array.isArray(v);

/** The record's key as stored in `recordId`: the value, or for a composite key an object of the values. */
export function recordIdOf(resource: AnyResource, record: Readonly<Row>): unknown {
  const pk = resource.primaryKey;
  return pk.length === 1 ? record[pk[0] as string] : Object.fromEntries(pk.map((k) => [k, record[k]]));
}

function isOfKind(kind: ActorKind, actor: Row): boolean {
  if (kind.is) return kind.is(actor);
  const r = kind.resource;
  if (!r) return false;
  const fields = new Set([
    ...Object.keys(r.attributes),
    ...Object.keys(r.relationships ?? {}),
    ...Object.keys(r.calculations ?? {}),
    ...Object.keys(r.aggregates ?? {}),
  ]);
  return r.primaryKey.every((k) => actor[k] !== undefined) && Object.keys(actor).every((k) => fields.has(k));
}

function keyOf(kind: ActorKind, actor: Row): unknown {
  if (kind.key) return kind.key(actor);
  const pk = kind.resource?.primaryKey[0] ?? "id";
  return actor[pk] ?? null;
}
