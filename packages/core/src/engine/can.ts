import { and, lit, op, ref } from "../expressions/ast.js";
import { authorizing, decideCall } from "../policies/authorize.js";
import { nowDatetime } from "../types/temporal.js";
import { castInputs } from "./cast-inputs.js";
import { type CallContext, Changeset } from "./changeset.js";
import { normaliseExpr } from "./expand-expr.js";
import { decideOnRecord } from "./local-conditions.js";
import { expandContextOf } from "./normalise-query.js";
import { normaliseConditions, primaryKeyOf } from "./persist.js";
import { Query } from "./query.js";
import { runChangesAndValidations } from "./run-changes.js";
import type { EngineContext, ResourceRuntime } from "./runtime.js";
import { tableFor } from "./tenancy.js";
import { currentTransaction } from "./transaction-scope.js";

type Row = Record<string, unknown>;

/**
 * Whether the actor may run an action, answered without running it: policies are decided as the action would
 * decide them. Simple checks answer at once; a filter is checked against the given record with one query
 * (updates, destroys, reads of a record), against the would-be record in memory (creates), or — for a read
 * without a record — answers true, as some records may be visible.
 */
export async function canRun(
  engine: EngineContext,
  runtime: ResourceRuntime,
  actionName: string,
  call: CallContext,
  input: Row,
  record: Row | undefined,
): Promise<boolean> {
  const action = runtime.resource.actions[actionName];
  if (!authorizing(runtime, call)) return true;
  if (action.type === "read" || action.type === "action") {
    const verdict = decideCall(runtime, action, call).verdict;
    if (typeof verdict === "boolean" || !record) return verdict !== false;
    return recordMatches(engine, runtime, call, verdict, record);
  }
  const cs = new Changeset(
    runtime.resource,
    runtime.relationships,
    action,
    record,
    call,
    nowDatetime(),
    engine.actions,
  );
  await castInputs(cs, input, (name, value) => cs.changeAttribute(name, value));
  await cs.settle();
  await runChangesAndValidations(cs);
  const verdict = decideCall(runtime, action, call, cs).verdict;
  if (typeof verdict === "boolean") return verdict;
  if (record) return recordMatches(engine, runtime, call, verdict, record);
  // A create: the would-be record in memory, as the create decides it; a condition that needs related records
  // cannot be shown to hold.
  return normaliseConditions(engine, cs.requireOnWrite(verdict)).every(
    (c) => decideOnRecord(c.filter, runtime.table, cs.attributes) === true,
  );
}

async function recordMatches(
  engine: EngineContext,
  runtime: ResourceRuntime,
  call: CallContext,
  verdict: Parameters<typeof normaliseExpr>[0],
  record: Row,
): Promise<boolean> {
  const query = new Query(
    runtime.resource,
    runtime.resource.actions[Object.keys(runtime.resource.actions)[0] as string],
    call,
  );
  const filter = normaliseExpr(verdict, runtime.resource, expandContextOf(engine, query));
  const byKey = and(
    ...Object.entries(primaryKeyOf(runtime, record)).map(([k, v]) => op("==", ref(k), lit(v))),
  );
  const n = await engine.dataLayer.count(
    tableFor(runtime, call.tenant),
    { filter: and(byKey, filter) },
    currentTransaction(engine.dataLayer),
  );
  return n > 0;
}
