import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { migrate, pgClient, pgliteClient, type SqlClient } from "@ashlar/postgres";
import { readMigrations } from "ashlar";
import type { HelpdeskEnv } from "./env.js";

/** The helpdesk's generated migrations (`npm run ashlar -- codegen <name> --config examples/helpdesk/ashlar.config.ts`). */
export const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations", import.meta.url));

/**
 * The database: the PostgreSQL server at DATABASE_URL when set, else embedded PGlite in DATA_DIR (default
 * .data/helpdesk, created on first start and reopened after). Pending migrations are applied before serving.
 */
export async function openStorage(
  env: HelpdeskEnv,
): Promise<{ client: SqlClient; where: string; applied: string[] }> {
  let client: SqlClient;
  let where: string;
  if (env.DATABASE_URL) {
    client = pgClient({ connectionString: env.DATABASE_URL });
    where = "PostgreSQL (DATABASE_URL)";
  } else {
    const dataDir = resolve(env.DATA_DIR ?? ".data/helpdesk");
    await mkdir(dataDir, { recursive: true });
    client = await pgliteClient({ dataDir });
    where = `PGlite in ${dataDir}`;
  }
  try {
    const applied = await migrate(client, "public", await readMigrations(MIGRATIONS_DIR));
    return { client, where, applied };
  } catch (error) {
    await client.close();
    throw error;
  }
}
