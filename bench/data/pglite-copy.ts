import { pgliteClient, type SqlClient } from "@ashlar/postgres";
import pg from "pg";
import { migrateHelpdesk } from "./database.js";

/** The helpdesk's tables, parents before children, with the key each is copied in order of. */
const TABLES = [
  ["org", "id"],
  ["user", "id"],
  ["tag", "id"],
  ["ticket", "id"],
  ["comment", "id"],
  ["ticketTag", "id"],
  ["event", "id"],
  ["authToken", "jti"],
] as const;

const CHUNK = 1_000;

/**
 * Makes a PGlite data directory holding exactly the server's rows: the same migrations, then every table
 * copied in key order (values as text, cast back to their column types), then ANALYZE. Answers the open
 * client and how many rows it copied.
 */
export async function copyToPglite(
  url: string,
  dataDir: string,
): Promise<{ client: SqlClient; rows: number }> {
  const target = await pgliteClient({ dataDir });
  await migrateHelpdesk(target);
  const source = new pg.Client({ connectionString: url });
  await source.connect();
  let copied = 0;
  try {
    for (const [table, key] of TABLES) {
      const columns = (
        await source.query<{ name: string; type: string }>(
          `SELECT column_name AS name, udt_name AS type FROM information_schema.columns
           WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
          [table],
        )
      ).rows;
      const names = columns.map((c) => `"${c.name}"`).join(", ");
      const asText = columns.map((c) => `"${c.name}"::text`).join(", ");
      let after: string | undefined;
      for (;;) {
        const { rows } = await source.query<unknown[]>({
          text: `SELECT ${asText} FROM "${table}" ${after === undefined ? "" : `WHERE "${key}" > $1::${columns.find((c) => c.name === key)?.type}`} ORDER BY "${key}" LIMIT ${CHUNK}`,
          values: after === undefined ? [] : [after],
          rowMode: "array",
        });
        if (!rows.length) break;
        const params: unknown[] = [];
        const tuples = rows.map(
          (row) => `(${row.map((value, i) => `$${params.push(value)}::${columns[i]?.type}`).join(", ")})`,
        );
        await target.query(`INSERT INTO "${table}" (${names}) VALUES ${tuples.join(", ")}`, params);
        copied += rows.length;
        const keyIndex = columns.findIndex((c) => c.name === key);
        after = String((rows[rows.length - 1] as unknown[])[keyIndex]);
        if (rows.length < CHUNK) break;
      }
    }
    // Identity columns carry on after the copied keys.
    await target.query(
      `SELECT setval(pg_get_serial_sequence('"event"', 'id'), coalesce(max(id), 0) + 1, false) FROM "event"`,
    );
    await target.query("ANALYZE");
  } catch (error) {
    await target.close();
    throw error;
  } finally {
    await source.end();
  }
  return { client: target, rows: copied };
}
