import {
  type AnyResource,
  belongsTo,
  createApp,
  type DataLayer,
  defaults,
  domain,
  memory,
  resource,
  t,
} from "@ashlar/core";
import { type Snapshot, type SqlClient, snapshotOf } from "@ashlar/postgres";

/**
 * Two versions of a small app with context multitenancy: every tenant's notes live in its own schema.
 * v1: a shared workspace table (the app's schema) and, per tenant, notes.
 * v2: notes gain a required `pinned` flag (default false) and, per tenant, comments belong to a note (a
 * foreign key between two tenant tables) and have an enum status.
 */
export const Workspace = resource("workspace", {
  attributes: { id: t.uuidv7().primaryKey(), name: t.string() },
  actions: { ...defaults("read", "create") },
});

export const Note1 = resource("note", {
  attributes: { id: t.uuidv7().primaryKey(), body: t.string() },
  multitenancy: { strategy: "context" },
  actions: { ...defaults("read", "create") },
});

export const Note2 = resource("note", {
  attributes: { id: t.uuidv7().primaryKey(), body: t.string(), pinned: t.boolean().default(false) },
  multitenancy: { strategy: "context" },
  actions: { ...defaults("read", "create") },
});

export const Comment2 = resource("comment", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    body: t.string(),
    status: t.enum(["open", "resolved"]).default("open"),
  },
  relationships: { note: belongsTo("note") },
  multitenancy: { strategy: "context" },
  actions: { ...defaults("read", "create") },
});

export const v1Resources: readonly AnyResource[] = [Workspace, Note1];
export const v2Resources: readonly AnyResource[] = [Workspace, Note2, Comment2];

/** An app of these resources on a data layer. */
export function appOf(resources: readonly AnyResource[], dataLayer: DataLayer) {
  return createApp({ domains: [domain("notes", { resources: [...resources] })], dataLayer });
}

/** The snapshot of a set of resources, read from an in-memory app's table specs. */
export async function snapshotOfApp(resources: readonly AnyResource[]): Promise<Snapshot> {
  const app = await appOf(resources, memory());
  try {
    return snapshotOf(resources.map((r) => app.engine.runtimeOf(r).table));
  } finally {
    await app.close();
  }
}

/** The tables of a schema, by name. */
export async function tablesOf(db: SqlClient, schema: string): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1",
    [schema],
  );
  return rows.map((r) => r.name);
}

/** The columns of a table, by name. */
export async function columnsOf(db: SqlClient, schema: string, table: string): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY 1",
    [schema, table],
  );
  return rows.map((r) => r.name);
}

/**
 * A schema's shape as data — columns (type, nullability, default, identity), indexes and constraints — with
 * the schema's own name taken out, so two tenants' schemas compare equal when they are built alike.
 */
export async function shapeOf(db: SqlClient, schema: string) {
  const columns = await db.query(
    `SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity
     FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, column_name`,
    [schema],
  );
  const indexes = await db.query(
    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY 1",
    [schema],
  );
  const constraints = await db.query(
    `SELECT c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
     JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = $1 ORDER BY 1`,
    [schema],
  );
  return JSON.parse(JSON.stringify({ columns, indexes, constraints }).replaceAll(schema, "<tenant>"));
}
