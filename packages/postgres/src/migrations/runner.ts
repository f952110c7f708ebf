import type { SqlClient } from "../client/client.js";
import { qualifiedName, quoteIdent } from "../sql/params.js";
import { diffSnapshots } from "./diff.js";
import type { Snapshot } from "./snapshot.js";
import { diffTenantSnapshots, forTenantSchema, tenantSchemas } from "./tenant-schemas.js";

/** A migration as the runner takes it: a unique name (they run in list order) and its statements. */
export interface NamedMigration {
  readonly name: string;
  readonly up: readonly string[];
  readonly down: readonly string[];
  /**
   * Statements for every tenant's schema (context multitenancy), written for the placeholder schema
   * `TENANT_SCHEMA` ("{tenant}"): `up` runs them in each existing `<schema>__*` schema after `up`, and `down`
   * runs `tenantDown` in each before `down`, in the same transaction.
   */
  readonly tenantUp?: readonly string[];
  readonly tenantDown?: readonly string[];
}

export interface MigrationStatus {
  /** Applied migrations, in list order. */
  readonly applied: string[];
  /** Migrations still to run, in the order `migrate` runs them. */
  readonly pending: string[];
}

/** The table that records applied migrations, in the schema migrated. */
export const MIGRATIONS_TABLE = "ashlar_migrations";

/**
 * Applies the migrations not yet applied, in list order, each in its own transaction together with its row in
 * `ashlar_migrations` and its tenant statements in every tenant schema (so a failing migration leaves neither
 * its changes, in any schema, nor its record). Concurrent runners queue on an advisory lock and skip what
 * another already applied. Answers the names applied now.
 */
export async function migrate(
  client: SqlClient,
  schema: string,
  migrations: readonly NamedMigration[],
): Promise<string[]> {
  checkNames(migrations);
  await ensureTable(client, schema);
  const done: string[] = [];
  for (const migration of migrations) {
    const ran = await client.transaction(async (tx) => {
      await lockMigrations(tx, schema);
      if ((await appliedNames(tx, schema)).has(migration.name)) return false;
      for (const statement of migration.up) await tx.query(statement);
      await inEveryTenant(tx, schema, migration.name, migration.tenantUp);
      await tx.query(`INSERT INTO ${qualifiedName(MIGRATIONS_TABLE, schema)} (name) VALUES ($1)`, [
        migration.name,
      ]);
      return true;
    });
    if (ran) done.push(migration.name);
  }
  return done;
}

/**
 * Reverts the last `steps` applied migrations (last in list order first), each in its own transaction with the
 * removal of its record, tenant schemas first. Answers the names reverted.
 */
export async function migrateDown(
  client: SqlClient,
  schema: string,
  migrations: readonly NamedMigration[],
  steps = 1,
): Promise<string[]> {
  checkNames(migrations);
  if (!(await tableExists(client, schema))) return [];
  const undone: string[] = [];
  for (let i = 0; i < steps; i++) {
    const name = await client.transaction(async (tx) => {
      await lockMigrations(tx, schema);
      const applied = await appliedNames(tx, schema);
      const last = [...migrations].reverse().find((m) => applied.has(m.name));
      if (!last) return undefined;
      await inEveryTenant(tx, schema, last.name, last.tenantDown);
      for (const statement of last.down) await tx.query(statement);
      await tx.query(`DELETE FROM ${qualifiedName(MIGRATIONS_TABLE, schema)} WHERE name = $1`, [last.name]);
      return last.name;
    });
    if (name === undefined) break;
    undone.push(name);
  }
  return undone;
}

/** Which migrations are applied and which are pending. Creates nothing. */
export async function migrationStatus(
  client: SqlClient,
  schema: string,
  migrations: readonly NamedMigration[],
): Promise<MigrationStatus> {
  checkNames(migrations);
  const applied = (await tableExists(client, schema))
    ? await appliedNames(client, schema)
    : new Set<string>();
  return {
    applied: migrations.filter((m) => applied.has(m.name)).map((m) => m.name),
    pending: migrations.filter((m) => !applied.has(m.name)).map((m) => m.name),
  };
}

export interface MigrationCheck {
  /** True when the resources need no migration beyond those written, for the app's schema and the tenants'. */
  readonly upToDate: boolean;
  /** The statements a new migration would hold (schema "public"); empty when up to date. */
  readonly missing: string[];
  /** Its statements for every tenant schema (for the placeholder schema `TENANT_SCHEMA`). */
  readonly missingPerTenant: string[];
}

/**
 * Whether the snapshot of the resources as they are now equals the last snapshot the migrations were generated
 * from (`ashlar codegen --check` in CI: fail when someone changed a resource and did not generate a migration).
 */
export function checkMigrations(current: Snapshot, lastInMigrations: Snapshot | undefined): MigrationCheck {
  const { up } = diffSnapshots(lastInMigrations, current);
  const perTenant = diffTenantSnapshots(lastInMigrations, current).up;
  return { upToDate: up.length === 0 && perTenant.length === 0, missing: up, missingPerTenant: perTenant };
}

/**
 * Runs a migration's tenant statements in every tenant schema that exists now (listed under the migration
 * lock, which creating a tenant takes too, so none is half-made or missed). A failure names the schema.
 */
async function inEveryTenant(
  tx: SqlClient,
  schema: string,
  migration: string,
  statements: readonly string[] | undefined,
): Promise<void> {
  if (!statements?.length) return;
  for (const tenantSchema of await tenantSchemas(tx, schema)) {
    for (const statement of forTenantSchema(statements, tenantSchema)) {
      try {
        await tx.query(statement);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(
          `migration ${migration} failed in tenant schema ${tenantSchema}: ${message} (running: ${statement}). Nothing of the migration was applied, in any schema; fix that schema or the migration and migrate again`,
          { cause: error },
        );
      }
    }
  }
}

function checkNames(migrations: readonly NamedMigration[]): void {
  const seen = new Set<string>();
  for (const m of migrations) {
    if (seen.has(m.name)) throw new Error(`two migrations are named ${JSON.stringify(m.name)}`);
    seen.add(m.name);
  }
}

async function ensureTable(client: SqlClient, schema: string): Promise<void> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${qualifiedName(MIGRATIONS_TABLE, schema)} (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
}

async function tableExists(client: SqlClient, schema: string): Promise<boolean> {
  const [row] = await client.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [
    qualifiedName(MIGRATIONS_TABLE, schema),
  ]);
  return row?.t !== null && row?.t !== undefined;
}

async function appliedNames(client: SqlClient, schema: string): Promise<Set<string>> {
  const rows = await client.query<{ name: string }>(
    `SELECT name FROM ${qualifiedName(MIGRATIONS_TABLE, schema)}`,
  );
  return new Set(rows.map((r) => r.name));
}

/**
 * One migrator per schema at a time (released when the transaction ends). The data layer takes it too while it
 * creates a tenant's schema, so a migration never misses a tenant nor meets a half-made one.
 */
export async function lockMigrations(tx: SqlClient, schema: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`ashlar_migrations:${schema}`]);
}
