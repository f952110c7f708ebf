/**
 * ashlar — the command line: `ashlar codegen` writes migrations from resource definitions, `ashlar migrate`
 * runs them. Every command is also a function answering an exit code and writing to an injected output.
 */
export { parseArgs, runCli, USAGE } from "./cli.js";
export { type CodegenOptions, codegen } from "./commands/codegen.js";
export {
  connect,
  type MigrateAction,
  type MigrateOptions,
  migrateCommand,
  parseMigrateAction,
} from "./commands/migrate.js";
export { type ReplayCommandOptions, replayCommand } from "./commands/replay.js";
export {
  type AshlarConfig,
  DEFAULT_CONFIG,
  loadConfig,
  type ResolvedConfig,
  snapshotOfConfig,
} from "./config.js";
export {
  type Ask,
  type CommandContext,
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  type Io,
  UsageError,
} from "./io.js";
export {
  nextMigrationName,
  readMigrations,
  readSnapshot,
  SNAPSHOT_FILE,
  timestampOf,
  writeMigration,
} from "./migration-files.js";
export { formatRenameFlag, parseRenameFlag, type RenameFlag } from "./renames/rename-flag.js";
export { resolveRenames } from "./renames/resolve-renames.js";
export {
  type PossibleRename,
  possibleRenameWarning,
  type SettledRenames,
  settleRenames,
} from "./renames/settle-renames.js";
export { type SplitRenames, splitRenames, withTenantTables } from "./renames/split-renames.js";
export { terminalPrompt } from "./terminal-prompt.js";
