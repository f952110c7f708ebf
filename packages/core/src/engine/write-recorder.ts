import type { ChangeDef } from "../changes/change.js";
import type { AnyResource } from "../resource/resource.js";
import type { CallContext } from "./changeset.js";

type Row = Record<string, unknown>;

/**
 * A write as a recorder sees it, inside the action's transaction, right after the data layer wrote the row and
 * before after-action hooks run. `inputs` are exactly what the caller gave (accepted attributes and arguments,
 * cast); `changed` is every attribute the action wrote that was not an input as given — defaults, generated
 * keys, timestamps, values set by changes, foreign keys.
 */
export interface RecordedWrite {
  readonly resource: AnyResource;
  readonly action: string;
  readonly actionType: "create" | "update" | "destroy";
  readonly record: Readonly<Row>;
  /** The record before an update or destroy. */
  readonly previous: Readonly<Row> | undefined;
  readonly inputs: Readonly<Row>;
  readonly changed: Readonly<Row>;
  readonly call: CallContext;
  /** Writes in the action's own transaction. */
  readonly store: RecorderStore;
}

/** What a recorder may do in the action's transaction. */
export interface RecorderStore {
  /** Inserts a row of a resource of the app straight through the data layer (no action, no hooks). */
  insert(resource: AnyResource, row: Row): Promise<Row>;
  /**
   * Waits for the lock named `key` and holds it until the transaction ends (an advisory lock in PostgreSQL,
   * across processes). Recorders use it to keep their rows in commit order.
   */
  lock(key: string): Promise<void>;
  /**
   * Inserts a row holding the lock `key`, with the `stamp` columns (datetimes) set to the moment of insert, so
   * rows appended by concurrent writers follow commit order. Where the data layer can, the row goes in the
   * same statement as the write itself (no transaction, one round trip); otherwise in the action's
   * transaction, after the lock.
   */
  append(resource: AnyResource, row: Row, options: { lock: string; stamp: readonly string[] }): Promise<void>;
}

/**
 * Something told of every create, update and destroy inside its transaction (the event log). A recorder that
 * throws fails the action, which then leaves nothing behind.
 */
export interface WriteRecorder {
  readonly name: string;
  /** Problems with the app's resources, reported when the app is built (each naming what to fix). */
  verify?(resources: ReadonlyMap<string, AnyResource>): string[];
  record(write: RecordedWrite): Promise<void>;
}

/**
 * Replaying recorded history through an action (see `CallInput.replay`): recorders record nothing, hooks added
 * by changes are skipped unless their change is kept, and `force` sets attributes after changes and defaults
 * ran, so the record comes out as it was first written.
 */
export interface ReplayDirective {
  readonly force?: Readonly<Row> | undefined;
  /** Changes whose hooks still run during replay: the change itself, or its name. */
  readonly keepHooksOf?: readonly (string | ChangeDef<string>)[] | undefined;
}
