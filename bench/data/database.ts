import { migrate, type SqlClient } from "@ashlar/postgres";
import { readMigrations } from "ashlar";
import pg from "pg";
import { MIGRATIONS_DIR } from "../../examples/helpdesk/src/server/storage.js";

/** The URL of another database on the same server (the admin URL with its path replaced). */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function onAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Creates an empty database (dropping a leftover of the same name first); answers its URL. */
export async function createDatabase(adminUrl: string, database: string): Promise<string> {
  await onAdmin(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoted(database)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${quoted(database)}`);
  });
  return databaseUrl(adminUrl, database);
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  await onAdmin(adminUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoted(database)} WITH (FORCE)`),
  );
}

/** The server's version line, for the results' machine section. */
export const serverVersion = (adminUrl: string): Promise<string> =>
  onAdmin(adminUrl, async (client) =>
    String((await client.query("SHOW server_version")).rows[0]?.server_version),
  );

/** Applies the helpdesk's generated migrations (the tables every contender reads) to `public`. */
export async function migrateHelpdesk(client: SqlClient): Promise<string[]> {
  return migrate(client, "public", await readMigrations(MIGRATIONS_DIR));
}
