import type { CompanionInsert } from "../data-layer/contract.js";
import { notFound, toAshlarError } from "../errors/errors.js";
import type { Notification } from "../notifications/notification.js";
import { renderTopic } from "../notifications/notification.js";
import { authorizing, decideCall, forbiddenBy } from "../policies/authorize.js";
import { decideFields, hideFieldsOfWritten } from "../policies/field-policy.js";
import type { AttributeMap } from "../resource/attribute.js";
import { nowDatetime } from "../types/temporal.js";
import { prepareByKey } from "./by-key.js";
import { castInputs } from "./cast-inputs.js";
import { type CallContext, Changeset, NOT_READ, type Outcome } from "./changeset.js";
import type { InsertSlot } from "./insert-batch.js";
import { decideOnRecord } from "./local-conditions.js";
import { type Condition, normaliseConditions, persist } from "./persist.js";
import { companionsOf, inputsGiven, tellRecorders } from "./record-write.js";
import { runChangesAndValidations } from "./run-changes.js";
import type { EngineContext, ResourceRuntime } from "./runtime.js";
import { requireTenant, tenantFilter } from "./tenancy.js";
import { claimInsertSlot, currentTransaction, queueNotification, transact } from "./transaction-scope.js";

type Row = Record<string, unknown>;

/**
 * Multitenancy on writes: a tenant is required (unless the resource is global); with the attribute strategy a
 * create sets the tenant attribute, and an update or destroy only writes a record of the call's tenant.
 */
function applyTenant(cs: Changeset): void {
  const m = cs.resource.multitenancy;
  if (!m) return;
  requireTenant(cs.resource, cs.call.tenant, cs.source);
  if (m.strategy !== "attribute" || cs.call.tenant === undefined) return;
  if (cs.actionType === "create") cs.changeAttribute(m.attribute, cs.call.tenant);
  else {
    const tenantOnly = tenantFilter(cs.resource, cs.call.tenant);
    if (tenantOnly)
      cs.requireOnWrite(tenantOnly, () => notFound(cs.source, `${cs.resource.name} of this tenant`));
  }
}

/** Throws the changeset's errors, if it has any, as one class error (worst class wins). */
function assertValid(cs: Changeset): void {
  if (!cs.isValid) throw toAshlarError(...cs.errors);
}

/**
 * Runs a create, update or destroy with Ash's lifecycle:
 * cast → changes → defaults → validations → before-transaction hooks →
 * transaction [ before-action hooks → data layer → after-action hooks → notification queued ] →
 * after-transaction hooks (on success and on failure) → notifications delivered after commit.
 * Any error inside the transaction rolls it back: no partial write, no notification.
 */
export async function runWrite(
  engine: EngineContext,
  runtime: ResourceRuntime,
  actionName: string,
  input: Readonly<Row>,
  data: Readonly<Row> | undefined,
  call: CallContext,
  /** `data` is only the record's key: an update tried without reading the record (see `triesByKey`). */
  byKey = false,
): Promise<Row> {
  const action = runtime.resource.actions[actionName];
  const cs = new Changeset(
    runtime.resource,
    runtime.relationships,
    action,
    byKey ? NOT_READ : data,
    call,
    nowDatetime(),
    engine.actions,
  );
  // A record of a batched bulk create: joins the batch's transaction and queues its row for one insert.
  const slot = cs.actionType === "create" ? claimInsertSlot(engine.dataLayer) : undefined;
  await castInputs(cs, input, (name, value) => cs.changeAttribute(name, value));
  applyTenant(cs);
  await cs.settle();
  const given = engine.recorders.length && !call.replay ? inputsGiven(cs, input) : undefined;
  await runChangesAndValidations(cs);
  // Decided even for an invalid changeset: a caller who may never run the action learns that (Forbidden wins
  // over Invalid, as errors do), not which of their inputs would have been wrong.
  const decision = authorizing(runtime, call) ? decideCall(runtime, action, call, cs) : undefined;
  const key = byKey ? (data as Row) : undefined;
  if (key) prepareByKey(engine, runtime, cs, key, given !== undefined);
  let outcome: Outcome;
  const committed: Notification[] = [];
  try {
    if (decision?.verdict === false) throw forbiddenBy(decision, cs.source);
    assertValid(cs);
    if (decision && decision.verdict !== true) {
      const forbidden = () => forbiddenBy(decision, cs.source);
      // The record must match the policies' filter as it is written (creates: as inserted, inside the transaction).
      cs.requireOnWrite(decision.verdict, forbidden);
    }
    for (const hook of cs.hooks.beforeTransaction) await hook(cs);
    assertValid(cs);
    // A write alone in its transaction is one statement — with the recorders' rows as its companions when the
    // data layer can insert them in that statement — and needs no BEGIN and COMMIT.
    const aloneWith = action.transaction ? conditionsAlone(engine, runtime, cs, slot) : undefined;
    const alone = aloneWith !== undefined;
    const companions =
      alone && given && engine.dataLayer.can("companions")
        ? await companionsOf(engine, runtime, cs, given)
        : undefined;
    const work = () =>
      writeInside(engine, runtime, cs, committed, {
        slot,
        given: companions ? undefined : given,
        companions,
        key,
        conditions: aloneWith,
      });
    // A batched bulk create, and a replay (which rolls back whole on any failure), need no savepoint per record.
    const inline = slot !== undefined || call.replay !== undefined;
    const record =
      action.transaction && !(alone && (!given || companions))
        ? await transact(engine.dataLayer, work, async (n) => void committed.push(...n), inline)
        : await work();
    outcome = { ok: true, record };
  } catch (error) {
    outcome = { ok: false, error };
  }
  for (const hook of cs.hooks.afterTransaction) {
    try {
      outcome = (await hook(cs, outcome)) ?? outcome;
    } catch (error) {
      outcome = { ok: false, error };
    }
  }
  await engine.deliver(committed);
  if (!outcome.ok) throw toAshlarError(outcome.error);
  if (decision) {
    const fields = decideFields(runtime, action, call);
    const values = { actor: call.actor, arguments: cs.arguments, context: call.context };
    hideFieldsOfWritten(outcome.record, fields, values, (f) => runtime.table.columns.get(f)?.type);
  }
  return outcome.record;
}

/**
 * When the write is one statement with nothing else to do inside its transaction — no hooks there, no
 * condition to count after an insert, no enclosing transaction, no tenant schema to make — its conditions,
 * normalised (the statement is then its own transaction: PostgreSQL runs each statement atomically, and the
 * BEGIN and COMMIT round trips are saved; a failed statement writes nothing either way); else undefined.
 */
function conditionsAlone(
  engine: EngineContext,
  runtime: ResourceRuntime,
  cs: Changeset,
  slot: InsertSlot | undefined,
): Condition[] | undefined {
  if (slot || cs.call.replay || cs.hooks.beforeAction.length || cs.hooks.afterAction.length) return undefined;
  if (runtime.table.multitenancy === "context" || currentTransaction(engine.dataLayer)) return undefined;
  const conditions = normaliseConditions(engine, cs);
  const table = runtime.table;
  const decided = (c: Condition) => decideOnRecord(c.filter, table, cs.attributes) !== undefined;
  return cs.actionType !== "create" || conditions.every(decided) ? conditions : undefined;
}

/** How a write is made inside its transaction (see `persist`), and the inputs recorders are told of. */
interface WriteInside {
  readonly slot: InsertSlot | undefined;
  readonly given: Row | undefined;
  readonly companions: readonly CompanionInsert[] | undefined;
  readonly key: Row | undefined;
  /** The write conditions, normalised already (a write alone: no hook can add one any more). */
  readonly conditions: readonly Condition[] | undefined;
}

async function writeInside(
  engine: EngineContext,
  runtime: ResourceRuntime,
  cs: Changeset,
  committed: Notification[],
  { slot, given, companions, key, conditions }: WriteInside,
): Promise<Row> {
  for (const hook of cs.hooks.beforeAction) await hook(cs);
  assertValid(cs);
  let record = await persist(engine, runtime, cs, { slot, companions, key, conditions });
  if (given) await tellRecorders(engine, cs, given, record);
  for (const hook of cs.hooks.afterAction) {
    record = (await hook(cs, record)) ?? record;
    assertValid(cs);
  }
  // Built only when someone would receive it (two deep copies of the record: ~5 µs a write).
  if (engine.notifies(cs.resource))
    committed.push(...queueNotification(engine.dataLayer, notificationOf(cs, record)));
  return record;
}

function notificationOf(cs: Changeset, record: Row): Notification {
  const attrs = cs.resource.attributes as AttributeMap;
  const changes = Object.fromEntries(
    Object.keys(cs.attributes)
      .filter((k) => cs.isChanging(k) && !attrs[k]?.config.sensitive)
      .map((k) => [k, record[k]]),
  );
  const type = cs.actionType as Notification["actionType"];
  const topics = [`${cs.resource.name}:${cs.action.name}`];
  for (const p of cs.resource.publications) {
    const actions = p.action === undefined ? [] : typeof p.action === "string" ? [p.action] : p.action;
    if (actions.includes(cs.action.name) || p.type === type) topics.push(renderTopic(p.topic, record));
  }
  return Object.freeze({
    resource: cs.resource.name,
    action: cs.action.name,
    actionType: type,
    record: structuredClone(record),
    previous: cs.data === undefined ? undefined : (structuredClone(cs.data) as Row),
    changes,
    actor: cs.actor,
    tenant: cs.call.tenant,
    topics,
    occurredAt: cs.timestamp,
  });
}

export { triesByKey } from "./by-key.js";
