import { toAshlarError } from "../errors/errors.js";
import type { Expr } from "../expressions/ast.js";
import type { PreparationDef } from "../preparations/preparation.js";
import type { AnyResource } from "../resource/resource.js";
import { castInputs } from "./cast-inputs.js";
import type { CallContext } from "./changeset.js";
import { applyLoads, emptyPlan, type LoadInput, planLoad, type RelatedReader } from "./load.js";
import { expandContextOf, guarded, normaliseQuery } from "./normalise-query.js";
import { Query } from "./query.js";
import { applyReadOptions, type ReadOptions } from "./read-options.js";
import { type EngineContext, primaryActionOf, type ResourceRuntime } from "./runtime.js";
import { currentTransaction } from "./transaction-scope.js";

type Row = Record<string, unknown>;

/** A read as the engine receives it: the caller's options plus what loads pass down. */
export interface ReadRequest extends ReadOptions {
  input?: Readonly<Row>;
  load?: LoadInput;
  /** A condition joined to everything else (the keys of a relationship load). */
  within?: Expr;
  /** Per-parent limits of a relationship load. */
  limitPer?: { field: string; limit?: number | undefined; offset?: number | undefined };
}

/**
 * Runs a read: cast arguments → the caller's filter, sort, page and load → the action's preparations, then the
 * resource's → normalise (names, paths, calculations, aggregates, templates) → one data-layer query that also
 * computes expression calculations and aggregates → relationship loads (one query per relationship level) and
 * function calculations → after-read hooks.
 */
export async function runRead(
  engine: EngineContext,
  runtime: ResourceRuntime,
  actionName: string,
  request: ReadRequest,
  call: CallContext,
): Promise<Row[]> {
  const action = runtime.resource.actions[actionName];
  const query = new Query(runtime.resource, action, call);
  await castInputs(query, request.input ?? {});
  applyReadOptions(query, request);
  query.filterBy(request.within);
  const preparations = [...(action.preparations ?? []), ...runtime.resource.preparations] as PreparationDef[];
  for (const p of preparations) await p.impl.prepare(query);
  const { filter, sort } = normaliseQuery(engine, query);
  const plan = request.load
    ? (guarded(query, "invalid_load", () =>
        planLoad(engine, runtime.resource, request.load as LoadInput, expandContextOf(engine, query)),
      ) ?? emptyPlan())
    : emptyPlan();
  if (query.errors.length) throw toAshlarError(...query.errors);
  let rows = await engine.dataLayer.read(
    runtime.table,
    {
      filter,
      sort,
      limit: query.limit,
      offset: query.offset,
      calculations: Object.keys(plan.computed).length ? plan.computed : undefined,
      limitPer: request.limitPer,
    },
    currentTransaction(engine.dataLayer),
  );
  await applyLoads(engine, runtime.resource, rows, plan, call, relatedReader(engine, call));
  for (const hook of query.afterRead) rows = (await hook(query, rows)) ?? rows;
  return rows;
}

/** Reads related records through the destination's primary read action, so its preparations apply. */
export function relatedReader(engine: EngineContext, call: CallContext): RelatedReader {
  return (destination: AnyResource, within, options) => {
    const runtime = engine.runtimeOf(destination);
    const action = primaryActionOf(destination, "read");
    if (!action) throw new Error(`${destination.name} has no read action to load it through`);
    const request: ReadRequest = { ...options, within };
    return runRead(engine, runtime, action, request, call);
  };
}
