import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import {
  migrate,
  migrateDown,
  migrationStatus,
  pgClient,
  pgliteClient,
  type SqlClient,
  tenantSchemas,
} from "@ashlar/postgres";
import { loadConfig } from "../config.js";
import { type CommandContext, EXIT_OK, UsageError } from "../io.js";
import { readMigrations } from "../migration-files.js";

export type MigrateAction =
  | { readonly kind: "up" }
  | { readonly kind: "down"; readonly steps: number }
  | {
      readonly kind: "status";
    };

export interface MigrateOptions {
  readonly action: MigrateAction;
  readonly config?: string;
}

/** Parses `[up|down [steps]|status]`; anything else is a UsageError saying what is accepted. */
export function parseMigrateAction(args: readonly string[]): MigrateAction {
  const [sub = "up", steps, ...rest] = args;
  const usage = "usage: ashlar migrate [up | down [steps] | status]";
  if (sub === "up" || sub === "status") {
    if (steps !== undefined)
      throw new UsageError(`migrate ${sub} takes no argument (got ${steps}); ${usage}`);
    return { kind: sub };
  }
  if (sub === "down") {
    if (rest.length > 0) throw new UsageError(`too many arguments for migrate down; ${usage}`);
    if (steps === undefined) return { kind: "down", steps: 1 };
    if (!/^[1-9]\d*$/.test(steps)) {
      throw new UsageError(
        `bad steps ${JSON.stringify(steps)}: give a whole number of migrations ≥ 1 to revert`,
      );
    }
    return { kind: "down", steps: Number(steps) };
  }
  throw new UsageError(`unknown migrate command ${JSON.stringify(sub)}; ${usage}`);
}

/** The database: DATABASE_URL when set (a pool), else PGlite in DATA_DIR (default .data/app). */
export async function connect(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): Promise<{ client: SqlClient; where: string }> {
  const url = env.DATABASE_URL;
  if (url) return { client: pgClient({ connectionString: url, max: 1 }), where: "DATABASE_URL" };
  const dataDir = resolve(cwd, env.DATA_DIR || ".data/app");
  await mkdir(dataDir, { recursive: true });
  return { client: await pgliteClient({ dataDir }), where: `PGlite in ${dataDir}` };
}

/**
 * `ashlar migrate [up|down [steps]|status]`: runs the migration files of the config's dir, their tenant
 * statements in every tenant schema (`<schema>__*`) there is.
 */
export async function migrateCommand(options: MigrateOptions, context: CommandContext): Promise<number> {
  const { io } = context;
  const cwd = context.cwd ?? process.cwd();
  const config = await loadConfig(options.config, cwd);
  const migrations = await readMigrations(config.migrationsDir);
  const { client, where } = await connect(context.env ?? process.env, cwd);
  try {
    const { action } = options;
    const tenants = async () => {
      const count = (await tenantSchemas(client, config.schema)).length;
      return count === 0 ? "" : ` and its ${count} tenant schema(s)`;
    };
    if (action.kind === "up") {
      const applied = await migrate(client, config.schema, migrations);
      io.out(
        applied.length === 0
          ? `nothing to apply: schema ${config.schema} is up to date (${where})`
          : `applied ${applied.length} migration(s) to schema ${config.schema}${await tenants()} (${where}):`,
      );
      for (const name of applied) io.out(`  ${name}`);
    } else if (action.kind === "down") {
      const reverted = await migrateDown(client, config.schema, migrations, action.steps);
      io.out(
        reverted.length === 0
          ? `nothing to revert: no migration is applied in schema ${config.schema} (${where})`
          : `reverted ${reverted.length} migration(s) in schema ${config.schema}${await tenants()} (${where}):`,
      );
      for (const name of reverted) io.out(`  ${name}`);
    } else {
      const status = await migrationStatus(client, config.schema, migrations);
      io.out(
        `schema ${config.schema}${await tenants()} (${where}): ${status.applied.length} applied, ${status.pending.length} pending`,
      );
      for (const name of status.applied) io.out(`  applied  ${name}`);
      for (const name of status.pending) io.out(`  pending  ${name}`);
    }
    return EXIT_OK;
  } finally {
    await client.close();
  }
}
