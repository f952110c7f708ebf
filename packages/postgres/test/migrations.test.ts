import {
  checkMigrations,
  diffSnapshots,
  migrate,
  migrateDown,
  migrationStatus,
  type NamedMigration,
  pgClient,
  pgliteClient,
  type SqlClient,
} from "@ashlar/postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blogV1, blogV2, blogV3, v2Renames, v3Renames } from "./migrations-fixture.js";
import { drivers, server } from "./server.js";

/**
 * Generated migrations run on both drivers: from nothing to v1, v1 to v2 (renamed column, new columns, a column
 * made optional, a new identity), v2 to v3 (a renamed table), and back down. One client per driver for the
 * file, a schema per run, dropped at the end. The tests run in order and build on each other.
 */
const DATABASE_URL = server.url;
const run = `m${process.pid}_${Date.now().toString(36)}`;

/** The live schema as data: columns, indexes and constraints, to compare before and after. */
async function describeSchema(db: SqlClient, schema: string) {
  const columns = await db.query(
    `SELECT table_name, column_name, data_type, is_nullable, is_identity FROM information_schema.columns
     WHERE table_schema = $1 ORDER BY table_name, column_name`,
    [schema],
  );
  const indexes = await db.query(
    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY 1",
    [schema],
  );
  const constraints = await db.query(
    `SELECT c.conname, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
     JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = $1 ORDER BY 1`,
    [schema],
  );
  return { columns, indexes, constraints };
}

const sqlState = (error: unknown): unknown => (error as { code?: unknown }).code;

async function failsWith(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(sqlState(error)).toBe(code);
}

for (const [driver, make] of drivers(
  () => pgliteClient(),
  async () => pgClient({ connectionString: DATABASE_URL, max: 2 }),
)) {
  describe(`migrations on ${driver}`, () => {
    const schema = `${run}_${driver}`;
    const q = (table: string) => `"${schema}"."${table}"`;
    let db: SqlClient;
    let migrations: NamedMigration[] = [];
    let afterV1: Awaited<ReturnType<typeof describeSchema>>;
    let afterV2: Awaited<ReturnType<typeof describeSchema>>;

    beforeAll(async () => {
      db = await make();
      const [v1, v2, v3] = [await blogV1(), await blogV2(), await blogV3()];
      migrations = [
        { name: "0001_init", ...diffSnapshots(undefined, v1, { schema }) },
        { name: "0002_profiles", ...diffSnapshots(v1, v2, { schema, renames: v2Renames }) },
        { name: "0003_articles", ...diffSnapshots(v2, v3, { schema, renames: v3Renames }) },
      ];
    }, 60_000);
    afterAll(async () => {
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    });

    it("creates the schema from nothing: inserts and selects work, identities and foreign keys hold", async () => {
      expect(await migrationStatus(db, schema, migrations.slice(0, 1))).toEqual({
        applied: [],
        pending: ["0001_init"],
      });
      expect(await migrate(db, schema, migrations.slice(0, 1))).toEqual(["0001_init"]);
      expect(await migrate(db, schema, migrations.slice(0, 1))).toEqual([]);
      const [ann] = await db.query<{ id: string }>(
        `INSERT INTO ${q("author")} (id, name, email) VALUES (gen_random_uuid(), 'Ann', 'ann@example.com') RETURNING id`,
      );
      await failsWith(
        db.query(
          `INSERT INTO ${q("author")} (id, name, email) VALUES (gen_random_uuid(), 'Impostor', 'ANN@example.com')`,
        ),
        "23505",
      );
      await failsWith(
        db.query(`INSERT INTO ${q("post")} (title, "authorId") VALUES ('Lost', gen_random_uuid())`),
        "23503",
      );
      const posts = await db.query<{ id: string; title: string }>(
        `INSERT INTO ${q("post")} (title, "authorId") VALUES ('Hello', $1), ('Again', $1) RETURNING id, title`,
        [ann?.id],
      );
      // Generated ids (the failed insert above used one up).
      expect(posts.map((p) => p.title)).toEqual(["Hello", "Again"]);
      expect(Number(posts[1]?.id)).toBe(Number(posts[0]?.id) + 1);
      afterV1 = await describeSchema(db, schema);
    });

    it("migrates changed definitions and keeps the data, renamed column included", async () => {
      expect(await migrate(db, schema, migrations.slice(0, 2))).toEqual(["0002_profiles"]);
      const authors = await db.query(`SELECT "fullName", email, bio FROM ${q("author")}`);
      expect(authors).toEqual([{ fullName: "Ann", email: "ann@example.com", bio: null }]);
      await db.query(`INSERT INTO ${q("post")} (title, views) VALUES (NULL, 3)`);
      await failsWith(db.query(`INSERT INTO ${q("post")} (title) VALUES (NULL)`), "23505");
      await failsWith(db.query(`INSERT INTO ${q("post")} (title) VALUES ('Hello')`), "23505");
      // The old schema does not accept untitled posts; going back needs data it accepts.
      await db.query(`DELETE FROM ${q("post")} WHERE title IS NULL`);
      afterV2 = await describeSchema(db, schema);
    });

    it("renames a table when told to, and going down restores the schema exactly", async () => {
      expect(await migrate(db, schema, migrations)).toEqual(["0003_articles"]);
      const titles = await db.query<{ title: string }>(`SELECT title FROM ${q("article")} ORDER BY id`);
      expect(titles.map((r) => r.title)).toEqual(["Hello", "Again"]);
      await failsWith(
        db.query(`INSERT INTO ${q("article")} (title, "authorId") VALUES ('New', gen_random_uuid())`),
        "23503",
      );
      expect(await migrateDown(db, schema, migrations)).toEqual(["0003_articles"]);
      expect(await describeSchema(db, schema)).toEqual(afterV2);
    });

    it("reports status, and migrating down twice leaves it empty, v1 on the way", async () => {
      expect(await migrationStatus(db, schema, migrations)).toEqual({
        applied: ["0001_init", "0002_profiles"],
        pending: ["0003_articles"],
      });
      expect(await migrateDown(db, schema, migrations)).toEqual(["0002_profiles"]);
      expect(await describeSchema(db, schema)).toEqual(afterV1);
      expect(await db.query(`SELECT name FROM ${q("author")}`)).toEqual([{ name: "Ann" }]);
      expect(await migrateDown(db, schema, migrations, 5)).toEqual(["0001_init"]);
      const tables = await db.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = $1",
        [schema],
      );
      expect(tables.map((t) => t.table_name)).toEqual(["ashlar_migrations"]);
      expect(await migrationStatus(db, schema, migrations)).toEqual({
        applied: [],
        pending: ["0001_init", "0002_profiles", "0003_articles"],
      });
      expect(await migrate(db, schema, migrations)).toEqual(["0001_init", "0002_profiles", "0003_articles"]);
    });

    it("rolls a failing migration back whole, record included", async () => {
      const broken: NamedMigration = {
        name: "0004_broken",
        up: [`ALTER TABLE ${q("author")} ADD COLUMN "x" text`, "SELECT 1/0"],
        down: [],
      };
      await expect(migrate(db, schema, [...migrations, broken])).rejects.toThrow();
      expect((await migrationStatus(db, schema, [...migrations, broken])).pending).toEqual(["0004_broken"]);
      const columns = await db.query(
        "SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND column_name = 'x'",
        [schema],
      );
      expect(columns).toEqual([]);
    });

    it("checks that the migrations are up to date", async () => {
      const [v2, v3] = [await blogV2(), await blogV3()];
      expect(checkMigrations(v3, v3).upToDate).toBe(true);
      expect(checkMigrations(v3, v2).upToDate).toBe(false);
    });
  });
}
