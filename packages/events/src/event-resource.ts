import { type AnyAttribute, defaults, type PolicyDef, resource, t } from "@ashlar/core";

/** How events are keyed: a database sequence (commit order, the default) or a uuidv7. */
export type EventKey = "sequence" | "uuidv7";
/** The type of the `recordId` column: the tracked records' primary keys ("json" for composite keys). */
export type RecordIdType = "uuid" | "integer" | "string" | "json";

export interface EventResourceOptions {
  readonly primaryKey?: EventKey;
  readonly recordId?: RecordIdType;
  /** One nullable column per kind of actor, named `<name>Id`, of the type given. */
  readonly actorColumns?: Readonly<Record<string, AnyAttribute>>;
  /** Who may read events (and so, with the key, open their sealed values). Without policies: everyone. */
  readonly policies?: readonly PolicyDef[];
}

const recordIdAttribute = (type: RecordIdType): AnyAttribute =>
  type === "uuid" ? t.uuid() : type === "integer" ? t.integer() : type === "string" ? t.string() : t.json();

/**
 * The event-log resource: one row per recorded create, update or destroy. Put it in a domain of the app so
 * its table is created and migrated like any other. Events are written by the recorder straight into the
 * action's transaction, never through an action, so the resource only reads.
 */
export function eventResource(name: string, options: EventResourceOptions = {}) {
  const id = options.primaryKey === "uuidv7" ? t.uuidv7().primaryKey() : t.integer().primaryKey().generated();
  const actors = Object.fromEntries(
    Object.entries(options.actorColumns ?? {}).map(([kind, column]) => [`${kind}Id`, column.optional()]),
  );
  return resource(name, {
    attributes: {
      id,
      recordId: recordIdAttribute(options.recordId ?? "uuid"),
      version: t.integer({ min: 1 }),
      resource: t.string(),
      action: t.string(),
      actionType: t.enum(["create", "update", "destroy"]),
      data: t.map(),
      changedAttributes: t.map(),
      metadata: t.map(),
      /** The call's tenant (multitenant resources), so replay writes the record for the same tenant. */
      tenant: t.string().optional(),
      occurredAt: t.datetime(),
      ...actors,
    },
    actions: { ...defaults("read") },
    ...(options.policies ? { policies: options.policies } : {}),
  });
}
