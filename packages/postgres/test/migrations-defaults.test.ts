import { defaults, resource, t } from "@ashlar/core";
import { diffSnapshots, migrate, pgClient, pgliteClient, type SqlClient } from "@ashlar/postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotOfResources } from "./migrations-fixture.js";
import { drivers, server } from "./server.js";

const Task1 = resource("task", {
  attributes: { id: t.uuidv7().primaryKey(), title: t.string() },
  actions: { ...defaults("read", "create") },
});
/** v2 adds required columns with constant defaults and a timestamp, to a table that already has rows. */
const Task2 = resource("task", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    title: t.string(),
    status: t.enum(["open", "done"]).default("open"),
    points: t.integer().default(0),
    urgent: t.boolean().default(false),
    tags: t.json().default(["it's"]),
    insertedAt: t.createTimestamp(),
  },
  actions: { ...defaults("read", "create") },
});
/** v3 changes one default and drops another. */
const Task3 = resource("task", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    title: t.string(),
    status: t.enum(["open", "done"]).default("done"),
    points: t.integer(),
    urgent: t.boolean().default(false),
    tags: t.json().default(["it's"]),
    insertedAt: t.createTimestamp(),
  },
  actions: { ...defaults("read", "create") },
});

describe("column defaults in migrations", () => {
  it("snapshots constant and time defaults as quoted, typed SQL; generated keys have none", async () => {
    const snapshot = await snapshotOfResources([Task2]);
    const columns = Object.fromEntries(snapshot.tables[0]?.columns.map((c) => [c.name, c.default]) ?? []);
    expect(columns).toEqual({
      id: undefined,
      title: undefined,
      status: "'open'::text",
      points: "0::bigint",
      urgent: "false",
      tags: `'["it''s"]'::jsonb`,
      insertedAt: "now()",
    });
  });

  it("checks enum values, follows value changes and column renames", async () => {
    const Before = resource("task", {
      attributes: { id: t.uuidv7().primaryKey(), state: t.enum(["open", "done"]) },
      actions: { ...defaults("read") },
    });
    const After = resource("task", {
      attributes: { id: t.uuidv7().primaryKey(), phase: t.enum(["open", "done", "won't fix"]) },
      actions: { ...defaults("read") },
    });
    const from = await snapshotOfResources([Before]);
    expect(from.tables[0]?.columns.find((c) => c.name === "state")?.values).toEqual(["open", "done"]);
    const { up } = diffSnapshots(from, await snapshotOfResources([After]), {
      schema: "s",
      renames: { columns: { task: { state: "phase" } } },
    });
    expect(up).toEqual([
      `ALTER TABLE "s"."task" RENAME COLUMN "state" TO "phase"`,
      `ALTER TABLE "s"."task" RENAME CONSTRAINT "state_values" TO "phase_values"`,
      `ALTER TABLE "s"."task" DROP CONSTRAINT "phase_values"`,
      `ALTER TABLE "s"."task" ADD CONSTRAINT "phase_values" CHECK ("phase" = ANY (ARRAY['open', 'done', 'won''t fix']::text[]))`,
    ]);
  });

  it("sets and drops defaults when they change", async () => {
    const { up, down } = diffSnapshots(
      await snapshotOfResources([Task2]),
      await snapshotOfResources([Task3]),
      { schema: "s" },
    );
    expect(up).toContain(`ALTER TABLE "s"."task" ALTER COLUMN "status" SET DEFAULT 'done'::text`);
    expect(up).toContain(`ALTER TABLE "s"."task" ALTER COLUMN "points" DROP DEFAULT`);
    expect(down).toContain(`ALTER TABLE "s"."task" ALTER COLUMN "points" SET DEFAULT 0::bigint`);
  });
});

for (const [driver, make] of drivers(
  () => pgliteClient(),
  async () => pgClient({ connectionString: server.url, max: 2 }),
)) {
  describe(`defaults let required columns join a table with rows (${driver})`, () => {
    const schema = `defaults_${process.pid}_${Date.now().toString(36)}_${driver}`;
    let db: SqlClient;
    beforeAll(async () => {
      db = await make();
    }, 60_000);
    afterAll(async () => {
      await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await db.close();
    });

    it("adds them, fills existing rows, and keeps working when a default changes", async () => {
      const v1 = await snapshotOfResources([Task1]);
      const v2 = await snapshotOfResources([Task2]);
      const v3 = await snapshotOfResources([Task3]);
      const first = { name: "001_tasks", ...diffSnapshots(undefined, v1, { schema }) };
      await migrate(db, schema, [first]);
      await db.query(`INSERT INTO "${schema}"."task" (id, title) VALUES ($1, 'old')`, [
        "01a20000-0000-7000-8000-000000000001",
      ]);
      const second = { name: "002_fields", ...diffSnapshots(v1, v2, { schema }) };
      await migrate(db, schema, [first, second]);
      const [old] = await db.query(
        `SELECT status, points::int AS points, urgent, tags, "insertedAt" IS NOT NULL AS stamped FROM "${schema}"."task"`,
      );
      expect(old).toEqual({ status: "open", points: 0, urgent: false, tags: ["it's"], stamped: true });
      // The enum's values are enforced by the database too.
      const bogus = db.query(`INSERT INTO "${schema}"."task" (id, title, status) VALUES ($1, 'x', 'bogus')`, [
        "01a20000-0000-7000-8000-000000000009",
      ]);
      await expect(bogus).rejects.toMatchObject({ code: "23514" });
      const third = { name: "003_defaults", ...diffSnapshots(v2, v3, { schema }) };
      await migrate(db, schema, [first, second, third]);
      await db.query(`INSERT INTO "${schema}"."task" (id, title, points) VALUES ($1, 'new', 3)`, [
        "01a20000-0000-7000-8000-000000000002",
      ]);
      const [fresh] = await db.query(`SELECT status FROM "${schema}"."task" WHERE title = 'new'`);
      expect(fresh?.status).toBe("done");
    });
  });
}
