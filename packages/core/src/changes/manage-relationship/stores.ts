import type { Changeset } from "../../engine/changeset.js";
import { type Expr, lit, op, ref } from "../../expressions/ast.js";
import type { ResolvedRelationship } from "../../resource/resolve.js";
import { canonicalJson } from "../../types/json.js";
import type { ManagedActions } from "./actions.js";
import { keysFilter } from "./input.js";

type Row = Record<string, unknown>;

/**
 * The records on the other side of a to-many (or hasOne) relationship of one parent record, and the writes
 * that change them. Every write is a nested action (`cs.actions`), so the destination's changes, validations
 * and notifications apply, inside the parent's transaction.
 */
export interface RelatedStore {
  /** The records related now. */
  related(): Promise<Row[]>;
  /** The destination records with these primary keys, related or not. */
  lookup(keys: readonly Row[]): Promise<Row[]>;
  relate(record: Row): Promise<void>;
  unrelate(record: Row): Promise<void>;
  /** Creates a destination record from the input and relates it. */
  create(fields: Row): Promise<Row>;
  update(record: Row, fields: Row): Promise<void>;
  /** Destroys a destination record (a many-to-many's join records first). */
  destroy(record: Row): Promise<void>;
}

/** The caller of the parent action, passed on to every nested action. */
const callOf = (cs: Changeset) => ({
  actor: cs.actor,
  tenant: cs.call.tenant,
  context: { ...cs.call.context },
  authorize: cs.call.authorize,
});

/** A store for hasMany and hasOne: the destination holds the foreign key (`destinationAttribute`). */
export function foreignKeyStore(
  cs: Changeset,
  rel: ResolvedRelationship,
  actions: ManagedActions,
  parentValue: unknown,
): RelatedStore {
  const destination = rel.destination;
  const fk = rel.destinationAttribute;
  const call = callOf(cs);
  const read = (filter: Expr) => cs.actions.read(destination, actions.read, { ...call, filter });
  const update = (record: Row, input: Row) =>
    cs.actions.update(destination, actions.get("update"), record, input, call);
  return {
    related: () => read(op("==", ref(fk), lit(parentValue))),
    lookup: (keys) => read(keysFilter(destination.primaryKey, keys)),
    relate: async (record) => void (await update(record, { [fk]: parentValue })),
    unrelate: async (record) => void (await update(record, { [fk]: null })),
    create: (fields) =>
      cs.actions.create(destination, actions.get("create"), { ...fields, [fk]: parentValue }, call),
    update: async (record, fields) => void (await update(record, fields)),
    destroy: async (record) =>
      void (await cs.actions.destroy(destination, actions.get("destroy"), record, {}, call)),
  };
}

/** A store for manyToMany: relating creates a join record, unrelating destroys the join records. */
export function joinStore(
  cs: Changeset,
  rel: ResolvedRelationship,
  actions: ManagedActions,
  parentValue: unknown,
): RelatedStore {
  const destination = rel.destination;
  const through = rel.through as NonNullable<ResolvedRelationship["through"]>;
  const toSource = rel.sourceAttributeOnJoin as string;
  const toDestination = rel.destinationAttributeOnJoin as string;
  const call = callOf(cs);
  /** Join records by the destination value they point at (canonical JSON). */
  const joins = new Map<string, Row[]>();
  const joinsOf = (record: Row) => joins.get(canonicalJson(record[rel.destinationAttribute] ?? null)) ?? [];
  const remember = (join: Row) => {
    const k = canonicalJson(join[toDestination] ?? null);
    joins.set(k, [...(joins.get(k) ?? []), join]);
  };
  const relate = async (record: Row) => {
    const input = { [toSource]: parentValue, [toDestination]: record[rel.destinationAttribute] };
    remember(await cs.actions.create(through, actions.get("joinCreate"), input, call));
  };
  const unrelate = async (record: Row) => {
    for (const join of joinsOf(record))
      await cs.actions.destroy(through, actions.get("joinDestroy"), join, {}, call);
    joins.delete(canonicalJson(record[rel.destinationAttribute] ?? null));
  };
  return {
    async related() {
      const rows = await cs.actions.read(through, actions.get("joinRead"), {
        ...call,
        filter: op("==", ref(toSource), lit(parentValue)),
      });
      for (const join of rows) remember(join);
      const values = [...new Set(rows.map((j) => j[toDestination]))];
      if (!values.length) return [];
      return cs.actions.read(destination, actions.read, {
        ...call,
        filter: op("in", ref(rel.destinationAttribute), lit(values)),
      });
    },
    lookup: (keys) =>
      cs.actions.read(destination, actions.read, {
        ...call,
        filter: keysFilter(destination.primaryKey, keys),
      }),
    relate,
    unrelate,
    async create(fields) {
      const created = await cs.actions.create(destination, actions.get("create"), fields, call);
      await relate(created);
      return created;
    },
    update: async (record, fields) =>
      void (await cs.actions.update(destination, actions.get("update"), record, fields, call)),
    async destroy(record) {
      await unrelate(record);
      await cs.actions.destroy(destination, actions.get("destroy"), record, {}, call);
    },
  };
}
