import {
  type AnyResource,
  type AppCore,
  acceptedAttributes,
  frameworkError,
  InvalidError,
} from "@ashlar/core";
import type { EventLog } from "./event-log.js";

type Row = Record<string, unknown>;

export interface ReplayOptions {
  /** Replay events up to and including this id (default: all). */
  readonly untilEvent?: number | string;
  /** Replay events that occurred at or before this instant. */
  readonly at?: string | Date;
  /** Called after each event with how many are done and how many there are. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Events read per page (default 500). */
  readonly batchSize?: number;
}

/** An event replay skipped: its record was not there to update or destroy. */
export interface SkippedEvent {
  readonly eventId: unknown;
  readonly resource: string;
  readonly action: string;
  readonly reason: string;
}

export interface ReplayResult {
  /** Events applied (an event routed to several actions counts once). */
  readonly applied: number;
  readonly skipped: readonly SkippedEvent[];
}

/** A replay that failed at an event: nothing it did is kept. */
export class ReplayError extends Error {
  constructor(
    readonly event: Row,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `replay failed at event ${String(event.id)} (${String(event.resource)}.${String(event.action)} v${String(event.version)}) ` +
        `and was rolled back; the previous state is untouched: ${why}`,
      { cause },
    );
    this.name = "ReplayError";
  }
}

/** The tracked and routed-to resources, children (holders of foreign keys) before their parents. */
export function clearOrder(log: EventLog, app: AppCore): AnyResource[] {
  const all = new Set<AnyResource>(log.trackedResources);
  for (const o of log.config.replayOverrides ?? []) for (const r of o.routeTo) all.add(r.resource);
  const ordered: AnyResource[] = [];
  const visiting = new Set<AnyResource>();
  const visit = (r: AnyResource) => {
    if (ordered.includes(r) || visiting.has(r)) return;
    visiting.add(r);
    // Whatever points at r (a belongsTo from another cleared resource) goes first.
    for (const other of all)
      for (const rel of Object.values(app.engine.runtimeOf(other).relationships))
        if (rel.kind === "belongsTo" && rel.destination === r && other !== r) visit(other);
    ordered.push(r);
  };
  for (const r of all) visit(r);
  return ordered;
}

/**
 * Rebuilds the tracked records from the events, in one transaction: the records are cleared, then each event
 * (in id order, up to `untilEvent` / `at`) runs through its action — or the actions its version is routed to
 * — with authorization off, the recorded keys and changed attributes restored, hooks added by changes skipped
 * and nothing recorded. Updates and destroys of missing records are skipped and reported. Any other failure
 * rolls the whole replay back.
 */
export async function replay(
  log: EventLog,
  app: AppCore,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const resources = clearOrder(log, app);
  const custom = log.config.clearRecordsForReplay;
  if (!custom && !app.dataLayer.clear)
    throw frameworkError(
      `replay cannot clear the tracked records: the ${app.dataLayer.name} data layer has no clear(); ` +
        "give the event log a clearRecordsForReplay function. Nothing was changed.",
    );
  const engine = app.engine;
  const bounds: Row = {};
  if (options.untilEvent !== undefined) bounds.id = { lte: options.untilEvent };
  if (options.at !== undefined)
    bounds.occurredAt = { lte: options.at instanceof Date ? options.at.toISOString() : options.at };
  const batchSize = options.batchSize ?? 500;
  return engine.transaction(
    async () => {
      const counted = await engine.readPage(log.resource, "read", {
        filter: bounds as never,
        authorize: false,
        page: { limit: 1, count: true },
      });
      const total = counted.count ?? 0;
      if (custom) await custom({ app, resources });
      else for (const r of resources) await engine.clear(r);
      const skipped: SkippedEvent[] = [];
      let applied = 0;
      let last: unknown;
      for (;;) {
        const filter = last === undefined ? bounds : { and: [bounds, { id: { gt: last } }] };
        const events = await engine.read(log.resource, "read", {
          filter: filter as never,
          sort: ["id"],
          limit: batchSize,
          authorize: false,
        });
        for (const event of events) {
          try {
            await applyEvent(log, app, event, skipped);
          } catch (error) {
            throw new ReplayError(event, error);
          }
          applied++;
          options.onProgress?.(applied, total);
        }
        if (events.length < batchSize) break;
        last = events.at(-1)?.id;
      }
      return { applied, skipped };
    },
    { notify: false },
  );
}

/** The actions an event replays through: its own, or those its version is routed to. */
function routesOf(log: EventLog, app: AppCore, event: Row) {
  const override = (log.config.replayOverrides ?? []).find(
    (o) =>
      o.resource.name === event.resource &&
      o.action === event.action &&
      o.versions.includes(event.version as number),
  );
  if (override) return override.routeTo;
  const resource = app.resources.get(event.resource as string);
  if (!resource || !(String(event.action) in resource.actions))
    throw new Error(
      `${String(event.resource)}.${String(event.action)} no longer exists; route its events to another action with replayOverrides`,
    );
  return [{ resource, action: event.action as string }];
}

async function applyEvent(log: EventLog, app: AppCore, event: Row, skipped: SkippedEvent[]): Promise<void> {
  const opened = log.opened(event);
  for (const route of routesOf(log, app, event)) {
    const def = route.resource.actions[route.action] as { type: string } & Parameters<
      typeof acceptedAttributes
    >[1];
    const tracked = log.trackingOf(route.resource)?.options;
    const mode = (tracked?.replayMode as Record<string, string> | undefined)?.[String(event.action)];
    const input: Row = { ...(opened.data as Row) };
    const force: Row = { ...(opened.changedAttributes as Row) };
    if (mode === "asArguments") {
      const accepted = acceptedAttributes(route.resource, def);
      const args = (def as { arguments?: Row }).arguments ?? {};
      for (const [k, v] of Object.entries(force))
        if (accepted.has(k) || k in args) {
          input[k] = v;
          delete force[k];
        }
    }
    const call = {
      authorize: false,
      ...(typeof event.tenant === "string" ? { tenant: event.tenant } : {}),
      actor: replayActor(log, event),
      replay: { force, keepHooksOf: tracked?.keepHooksOf },
    };
    const engine = app.engine;
    if (def.type === "create") {
      await engine.create(route.resource, route.action, input, call);
      continue;
    }
    const key = event.recordId as Row | string | number;
    try {
      if (def.type === "update") await engine.update(route.resource, route.action, key, input, call);
      else await engine.destroy(route.resource, route.action, key, input, call);
    } catch (error) {
      if (!(error instanceof InvalidError) || !error.errors.some((e) => e.code === "not_found")) throw error;
      skipped.push({
        eventId: event.id,
        resource: route.resource.name,
        action: route.action,
        reason: `${route.resource.name} ${JSON.stringify(key)} was not found`,
      });
    }
  }
}

/** The actor an event replays with: its recorded actor, as the actor kind rebuilds it. */
function replayActor(log: EventLog, event: Row): unknown {
  for (const [kind, config] of Object.entries(log.config.actors ?? {})) {
    const value = event[`${kind}Id`];
    if (value === null || value === undefined) continue;
    if (config.replayAs) return config.replayAs(value);
    return { [config.resource?.primaryKey[0] ?? "id"]: value };
  }
  return undefined;
}
