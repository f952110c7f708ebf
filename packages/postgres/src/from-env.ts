import { pgClient } from "./client/pg.js";
import { pgliteClient } from "./client/pglite.js";
import { PostgresDataLayer, type PostgresOptions } from "./layer/postgres-data-layer.js";

/**
 * The data layer a deployment asks for, by one environment variable: with `DATABASE_URL`, that PostgreSQL
 * server (a pool); without it, embedded PGlite in `dataDir` (default `DATA_DIR`, else `.data/app`), created on
 * first start and reopened after.
 *
 * @example const app = await createApp({ domains: [Support], dataLayer: await postgresFromEnv({ schema: "app" }) });
 */
export async function postgresFromEnv(
  options: PostgresOptions & { dataDir?: string; env?: Readonly<Record<string, string | undefined>> } = {},
): Promise<PostgresDataLayer> {
  const env = options.env ?? process.env;
  const url = env.DATABASE_URL;
  const client = url
    ? pgClient({ connectionString: url })
    : await pgliteClient({ dataDir: options.dataDir ?? env.DATA_DIR ?? ".data/app" });
  const { schema, createTables } = options;
  return new PostgresDataLayer(client, {
    ...(schema ? { schema } : {}),
    ...(createTables === undefined ? {} : { createTables }),
  });
}
