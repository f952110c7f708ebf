import type { TableSpec } from "@ashlar/core";
import type { SqlClient } from "../client/client.js";
import { lockMigrations } from "../migrations/runner.js";
import { type Snapshot, snapshotOf } from "../migrations/snapshot.js";
import { newTenantStatements, tenantSchemaName } from "../migrations/tenant-schemas.js";
import { columnSqlType } from "../sql/column-types.js";
import { createTableStatements } from "./ddl.js";

/**
 * The tenants' schemas of context multitenancy, made on first use. A tenant whose schema does not exist gets
 * it with every tenant table at once, built as a migration from nothing would build it (`newTenantStatements`:
 * foreign keys between tenant tables, defaults, CHECKs, identities), so a new tenant has the current shape. An
 * existing schema is left as it is, except on the development path (`createTables`), where a tenant table
 * added since is created if missing.
 *
 * Inside a transaction every statement goes through it (PGlite is one session) and a rollback takes the new
 * schema with it, so only work done outside transactions is remembered.
 */
export class Tenants {
  private readonly ready = new Set<string>();
  private shape: Snapshot = { version: 1, tables: [] };
  private tables: readonly TableSpec[] = [];

  constructor(
    private readonly client: SqlClient,
    private readonly schema: string,
    private readonly createTables: boolean,
  ) {}

  /** Takes the app's tables; the context-multitenant ones make up every tenant's schema. */
  register(tables: readonly TableSpec[]): void {
    this.tables = tables.filter((t) => t.multitenancy === "context");
    this.shape = snapshotOf(this.tables);
  }

  /** A table's schema: the app's, or for a context-multitenant table the tenant's ("<schema>__<tenant>"). */
  schemaOf(spec: TableSpec, tenant = spec.tenant): string {
    return spec.multitenancy === "context" && tenant !== undefined
      ? tenantSchemaName(this.schema, tenant)
      : this.schema;
  }

  /** Makes sure the tenant's schema of a context-multitenant table is there (`tx`: the caller's transaction). */
  async ensure(spec: TableSpec, tx: SqlClient | undefined): Promise<void> {
    if (spec.multitenancy !== "context" || spec.tenant === undefined) return;
    const schema = this.schemaOf(spec);
    const key = this.keyOf(schema, spec.table);
    if (this.ready.has(key)) return;
    const client = tx ?? this.client;
    if (!(await schemaExists(client, schema))) {
      if (tx) await this.create(tx, schema);
      else await this.client.transaction((c) => this.create(c, schema));
      if (!tx) for (const t of this.tables) this.ready.add(this.keyOf(schema, t.table));
      return;
    }
    if (this.createTables) {
      for (const statement of createTableStatements(spec, schema, (c) => columnSqlType(c.type))) {
        await client.query(statement);
      }
    }
    if (!tx) this.ready.add(key);
  }

  /** Under the migration lock, so a running migration either migrates the new schema or never sees it. */
  private async create(tx: SqlClient, schema: string): Promise<void> {
    await lockMigrations(tx, this.schema);
    if (await schemaExists(tx, schema)) return;
    for (const statement of newTenantStatements(this.shape, schema)) await tx.query(statement);
  }

  /** Per table on the development path (tables may come later); per schema when migrations own the tables. */
  private keyOf(schema: string, table: string): string {
    return this.createTables ? `${schema}\u0000${table}` : schema;
  }
}

async function schemaExists(client: SqlClient, schema: string): Promise<boolean> {
  const rows = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
  return rows.length > 0;
}
