import type { AnyAction } from "../actions/action.js";
import type { SortSpec } from "../data-layer/contract.js";
import { type Expr, ref } from "../expressions/ast.js";
import { authorizing, decideCall } from "../policies/authorize.js";
import type { AttributeMap } from "../resource/attribute.js";
import type { AnyResource } from "../resource/resource.js";
import type { CallContext } from "./changeset.js";
import { type ExpandContext, ExpansionError, normaliseExpr } from "./expand-expr.js";
import type { Query } from "./query.js";
import { type EngineContext, primaryActionOf } from "./runtime.js";

/** The query as the data layer takes it: filter and sort keys normalised, problems recorded as input errors. */
export interface NormalisedQuery {
  readonly filter: Expr | undefined;
  readonly sort: SortSpec[];
}

export function expandContextOf(engine: EngineContext, query: Query): ExpandContext {
  return {
    runtimeOf: (r) => engine.runtimeOf(r),
    actor: query.actor,
    arguments: query.arguments,
    context: query.call.context,
    tenant: query.call.tenant,
    readFilterOf: readFilterFor(engine, query.call),
  };
}

/** Runs `fn`, turning an expansion problem into an input error on the query. */
export function guarded<T>(query: Query, code: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof ExpansionError)) throw error;
    query.addError({ code, field: error.field, message: error.message });
    return undefined;
  }
}

/**
 * Normalises a prepared query: the filter's names, paths, calculations, aggregates and templates; each sort key
 * that is not a plain attribute becomes an expression sort. A sorted or paged read ends its sort with the
 * primary key, so that equal keys never make pages overlap.
 */
export function normaliseQuery(query: Query, ctx: ExpandContext): NormalisedQuery {
  const resource = query.resource;
  const filter =
    query.filter &&
    guarded(query, "invalid_filter", () => normaliseExpr(query.filter as Expr, resource, ctx));
  const attrs = resource.attributes as AttributeMap;
  const sort: SortSpec[] = [];
  for (const s of query.sort) {
    if (attrs[s.field] && !s.expr) {
      sort.push(s);
      continue;
    }
    const parts = s.field.split(".");
    const name = parts.pop() as string;
    const expr = guarded(query, "invalid_sort", () =>
      normaliseExpr(s.expr ?? ref(name, parts), resource, ctx),
    );
    if (expr) sort.push({ ...s, expr });
  }
  if (sort.length || query.limit !== undefined || query.offset !== undefined) {
    for (const key of resource.primaryKey) {
      if (!sort.some((s) => s.field === key && !s.expr)) sort.push({ field: key, direction: "asc" });
    }
  }
  return { filter, sort };
}

/** The records of each resource a caller may read, by its primary read action's policies (for expressions). */
export function readFilterFor(
  engine: EngineContext,
  call: CallContext,
): (resource: AnyResource) => boolean | Expr {
  const cache = new Map<AnyResource, boolean | Expr>();
  return (resource) => {
    let verdict = cache.get(resource);
    if (verdict === undefined) {
      const runtime = engine.runtimeOf(resource);
      const action = primaryActionOf(resource, "read");
      verdict = !authorizing(runtime, call)
        ? true
        : action
          ? decideCall(runtime, { ...(resource.actions[action] as AnyAction), name: action }, call).verdict
          : false;
      cache.set(resource, verdict);
    }
    return verdict;
  };
}
