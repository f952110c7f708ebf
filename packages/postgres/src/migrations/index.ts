export { type DiffOptions, diffSnapshots, invertRenames, type Migration, type Renames } from "./diff.js";
export {
  checkMigrations,
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
} from "./snapshot.js";
