import type { AnyAttribute, AnyResource, AppCore, ChangeDef, PolicyDef } from "@ashlar/core";

type ActionName<R extends AnyResource> = keyof R["actions"] & string;

/**
 * How the attributes an action set beyond its inputs come back on replay: "forceChange" writes them exactly as
 * recorded (the default); "asArguments" gives them to the action as inputs so its changes compute again (those
 * it cannot take as input — keys, timestamps — are still written as recorded).
 */
export type ReplayMode = "forceChange" | "asArguments";

/** What the log records of one resource, and how its events replay. */
export interface TrackOptions<R extends AnyResource = AnyResource> {
  /** Record only these actions (default: every create, update and destroy). */
  readonly onlyActions?: readonly ActionName<R>[];
  /** Record every action but these. */
  readonly ignoreActions?: readonly ActionName<R>[];
  /** The version written into new events of an action (default 1); older events can be routed on replay. */
  readonly currentActionVersions?: Partial<Record<ActionName<R>, number>>;
  /** Per action, how values set by changes replay (default "forceChange"). */
  readonly replayMode?: Partial<Record<ActionName<R>, ReplayMode>>;
  /** Changes whose hooks still run during replay (all other hooks added by changes are skipped). */
  readonly keepHooksOf?: readonly (string | ChangeDef<string>)[];
}

export interface Tracked {
  readonly resource: AnyResource;
  readonly options: TrackOptions;
}

/** Tracks a resource in an event log. */
export function track<R extends AnyResource>(resource: R, options: TrackOptions<R> = {}): Tracked {
  return { resource, options: options as TrackOptions };
}

/** A kind of actor the log attributes events to, in its own nullable column `<kind>Id`. */
export interface ActorKind {
  /** The column's type (the actor's key). */
  readonly column: AnyAttribute;
  /** Actors that are records of this resource (their primary key is stored). */
  readonly resource?: AnyResource;
  /** Which actors are of this kind (default: records of `resource` — every key a field of it, with its key). */
  readonly is?: (actor: Record<string, unknown>) => boolean;
  /** The value stored (default: the resource's primary key, else `id`). */
  readonly key?: (actor: Record<string, unknown>) => unknown;
  /** The actor handed to actions on replay (default: `{ <primary key>: value }`; policies are off on replay). */
  readonly replayAs?: (value: unknown) => unknown;
}

/** Events of these versions of an action replay through other actions instead (each in turn). */
export interface ReplayOverride {
  readonly resource: AnyResource;
  readonly action: string;
  readonly versions: readonly number[];
  readonly routeTo: readonly { readonly resource: AnyResource; readonly action: string }[];
}

/** What a custom `clearRecordsForReplay` gets: the app, inside the replay's transaction. */
export interface ClearContext {
  readonly app: AppCore;
  /** The resources the log tracks or routes to, children before parents. */
  readonly resources: readonly AnyResource[];
}

export interface EventLogConfig {
  /** The event resource's name (and table); default "event". */
  readonly name?: string;
  /** "sequence" (default; ids in commit order) or "uuidv7". */
  readonly primaryKey?: "sequence" | "uuidv7";
  /** The type of `recordId` (default "uuid"; "json" for composite primary keys). */
  readonly recordId?: "uuid" | "integer" | "string" | "json";
  readonly actors?: Readonly<Record<string, ActorKind>>;
  readonly track: readonly Tracked[];
  readonly replayOverrides?: readonly ReplayOverride[];
  /** Empties the tracked records before a replay (default: each tracked table, children first). */
  readonly clearRecordsForReplay?: (context: ClearContext) => Promise<void>;
  /**
   * A 32-byte key (Buffer, base64 or hex) to encrypt sensitive attributes and arguments with AES-256-GCM so
   * replay restores them. Without one they are redacted, and replay cannot restore them.
   */
  readonly encryptionKey?: Buffer | string;
  /** Policies of the event resource: who may read events and their history (default: no policies). */
  readonly policies?: readonly PolicyDef[];
  /** The call-context key whose value is stored as the event's metadata (default "eventMetadata"). */
  readonly metadataKey?: string;
}
