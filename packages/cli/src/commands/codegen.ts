import { relative } from "node:path";
import { diffSnapshots, diffTenantSnapshots, tenantSnapshotOf } from "@ashlar/postgres";
import { loadConfig, snapshotOfConfig } from "../config.js";
import { type CommandContext, EXIT_FAILED, EXIT_OK, UsageError } from "../io.js";
import { nextMigrationName, readMigrations, readSnapshot, writeMigration } from "../migration-files.js";
import { formatRenameFlag, type RenameFlag } from "../renames/rename-flag.js";
import { resolveRenames } from "../renames/resolve-renames.js";
import { possibleRenameWarning, settleRenames } from "../renames/settle-renames.js";
import { splitRenames, withTenantTables } from "../renames/split-renames.js";

export interface CodegenOptions {
  /** The migration's name (letters, digits, _ and -); the file is `<yyyymmddhhmmss>_<name>.json`. */
  readonly name?: string;
  /** Write nothing; fail (exit 1) when the definitions differ from the last snapshot. */
  readonly check?: boolean;
  readonly config?: string;
  /**
   * Tables and columns renamed since the last snapshot (`--rename`); their data is kept. Other names that go
   * while new ones come are asked about when `io.ask` is there, and else dropped with a warning.
   */
  readonly renames?: readonly RenameFlag[];
  /** The clock for the file's timestamp (default now). */
  readonly now?: () => Date;
}

const NAME = /^[A-Za-z0-9_-]+$/;

/**
 * `ashlar codegen <name> [--check] [--rename ...]`: diffs the resources against the last snapshot and writes
 * the migration and the new snapshot, or (with --check) only reports whether one is missing. --check never
 * asks anything. The app's schema and the tenants' (context multitenancy) are diffed apart: `up`/`down` for
 * the one, `tenantUp`/`tenantDown` (for the placeholder schema "{tenant}") for every tenant's.
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
  const given = resolveRenames(options.renames ?? [], withTenantTables(last), withTenantTables(current));
  const split = splitRenames(given, last, current);
  const ask = options.check ? undefined : io.ask;
  const shared = await settleRenames(last, current, split.shared, ask);
  const perTenant = await settleRenames(tenantSnapshotOf(last), tenantSnapshotOf(current), split.tenant, ask);
  const { up, down } = diffSnapshots(last, current, { schema: config.schema, renames: shared.renames });
  const tenant = diffTenantSnapshots(last, current, { renames: perTenant.renames });
  const migration = { up, down, tenantUp: tenant.up, tenantDown: tenant.down };
  const confirmed = [...shared.confirmed, ...perTenant.confirmed];
  const warnings = [...shared.unconfirmed, ...perTenant.unconfirmed].map(possibleRenameWarning);
  const shown = relative(cwd, config.migrationsDir) || ".";
  const unchanged = up.length === 0 && tenant.up.length === 0;
  if (options.check) {
    if (unchanged) {
      io.out(`migrations are up to date with the resources (${shown})`);
      return EXIT_OK;
    }
    io.err(`the resources changed since the last migration in ${shown}; a new migration would run:`);
    for (const statement of up) io.err(`  ${statement};`);
    if (tenant.up.length > 0) io.err("and in every tenant's schema:");
    for (const statement of tenant.up) io.err(`  ${statement};`);
    for (const warning of warnings) io.err(warning);
    io.err("run `ashlar codegen <name>` to write it");
    return EXIT_FAILED;
  }
  if (unchanged) {
    io.out(`no changes: the resources match the last snapshot in ${shown}; nothing written`);
    return EXIT_OK;
  }
  const existing = (await readMigrations(config.migrationsDir)).map((m) => m.name);
  const name = nextMigrationName(existing, options.name!, (options.now ?? (() => new Date()))());
  const written = await writeMigration(config.migrationsDir, { name, ...migration }, current);
  const perTenantCount =
    tenant.up.length > 0 ? `; per tenant schema ${tenant.up.length} up, ${tenant.down.length} down` : "";
  io.out(`wrote migration ${name} (${up.length} statements up, ${down.length} down${perTenantCount}):`);
  for (const path of written) io.out(`  ${relative(cwd, path)}`);
  if (confirmed.length > 0) {
    io.out(`with the renames you confirmed (as flags: ${confirmed.map(formatRenameFlag).join(" ")})`);
  }
  if (warnings.length > 0) {
    for (const warning of warnings) io.err(warning);
    const [file, snapshot] = written.map((path) => relative(cwd, path));
    io.err(
      `to keep the data instead: delete ${file}, restore the previous ${snapshot} (e.g. git checkout -- ${snapshot}) and run codegen again with the --rename shown`,
    );
  }
  return EXIT_OK;
}
