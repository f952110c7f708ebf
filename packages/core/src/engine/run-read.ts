import type { SortSpec } from "../data-layer/contract.js";
import { toAshlarError } from "../errors/errors.js";
import { type Expr, isExpr, lit, ref } from "../expressions/ast.js";
import { filterInputToExpr } from "../expressions/filter-input.js";
import { authorizing, decideCall, forbiddenBy } from "../policies/authorize.js";
import type { Verdict } from "../policies/decide.js";
import { decideFields, fieldGuards, hideFields } from "../policies/field-policy.js";
import { guardFields } from "../policies/guard-fields.js";
import type { PreparationDef } from "../preparations/preparation.js";
import { castInputs, nothingToCast } from "./cast-inputs.js";
import type { CallContext } from "./changeset.js";
import { normaliseExpr } from "./expand-expr.js";
import {
  applyLoads,
  emptyPlan,
  type LoadInput,
  type LoadPlan,
  planLoad,
  type RelatedReader,
} from "./load.js";
import { expandContextOf, guarded, normaliseQuery } from "./normalise-query.js";
import { Query } from "./query.js";
import { applyReadOptions, type ReadOptions, sortSpecsOf } from "./read-options.js";
import { type EngineContext, primaryActionOf, type ResourceRuntime } from "./runtime.js";
import { requireTenant, tableFor, tenantFilter } from "./tenancy.js";
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

/** A read made ready for the data layer: the prepared query, its normalised filter and sort, its load plan. */
export interface PreparedRead {
  readonly runtime: ResourceRuntime;
  readonly query: Query;
  readonly filter: Expr | undefined;
  readonly sort: SortSpec[];
  readonly plan: LoadPlan;
  /** Field policies' verdicts for this call (fields absent: readable). */
  readonly fields: ReadonlyMap<string, Verdict>;
}

/**
 * Prepares a read: cast arguments → the caller's filter, sort, page and load → the action's preparations, then
 * the resource's → normalise (names, paths, calculations, aggregates, templates). Input errors throw here.
 */
export async function prepareRead(
  engine: EngineContext,
  runtime: ResourceRuntime,
  actionName: string,
  request: ReadRequest,
  call: CallContext,
): Promise<PreparedRead> {
  const action = runtime.resource.actions[actionName];
  const query = new Query(runtime.resource, action, call);
  if (!nothingToCast(action, request.input)) await castInputs(query, request.input ?? {});
  const fields = authorizing(runtime, call)
    ? decideFields(runtime, action, call)
    : new Map<string, Verdict>();
  applyReadOptions(query, fields.size ? guardedOptions(query, request, fields) : request);
  query.filterBy(request.within);
  requireTenant(runtime.resource, call.tenant, query.source);
  query.filterBy(tenantFilter(runtime.resource, call.tenant));
  if (authorizing(runtime, call)) {
    const decision = decideCall(runtime, action, call);
    if (decision.verdict !== true && (action as { strict?: boolean }).strict)
      throw forbiddenBy(decision, query.source);
    // Reads are filtered: a record the actor may not see is simply not there (a get of it is NotFound).
    if (decision.verdict !== true) query.filterBy(decision.verdict === false ? lit(false) : decision.verdict);
  }
  if (runtime.resource.baseFilter && (action as { baseFilter?: boolean }).baseFilter !== false) {
    query.filterBy(runtime.resource.baseFilter);
  }
  const preparations = [...(action.preparations ?? []), ...runtime.resource.preparations] as PreparationDef[];
  for (const p of preparations) await p.impl.prepare(query);
  const ctx = expandContextOf(engine, query);
  const { filter, sort } = normaliseQuery(query, ctx);
  const load = request.load;
  const plan = load
    ? (guarded(query, "invalid_load", () => planLoad(engine, runtime.resource, load, ctx)) ?? emptyPlan())
    : emptyPlan();
  if (query.errors.length) throw toAshlarError(...query.errors);
  // Per-record field verdicts are computed by the data layer in the same query, so they are normalised too.
  const guards = fields.size
    ? new Map(
        [...fields].map(([f, v]) => [
          f,
          typeof v === "boolean" ? v : normaliseExpr(v, runtime.resource, ctx),
        ]),
      )
    : (fields as Map<string, Verdict>);
  return { runtime, query, filter, sort, plan, fields: guards };
}

/**
 * Runs a prepared read: one data-layer query that also computes expression calculations and aggregates (and
 * `extra` values, such as sort keys for cursors) → relationship loads (one query per relationship level) and
 * function calculations → after-read hooks.
 */
export async function executeRead(
  engine: EngineContext,
  read: PreparedRead,
  overrides: {
    filter?: Expr | undefined;
    sort?: SortSpec[];
    limit?: number | undefined;
    offset?: number | undefined;
    extra?: Record<string, Expr>;
  } = {},
  limitPer?: ReadRequest["limitPer"],
): Promise<Row[]> {
  const { runtime, query, plan } = read;
  const calculations = { ...plan.computed, ...overrides.extra, ...fieldGuards(read.fields) };
  let rows = await engine.dataLayer.read(
    tableFor(runtime, query.call.tenant),
    {
      filter: "filter" in overrides ? overrides.filter : read.filter,
      sort: overrides.sort ?? read.sort,
      limit: "limit" in overrides ? overrides.limit : query.limit,
      offset: "offset" in overrides ? overrides.offset : query.offset,
      calculations: Object.keys(calculations).length ? calculations : undefined,
      limitPer,
    },
    currentTransaction(engine.dataLayer),
  );
  if (plan.relationships.length || plan.functions.length)
    await applyLoads(engine, runtime.resource, rows, plan, query.call, relatedReader(engine, query.call));
  hideFields(rows, read.fields);
  for (const hook of query.afterRead) rows = (await hook(query, rows)) ?? rows;
  return rows;
}

/** Prepares and runs a read that answers a list. */
export async function runRead(
  engine: EngineContext,
  runtime: ResourceRuntime,
  actionName: string,
  request: ReadRequest,
  call: CallContext,
): Promise<Row[]> {
  const read = await prepareRead(engine, runtime, actionName, request, call);
  return executeRead(engine, read, {}, request.limitPer);
}

/** Reads related records through the destination's primary read action, so its preparations apply. */
export function relatedReader(engine: EngineContext, call: CallContext): RelatedReader {
  return (rel, within, options) => {
    const destination = rel.destination;
    const action = primaryActionOf(destination, "read");
    if (!action) throw new Error(`${destination.name} has no read action to load it through`);
    // Policies see where the records are read from (`accessingFrom` checks).
    const accessing: CallContext = {
      ...call,
      accessingFrom: { resource: rel.source.name, relationship: rel.name },
    };
    return runRead(engine, engine.runtimeOf(destination), action, { ...options, within }, accessing);
  };
}

/** The caller's filter and sort with hidden fields guarded (see guardFields): they must not reveal them. */
function guardedOptions(
  query: Query,
  request: ReadRequest,
  fields: ReadonlyMap<string, Verdict>,
): ReadRequest {
  const hidden = (field: string) =>
    query.addError({ code: "invalid_filter", field, message: `is not a field of ${query.resource.name}` });
  const filter =
    request.filter === undefined
      ? undefined
      : isExpr(request.filter)
        ? request.filter
        : filterInputToExpr(request.filter as Row);
  const sort = sortSpecsOf((request.sort ?? []) as readonly string[]).flatMap((s) => {
    const verdict = fields.get(s.field);
    if (verdict === undefined || verdict === true) return [s];
    if (verdict === false) {
      hidden(s.field);
      return [];
    }
    return [{ ...s, expr: guardFields(ref(s.field), fields, hidden) }];
  });
  return {
    ...request,
    filter: filter && guardFields(filter, fields, hidden),
    sort: sort as unknown as ReadRequest["sort"],
  };
}
