import type { ChangeDef } from "../changes/change.js";
import { notFound } from "../errors/errors.js";
import { authorizing, decideCall } from "../policies/authorize.js";
import { type CallContext, type Changeset, RecordNeeded } from "./changeset.js";
import { keyText } from "./persist.js";
import { appliesTo } from "./run-changes.js";
import { type EngineContext, primaryActionOf, type ResourceRuntime } from "./runtime.js";
import { currentTransaction } from "./transaction-scope.js";

type Row = Record<string, unknown>;

/**
 * Whether an update given only a key is tried without reading its record first: every change it runs
 * (the action's, the resource's for updates) says it is `atomic`, and reading the record would add nothing
 * a write condition cannot say (a primary read action without preparations, not strict). The try may still
 * end in `RecordNeeded`; the engine then reads the record and runs the action as usual.
 */
export function triesByKey(runtime: ResourceRuntime, actionName: string, call: CallContext): boolean {
  const resource = runtime.resource;
  const action = resource.actions[actionName] as { type: string; changes?: readonly ChangeDef<string>[] };
  if (action.type !== "update" || call.replay) return false;
  if (runtime.table.multitenancy === "context") return false;
  const changes = [
    ...(action.changes ?? []),
    ...resource.changes.filter((c: ChangeDef<string>) => appliesTo(c.options.on, "update")),
  ] as ChangeDef<string>[];
  if (!changes.every((c) => c.impl.atomic === true)) return false;
  const read = primaryActionOf(resource, "read");
  const readAction = read
    ? (resource.actions[read] as { preparations?: unknown[]; strict?: boolean })
    : undefined;
  return (
    readAction !== undefined &&
    !readAction.strict &&
    !readAction.preparations?.length &&
    !resource.preparations.length
  );
}

/**
 * Before an update tried by key is written: it must be one statement with nothing around it (no hooks, no
 * recorder, nobody to notify, no enclosing transaction), or the record is needed after all. Then what the read
 * of the record would have checked becomes the first write condition: a record the actor may not read is
 * not found, as when it is read first.
 */
export function prepareByKey(
  engine: EngineContext,
  runtime: ResourceRuntime,
  cs: Changeset,
  key: Row,
  recorded: boolean,
): void {
  const hooks = Object.values(cs.hooks).some((list) => list.length > 0);
  if (hooks || recorded || engine.notifies(cs.resource) || currentTransaction(engine.dataLayer))
    throw new RecordNeeded();
  const resource = runtime.resource;
  const readName = primaryActionOf(resource, "read") as string;
  const readAction = resource.actions[readName] as { baseFilter?: boolean };
  const missing = () => notFound(cs.source, `${resource.name} ${keyText(key)}`);
  const conditions = [];
  if (authorizing(runtime, cs.call)) {
    const verdict = decideCall(runtime, { ...resource.actions[readName], name: readName }, cs.call).verdict;
    if (verdict === false) throw missing();
    if (verdict !== true) conditions.push({ filter: verdict, error: missing });
  }
  if (resource.baseFilter && readAction.baseFilter !== false)
    conditions.push({ filter: resource.baseFilter, error: missing });
  cs.writeConditions.unshift(...conditions);
}
