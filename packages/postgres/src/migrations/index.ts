export { type DiffOptions, diffSnapshots, invertRenames, type Migration, type Renames } from "./diff.js";
export {
  checkMigrations,
  lockMigrations,
  MIGRATIONS_TABLE,
  type MigrationCheck,
  type MigrationStatus,
  migrate,
  migrateDown,
  migrationStatus,
  type NamedMigration,
} from "./runner.js";
export {
  type Snapshot,
  type SnapshotColumn,
  type SnapshotForeignKey,
  type SnapshotIndex,
  type SnapshotIndexKey,
  type SnapshotTable,
  snapshotOf,
  type TenantSnapshot,
  tenantSnapshotOf,
} from "./snapshot.js";
export {
  diffTenantSnapshots,
  forTenantSchema,
  newTenantStatements,
  TENANT_SCHEMA,
  tenantSchemaName,
  tenantSchemas,
} from "./tenant-schemas.js";
