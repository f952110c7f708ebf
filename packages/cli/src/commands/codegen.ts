import { relative } from "node:path";
import { diffSnapshots } from "@ashlar/postgres";
import { loadConfig, snapshotOfConfig } from "../config.js";
import { type CommandContext, EXIT_FAILED, EXIT_OK, UsageError } from "../io.js";
import { nextMigrationName, readMigrations, readSnapshot, writeMigration } from "../migration-files.js";

export interface CodegenOptions {
  /** The migration's name (letters, digits, _ and -); the file is `<yyyymmddhhmmss>_<name>.json`. */
  readonly name?: string;
  /** Write nothing; fail (exit 1) when the definitions differ from the last snapshot. */
  readonly check?: boolean;
  readonly config?: string;
  /** The clock for the file's timestamp (default now). */
  readonly now?: () => Date;
}

const NAME = /^[A-Za-z0-9_-]+$/;

/**
 * `ashlar codegen <name> [--check]`: diffs the resources against the last snapshot and writes the migration
 * and the new snapshot, or (with --check) only reports whether one is missing.
 */
export async function codegen(options: CodegenOptions, context: CommandContext): Promise<number> {
  const { io } = context;
  const cwd = context.cwd ?? process.cwd();
  if (!options.check && options.name === undefined) {
    throw new UsageError(
      "codegen needs a migration name: ashlar codegen <name> (e.g. ashlar codegen add_posts)",
    );
  }
  if (options.name !== undefined && !NAME.test(options.name)) {
    throw new UsageError(
      `bad migration name ${JSON.stringify(options.name)}: use letters, digits, _ and - (e.g. add_posts)`,
    );
  }
  const config = await loadConfig(options.config, cwd);
  const current = await snapshotOfConfig(config);
  const last = await readSnapshot(config.migrationsDir);
  const migration = diffSnapshots(last, current, { schema: config.schema });
  const shown = relative(cwd, config.migrationsDir) || ".";
  if (options.check) {
    if (migration.up.length === 0) {
      io.out(`migrations are up to date with the resources (${shown})`);
      return EXIT_OK;
    }
    io.err(`the resources changed since the last migration in ${shown}; a new migration would run:`);
    for (const statement of migration.up) io.err(`  ${statement};`);
    io.err("run `ashlar codegen <name>` to write it");
    return EXIT_FAILED;
  }
  if (migration.up.length === 0) {
    io.out(`no changes: the resources match the last snapshot in ${shown}; nothing written`);
    return EXIT_OK;
  }
  const existing = (await readMigrations(config.migrationsDir)).map((m) => m.name);
  const name = nextMigrationName(existing, options.name!, (options.now ?? (() => new Date()))());
  const written = await writeMigration(config.migrationsDir, { name, ...migration }, current);
  io.out(`wrote migration ${name} (${migration.up.length} statements up, ${migration.down.length} down):`);
  for (const path of written) io.out(`  ${relative(cwd, path)}`);
  return EXIT_OK;
}
