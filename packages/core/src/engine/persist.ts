import type { UpsertOptions } from "../actions/action.js";
import {
  type CompanionInsert,
  ForeignKeyViolation,
  UniqueViolation,
  type UpsertSpec,
} from "../data-layer/contract.js";
import { InvalidError, invalid, notFound } from "../errors/errors.js";
import { and, type Expr, lit, op, ref } from "../expressions/ast.js";
import { ExpressionError } from "../expressions/functions/function.js";
import type { AttributeMap } from "../resource/attribute.js";
import type { AnyResource } from "../resource/resource.js";
import type { Changeset } from "./changeset.js";
import { type ExpandContext, normaliseExpr } from "./expand-expr.js";
import type { InsertSlot } from "./insert-batch.js";
import { decideOnRecord } from "./local-conditions.js";
import type { EngineContext, ResourceRuntime } from "./runtime.js";
import { tableFor } from "./tenancy.js";
import { currentTransaction } from "./transaction-scope.js";

type Row = Record<string, unknown>;

export const primaryKeyOf = (runtime: ResourceRuntime, record: Readonly<Row>): Row =>
  Object.fromEntries(runtime.table.primaryKey.map((k) => [k, record[k]]));

/** A key as error messages show it: the value of a one-column key, else the object of values (JSON). */
export function keyText(key: Readonly<Row>): string {
  const values = Object.values(key);
  return JSON.stringify(values.length === 1 ? values[0] : key);
}

/**
 * Writes the changeset through the data layer, inside the current transaction if there is one. Updates and
 * destroys carry the changeset's write conditions and atomic expressions to the data layer, which applies
 * them to the row as it is at the moment of writing; a soft destroy is written as an update.
 */
export async function persist(
  engine: EngineContext,
  runtime: ResourceRuntime,
  cs: Changeset,
  how: {
    readonly slot?: InsertSlot | undefined;
    readonly companions?: readonly CompanionInsert[] | undefined;
    /** The key of an update tried without reading the record (every set attribute is then written). */
    readonly key?: Row | undefined;
    /** The write conditions when the caller has normalised them already. */
    readonly conditions?: readonly Condition[] | undefined;
  } = {},
): Promise<Row> {
  const { slot, companions } = how;
  const dl = engine.dataLayer;
  const tx = currentTransaction(dl);
  const table = tableFor(runtime, cs.call.tenant);
  try {
    const conditions = how.conditions ?? normaliseConditions(engine, cs);
    if (cs.actionType === "create") {
      // Conditions on the record's own columns are decided in memory before the insert; the rest after it.
      const remote: Condition[] = [];
      for (const c of conditions) {
        const holds = decideOnRecord(c.filter, table, cs.attributes);
        if (holds === false) throw c.error();
        if (holds === undefined) remote.push(c);
      }
      const upsert = (cs.action as { upsert?: UpsertOptions }).upsert;
      const created = upsert
        ? await dl.upsert(table, cs.attributes, upsertSpec(runtime, cs, upsert), tx)
        : slot
          ? await slot.insert(table, cs.attributes)
          : await dl.create(table, cs.attributes, tx, companions && { companions });
      // A create's conditions (policies) hold for the record as inserted, or the transaction rolls back.
      const failed = await firstFailing(engine, runtime, cs, remote, primaryKeyOf(runtime, created));
      if (failed) throw failed.error();
      return created;
    }
    const key = how.key ?? primaryKeyOf(runtime, cs.data as Row);
    const filter = and(...distinct(conditions.map((c) => c.filter)));
    const soft = cs.actionType === "destroy" && (cs.action as { soft?: boolean }).soft === true;
    let written: Row | null;
    if (cs.actionType === "update" || soft) {
      const changed = how.key
        ? Object.keys(cs.attributes)
        : Object.keys(cs.attributes).filter((k) => cs.isChanging(k));
      const changes = Object.fromEntries(changed.map((k) => [k, cs.attributes[k]]));
      const atomics = Object.keys(cs.atomics).length ? normaliseAtomics(engine, cs) : undefined;
      written = await dl.update(table, key, changes, tx, { filter, atomics, companions });
    } else {
      written = await dl.destroy(table, key, tx, { filter, companions });
    }
    if (written) return written;
    throw await whyNothingWasWritten(engine, runtime, cs, conditions, key);
  } catch (error) {
    if (error instanceof UniqueViolation) throw uniqueError(runtime, cs, error);
    if (error instanceof ForeignKeyViolation) throw foreignKeyError(runtime, cs, error);
    if (error instanceof ExpressionError)
      throw new InvalidError([invalid({ code: "invalid", message: error.message, source: cs.source })]);
    throw error;
  }
}

export type Condition = Changeset["writeConditions"][number];

/** Each condition once (a read policy and a write policy often say the same), in order. */
function distinct(filters: readonly Expr[]): Expr[] {
  const seen = new Set<string>();
  return filters.filter((f) => {
    let text: string;
    try {
      text = JSON.stringify(f);
    } catch {
      return true;
    }
    if (seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

/** Write conditions as the data layer runs them: names, calculations and `^actor(...)` resolved. */
export function normaliseConditions(engine: EngineContext, cs: Changeset): Condition[] {
  if (!cs.writeConditions.length) return [];
  const ctx = expandContextOfChangeset(engine, cs);
  return cs.writeConditions.map((c) => ({ ...c, filter: normaliseExpr(c.filter, cs.resource, ctx) }));
}

/** The first condition the record with this key does not meet (one count per condition, only when needed). */
async function firstFailing(
  engine: EngineContext,
  runtime: ResourceRuntime,
  cs: Changeset,
  conditions: readonly Condition[],
  key: Row,
): Promise<Condition | undefined> {
  const table = tableFor(runtime, cs.call.tenant);
  const byKey = and(...Object.entries(key).map(([k, v]) => op("==", ref(k), lit(v))));
  const tx = currentTransaction(engine.dataLayer);
  for (const c of conditions) {
    if ((await engine.dataLayer.count(table, { filter: and(byKey, c.filter) }, tx)) === 0) return c;
  }
  return undefined;
}

/** A write that matched nothing: the record is gone (NotFound), or a write condition failed (its error). */
async function whyNothingWasWritten(
  engine: EngineContext,
  runtime: ResourceRuntime,
  cs: Changeset,
  conditions: readonly Condition[],
  key: Row,
): Promise<Error> {
  const missing = () => notFound(cs.source, `${cs.resource.name} ${keyText(key)}`);
  if (!conditions.length) return missing();
  const exists = await engine.dataLayer.count(
    tableFor(runtime, cs.call.tenant),
    { filter: and(...Object.entries(key).map(([k, v]) => op("==", ref(k), lit(v)))) },
    currentTransaction(engine.dataLayer),
  );
  if (!exists) return missing();
  return ((await firstFailing(engine, runtime, cs, conditions, key)) ?? conditions[0])?.error() ?? missing();
}

/** Atomic expressions as the data layer runs them: names, calculations and templates resolved. */
function normaliseAtomics(engine: EngineContext, cs: Changeset): Record<string, Expr> {
  const ctx = expandContextOfChangeset(engine, cs);
  return Object.fromEntries(
    Object.entries(cs.atomics).map(([k, e]) => [k, normaliseExpr(e, cs.resource, ctx)]),
  );
}

/** What normalising a changeset's expressions needs: the engine's resources and the call's values. */
function expandContextOfChangeset(engine: EngineContext, cs: Changeset): ExpandContext {
  return {
    runtimeOf: (r: AnyResource) => engine.runtimeOf(r),
    actor: cs.actor,
    arguments: cs.arguments,
    context: cs.call.context,
    tenant: cs.call.tenant,
  };
}

/** The conflict target and the replaced columns of an upsert. */
function upsertSpec(runtime: ResourceRuntime, cs: Changeset, upsert: UpsertOptions): UpsertSpec {
  const identity = upsert.identity
    ? cs.resource.identities.find((i) => i.name === upsert.identity)
    : undefined;
  const keys = identity ? identity.keys : runtime.table.primaryKey;
  const attrs = cs.resource.attributes as AttributeMap;
  // By default: what the create sets that callers or updates may change — not keys, not create timestamps.
  const replace =
    upsert.fields ??
    Object.keys(cs.attributes).filter(
      (k) =>
        !keys.includes(k) &&
        !runtime.table.primaryKey.includes(k) &&
        (attrs[k]?.config.writable || attrs[k]?.config.updateDefault !== undefined),
    );
  return { keys, replace };
}

/** A unique violation becomes an Invalid error on the identity's first field, with the identity's message. */
function uniqueError(runtime: ResourceRuntime, cs: Changeset, error: UniqueViolation): InvalidError {
  const identity = cs.resource.identities.find((i: { name: string }) => i.name === error.identity);
  const field = error.keys[0] ?? runtime.table.primaryKey[0];
  const fields = error.keys.join(", ");
  return new InvalidError([
    invalid({
      code: "unique",
      field,
      message: identity?.message ?? `has already been taken (${fields})`,
      source: cs.source,
      cause: error,
    }),
  ]);
}

/** A foreign-key violation becomes an Invalid error naming the relationship (or the column) involved. */
function foreignKeyError(runtime: ResourceRuntime, cs: Changeset, error: ForeignKeyViolation): InvalidError {
  const rel = Object.values(runtime.relationships).find(
    (r) => r.kind === "belongsTo" && r.sourceAttribute === error.column,
  );
  const message = rel
    ? `refers to a ${rel.destination.name} that does not exist (relationship ${rel.name})`
    : cs.actionType === "destroy"
      ? "is still referred to by other records; remove or reassign them first"
      : "refers to a record that does not exist";
  return new InvalidError([
    invalid({
      code: "foreign_key",
      field: error.column ?? rel?.sourceAttribute,
      message,
      source: cs.source,
      cause: error,
    }),
  ]);
}
