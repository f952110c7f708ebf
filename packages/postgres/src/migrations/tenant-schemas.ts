import type { SqlClient } from "../client/client.js";
import { quoteIdent } from "../sql/params.js";
import { type DiffOptions, diffSnapshots, type Migration } from "./diff.js";
import { type Snapshot, tenantSnapshotOf } from "./snapshot.js";

/**
 * Context multitenancy keeps each tenant's rows in a schema of its own, `<schema>__<tenant>`, all of the same
 * shape (the snapshot's `tenant` part). A migration's tenant statements are written once, for this placeholder
 * schema, and run in every tenant's schema: `ALTER TABLE "{tenant}"."note" ADD COLUMN ...`.
 */
export const TENANT_SCHEMA = "{tenant}";

const PLACEHOLDER = `${quoteIdent(TENANT_SCHEMA)}.`;

/** The schema of one tenant of the app whose schema is `schema`. */
export const tenantSchemaName = (schema: string, tenant: string): string => `${schema}__${tenant}`;

/**
 * The statements migrating every tenant's schema from `from` to `to` (their `tenant` parts), for the
 * placeholder schema; `renames` name tables and columns of the tenant part.
 */
export function diffTenantSnapshots(
  from: Snapshot | undefined,
  to: Snapshot,
  options: Pick<DiffOptions, "renames"> = {},
): Migration {
  return diffSnapshots(tenantSnapshotOf(from), tenantSnapshotOf(to), { ...options, schema: TENANT_SCHEMA });
}

/** Tenant statements (written for the placeholder) for one tenant's schema. */
export function forTenantSchema(statements: readonly string[], schema: string): string[] {
  const quoted = `${quoteIdent(schema)}.`;
  // A function, so `$&` and the like in a tenant's name stay literal.
  return statements.map((s) => s.replaceAll(PLACEHOLDER, () => quoted));
}

/**
 * The statements that build a new tenant's schema with every tenant table of `snapshot`, as migrating from
 * nothing would (foreign keys between tenant tables, defaults, enum CHECKs, identities).
 */
export function newTenantStatements(snapshot: Snapshot, schema: string): string[] {
  return [
    `CREATE SCHEMA ${quoteIdent(schema)}`,
    ...diffSnapshots(undefined, tenantSnapshotOf(snapshot), { schema }).up,
  ];
}

/** The tenant schemas that exist for the app's `schema` (every `<schema>__*`), by name. */
export async function tenantSchemas(client: SqlClient, schema: string): Promise<string[]> {
  const pattern = `${escapeLike(`${schema}__`)}%`;
  const rows = await client.query<{ name: string }>(
    "SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1 ESCAPE '\\' ORDER BY nspname",
    [pattern],
  );
  return rows.map((r) => r.name);
}

/** A LIKE pattern matching `text` literally: `_`, `%` and the escape character itself are escaped. */
const escapeLike = (text: string): string => text.replace(/[\\_%]/g, (c) => `\\${c}`);
