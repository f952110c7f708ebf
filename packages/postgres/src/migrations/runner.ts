import type { SqlClient } from "../client/client.js";
import { qualifiedName, quoteIdent } from "../sql/params.js";
import { diffSnapshots } from "./diff.js";
import type { Snapshot } from "./snapshot.js";

/** A migration as the runner takes it: a unique name (they run in list order) and its statements. */
export interface NamedMigration {
  readonly name: string;
  readonly up: readonly string[];
  readonly down: readonly string[];
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
 * `ashlar_migrations` (so a failing migration leaves neither its changes nor its record). Concurrent runners
 * queue on an advisory lock and skip what another already applied. Answers the names applied now.
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
      await lock(tx, schema);
      if ((await appliedNames(tx, schema)).has(migration.name)) return false;
      for (const statement of migration.up) await tx.query(statement);
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
 * removal of its record. Answers the names reverted.
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
      await lock(tx, schema);
      const applied = await appliedNames(tx, schema);
      const last = [...migrations].reverse().find((m) => applied.has(m.name));
      if (!last) return undefined;
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
  /** True when the resources need no migration beyond those written. */
  readonly upToDate: boolean;
  /** The statements a new migration would hold (schema "public"); empty when up to date. */
  readonly missing: string[];
}

/**
 * Whether the snapshot of the resources as they are now equals the last snapshot the migrations were generated
 * from (`ashlar codegen --check` in CI: fail when someone changed a resource and did not generate a migration).
 */
export function checkMigrations(current: Snapshot, lastInMigrations: Snapshot | undefined): MigrationCheck {
  const { up } = diffSnapshots(lastInMigrations, current);
  return { upToDate: up.length === 0, missing: up };
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

/** One migrator per schema at a time (released when the transaction ends). */
async function lock(tx: SqlClient, schema: string): Promise<void> {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`ashlar_migrations:${schema}`]);
}
