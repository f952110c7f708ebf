import type { AttributeMap } from "../resource/attribute.js";
import type { AnyResource } from "../resource/resource.js";
import { canonicalJson } from "../types/json.js";
import type { Changeset } from "./changeset.js";
import type { EngineContext } from "./runtime.js";
import { tableFor } from "./tenancy.js";
import { currentTransaction } from "./transaction-scope.js";
import type { RecorderStore } from "./write-recorder.js";

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
  const store: RecorderStore = {
    insert: (resource: AnyResource, row: Row) =>
      dl.create(tableFor(engine.runtimeOf(resource), undefined), row, tx),
    lock: async (key: string) => {
      if (!tx) throw new Error(`${cs.source}: a recorder's lock needs the action to run in a transaction`);
      await dl.advisoryLock?.(key, tx);
    },
  };
  const write = {
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
  for (const recorder of engine.recorders) await recorder.record(write);
}
