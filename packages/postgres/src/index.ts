/**
 * @ashlar/postgres — the Postgres data layer (in progress): drivers for embedded PGlite and PostgreSQL servers.
 */
export { SESSION_SETTINGS, SESSION_SETUP, type SqlClient, type SqlRow } from "./client/client.js";
export { pgClient } from "./client/pg.js";
export { pgliteClient } from "./client/pglite.js";
export { postgresFromEnv } from "./from-env.js";
export { PostgresDataLayer, type PostgresOptions } from "./layer/postgres-data-layer.js";
export {
  checkMigrations,
  type DiffOptions,
  diffSnapshots,
  diffTenantSnapshots,
  forTenantSchema,
  invertRenames,
  lockMigrations,
  MIGRATIONS_TABLE,
  type Migration,
  type MigrationCheck,
  type MigrationStatus,
  migrate,
  migrateDown,
  migrationStatus,
  type NamedMigration,
  newTenantStatements,
  type Renames,
  type Snapshot,
  type SnapshotColumn,
  type SnapshotForeignKey,
  type SnapshotIndex,
  type SnapshotIndexKey,
  type SnapshotTable,
  snapshotOf,
  TENANT_SCHEMA,
  type TenantSnapshot,
  tenantSchemaName,
  tenantSchemas,
  tenantSnapshotOf,
} from "./migrations/index.js";
export {
  ASHLAR_ERROR_SQLSTATE,
  ashlarErrorFunctionSql,
  type Compiled,
  columnSqlType,
  compileExpr,
  compileSort,
  compileTyped,
  expressionErrorOf,
  jsonOf,
  qualifiedName,
  quoteIdent,
  SqlCompilation,
  type SqlCompilationOptions,
  type SqlFunction,
  type SqlFunctionContext,
  SqlParams,
  type SqlScope,
  sqlFunctions,
  textOf,
  type ValueType,
  valueTypeOf,
} from "./sql/index.js";
