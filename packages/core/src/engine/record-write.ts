import type { CompanionInsert } from "../data-layer/contract.js";
import type { AttributeMap } from "../resource/attribute.js";
import type { AnyResource } from "../resource/resource.js";
import { canonicalJson } from "../types/json.js";
import { nowDatetime } from "../types/temporal.js";
import type { Changeset } from "./changeset.js";
import type { EngineContext, ResourceRuntime } from "./runtime.js";
import { tableFor } from "./tenancy.js";
import { currentTransaction } from "./transaction-scope.js";
import type { RecordedWrite, RecorderStore } from "./write-recorder.js";

type Row = Record<string, unknown>;

/** What the caller gave, as cast: the accepted attributes and the arguments present in the input. */
export function inputsGiven(cs: Changeset, input: Readonly<Row>): Row {
  const given: Row = {};
  for (const key of Object.keys(input)) {
    if (input[key] === undefined) continue;
    if (key in cs.arguments) given[key] = structuredClone(cs.arguments[key]);
    else if (key in cs.attributes) given[key] = structuredClone(cs.attributes[key]);
  }
  return given;
}

const same = (a: unknown, b: unknown) =>
  a === b || (a !== null && b !== null && typeof a === "object" && canonicalJson(a) === canonicalJson(b));

/**
 * Every attribute the action wrote that the caller did not give as written: on a create every stored attribute
 * not among the inputs (or stored differently), on an update or soft destroy every attribute it changed.
 */
function changedAttributes(cs: Changeset, given: Row, record: Row): Row {
  const attrs = cs.resource.attributes as AttributeMap;
  const written =
    cs.actionType === "create"
      ? Object.keys(attrs)
      : Object.keys(attrs).filter((k) => cs.isChanging(k) || k in cs.atomics);
  const hardDestroy = cs.actionType === "destroy" && (cs.action as { soft?: boolean }).soft !== true;
  const changed: Row = {};
  if (hardDestroy) return changed;
  for (const key of written) {
    if (!(key in record)) continue;
    if (key in given && same(given[key], record[key])) continue;
    changed[key] = record[key];
  }
  return changed;
}

/** Tells every recorder of the write, in the action's transaction, before after-action hooks run. */
export async function tellRecorders(
  engine: EngineContext,
  cs: Changeset,
  given: Row,
  record: Row,
): Promise<void> {
  const dl = engine.dataLayer;
  const tx = currentTransaction(dl);
  const insert = (resource: AnyResource, row: Row) =>
    dl.create(tableFor(engine.runtimeOf(resource), undefined), row, tx);
  const lock = async (key: string) => {
    if (!tx) throw new Error(`${cs.source}: a recorder's lock needs the action to run in a transaction`);
    await dl.advisoryLock?.(key, tx);
  };
  const store: RecorderStore = {
    insert,
    lock,
    append: async (resource, row, options) => {
      await lock(options.lock);
      const now = nowDatetime();
      await insert(resource, { ...row, ...Object.fromEntries(options.stamp.map((c) => [c, now])) });
    },
  };
  for (const recorder of engine.recorders) await recorder.record(recordedWrite(cs, given, record, store));
}

function recordedWrite(cs: Changeset, given: Row, record: Row, store: RecorderStore): RecordedWrite {
  return {
    resource: cs.resource,
    action: cs.action.name,
    actionType: cs.actionType as "create" | "update" | "destroy",
    record,
    previous: cs.data,
    inputs: given,
    changed: changedAttributes(cs, given, record),
    call: cs.call,
    store,
  };
}

/** A recorder asked for something that needs the action's transaction (a lock or an insert of its own). */
class NeedsTransaction extends Error {}

/**
 * What the recorders would append, as companions of the write's own statement (see `WriteOptions.companions`),
 * told of the record as it will be written; undefined when that record cannot be known before the statement
 * runs (an upsert, atomic expressions, a column left to the database) or a recorder needs the transaction.
 */
export async function companionsOf(
  engine: EngineContext,
  runtime: ResourceRuntime,
  cs: Changeset,
  given: Row,
): Promise<CompanionInsert[] | undefined> {
  const record = recordToBeWritten(runtime, cs);
  if (!record) return undefined;
  const companions: CompanionInsert[] = [];
  const refuse = async (): Promise<never> => {
    throw new NeedsTransaction();
  };
  const store: RecorderStore = {
    insert: refuse,
    lock: refuse,
    append: async (resource, row, options) => {
      const table = tableFor(engine.runtimeOf(resource), undefined);
      companions.push({ table, row, lock: options.lock, stamp: options.stamp });
    },
  };
  try {
    for (const recorder of engine.recorders) await recorder.record(recordedWrite(cs, given, record, store));
  } catch (error) {
    if (error instanceof NeedsTransaction) return undefined;
    throw error;
  }
  return companions;
}

/** The row the write will leave (or, for a destroy, take away), when the changeset alone decides it. */
function recordToBeWritten(runtime: ResourceRuntime, cs: Changeset): Row | undefined {
  if (Object.keys(cs.atomics).length) return undefined;
  if (cs.actionType !== "create") {
    if (!cs.data) return undefined;
    const changed = Object.keys(cs.attributes).filter((k) => cs.isChanging(k));
    return { ...cs.data, ...Object.fromEntries(changed.map((k) => [k, cs.attributes[k]])) };
  }
  if ((cs.action as { upsert?: unknown }).upsert) return undefined;
  const columns = [...runtime.table.columns.keys()];
  const decided = (k: string) =>
    k in cs.attributes && !(runtime.table.columns.get(k)?.generated && cs.attributes[k] == null);
  if (!columns.every(decided)) return undefined;
  return Object.fromEntries(columns.map((k) => [k, cs.attributes[k] ?? null]));
}
