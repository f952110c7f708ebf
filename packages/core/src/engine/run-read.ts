import { toAshlarError } from "../errors/errors.js";
import type { PreparationDef } from "../preparations/preparation.js";
import { castInputs } from "./cast-inputs.js";
import type { CallContext } from "./changeset.js";
import { Query } from "./query.js";
import { applyReadOptions, type ReadOptions } from "./read-options.js";
import type { EngineContext, ResourceRuntime } from "./runtime.js";
import { currentTransaction } from "./transaction-scope.js";

type Row = Record<string, unknown>;

/**
 * Runs a read: cast arguments → the caller's filter, sort and page → the action's preparations, then the
 * resource's → data layer (inside the current transaction, if any) → after-read hooks.
 */
export async function runRead(
  engine: EngineContext,
  runtime: ResourceRuntime,
  actionName: string,
  options: ReadOptions & { input?: Readonly<Row> },
  call: CallContext,
): Promise<Row[]> {
  const action = runtime.resource.actions[actionName];
  const query = new Query(runtime.resource, action, call);
  await castInputs(query, options.input ?? {});
  applyReadOptions(query, options);
  const preparations = [...(action.preparations ?? []), ...runtime.resource.preparations] as PreparationDef[];
  for (const p of preparations) await p.impl.prepare(query);
  if (query.errors.length) throw toAshlarError(...query.errors);
  let rows = await engine.dataLayer.read(
    runtime.table,
    { filter: query.filter, sort: query.sort, limit: query.limit, offset: query.offset },
    currentTransaction(engine.dataLayer),
  );
  for (const hook of query.afterRead) rows = (await hook(query, rows)) ?? rows;
  return rows;
}
