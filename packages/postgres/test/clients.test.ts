import { pgClient, pgliteClient, type SqlClient } from "@ashlar/postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { drivers, server } from "./server.js";

const DATABASE_URL = server.url;

/** The same behaviour from both drivers. */
for (const [name, make] of drivers(
  () => pgliteClient(),
  async () => pgClient({ connectionString: DATABASE_URL, max: 2 }),
)) {
  describe(`${name} client`, () => {
    let db: SqlClient;
    const table = `client_test_${process.pid}_${name}`;
    beforeAll(async () => {
      db = await make();
      await db.query(`DROP TABLE IF EXISTS ${table}`);
      await db.query(`CREATE TABLE ${table} (id int primary key, label text)`);
    });
    afterAll(async () => {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
      await db.close();
    });

    it("runs parameterised queries; input is data, never SQL", async () => {
      await db.query(`INSERT INTO ${table} (id, label) VALUES ($1, $2)`, [1, "x'); DROP TABLE pg_class; --"]);
      const rows = await db.query<{ label: string }>(
        `SELECT label FROM ${table} WHERE id = $1`,
        [1],
        "by_id",
      );
      expect(rows[0]?.label).toBe("x'); DROP TABLE pg_class; --");
    });

    it("commits, rolls back, and rolls back to savepoints", async () => {
      await db.transaction(async (tx) => {
        await tx.query(`INSERT INTO ${table} VALUES (2, 'kept')`);
        await expect(
          tx.transaction(async (sp) => {
            await sp.query(`INSERT INTO ${table} VALUES (3, 'undone')`);
            throw new Error("inner");
          }),
        ).rejects.toThrow("inner");
      });
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`INSERT INTO ${table} VALUES (4, 'lost')`);
          throw new Error("outer");
        }),
      ).rejects.toThrow("outer");
      const ids = (await db.query<{ id: number }>(`SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id);
      expect(ids).toEqual([1, 2]);
    });

    it("answers intervals in ISO-8601 and times in UTC, whatever the server's defaults", async () => {
      const [row] = await db.query<{ i: string; t: string }>(
        "SELECT '1 day 2 hours'::interval::text AS i, '2026-11-22 10:00:00+02'::timestamptz::text AS t",
      );
      expect(row).toEqual({ i: "P1DT2H", t: "2026-11-22 08:00:00+00" });
    });
  });
}
