import {
  diffSnapshots,
  forTenantSchema,
  migrate,
  PostgresDataLayer,
  pgClient,
  pgliteClient,
  type SqlClient,
  tenantSchemas,
} from "@ashlar/postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drivers, server } from "./server.js";
import {
  appOf,
  Comment2,
  Note1,
  Note2,
  snapshotOfApp,
  tablesOf,
  v1Resources,
  v2Resources,
  Workspace,
} from "./tenant-fixture.js";

/**
 * The data layer's side of tenant schemas: `createTables: false` (migrations own the tables), a new tenant's
 * schema made whole on first use — inside the caller's transaction, forgotten when that rolls back, once when
 * several callers meet it at the same time — and the development path for a tenant table added later. Each
 * test uses its own schema; all are dropped at the end.
 */
const run = `ts${process.pid}_${Date.now().toString(36)}`;

describe("tenant statements", () => {
  it("name each tenant's schema literally, whatever its name holds", () => {
    const statements = ['ALTER TABLE "{tenant}"."note" ADD COLUMN "x" text', 'DROP INDEX "{tenant}"."a"'];
    expect(forTenantSchema(statements, 'app__a$&"b')).toEqual([
      'ALTER TABLE "app__a$&""b"."note" ADD COLUMN "x" text',
      'DROP INDEX "app__a$&""b"."a"',
    ]);
  });
});

for (const [driver, make] of drivers(
  () => pgliteClient(),
  async () => pgClient({ connectionString: server.url, max: 4 }),
)) {
  describe(`tenant schemas on ${driver}`, () => {
    let db: SqlClient;
    let schemas = 0;
    const nextSchema = () => `${run}_${driver}_${++schemas}`;
    const borrowed = (): SqlClient => ({
      driver: db.driver,
      query: db.query.bind(db),
      transaction: db.transaction.bind(db),
      close: async () => undefined,
    });

    beforeAll(async () => {
      db = await make();
    }, 60_000);
    afterAll(async () => {
      const rows = await db.query<{ nspname: string }>(
        "SELECT nspname FROM pg_namespace WHERE nspname LIKE $1",
        [`${run}%`],
      );
      for (const { nspname } of rows) await db.query(`DROP SCHEMA "${nspname}" CASCADE`);
      await db.close();
    });

    it("createTables: false leaves the app's schema without tables until migrations run", async () => {
      const schema = nextSchema();
      const app = await appOf(
        v2Resources,
        new PostgresDataLayer(borrowed(), { schema, createTables: false }),
      );
      expect(await tablesOf(db, schema)).toEqual([]);
      await expect(app.engine.create(Workspace, "create", { name: "HQ" })).rejects.toThrow(/workspace/);
      const v2 = await snapshotOfApp(v2Resources);
      await migrate(db, schema, [{ name: "0001_init", ...diffSnapshots(undefined, v2, { schema }) }]);
      expect(await tablesOf(db, schema)).toEqual(["ashlar_migrations", "workspace"]);
      await app.engine.create(Workspace, "create", { name: "HQ" });
      expect((await app.engine.read(Workspace, "read")).map((w) => w.name)).toEqual(["HQ"]);
    });

    it("createTables: false still makes a new tenant's schema, with every tenant table", async () => {
      const schema = nextSchema();
      const app = await appOf(
        v2Resources,
        new PostgresDataLayer(borrowed(), { schema, createTables: false }),
      );
      await app.engine.create(Note2, "create", { body: "first" }, { tenant: "acme" });
      expect(await tablesOf(db, `${schema}__acme`)).toEqual(["comment", "note"]);
      expect(await tablesOf(db, schema)).toEqual([]);
    });

    it("a tenant first met in a transaction is made in it, and gone again when it rolls back", async () => {
      const schema = nextSchema();
      const app = await appOf(v2Resources, new PostgresDataLayer(borrowed(), { schema }));
      const e = app.engine;
      const failed = e
        .transaction(async () => {
          await e.create(Note2, "create", { body: "doomed" }, { tenant: "acme" });
          expect(await e.read(Note2, "read", { tenant: "acme" })).toHaveLength(1);
          throw new Error("roll back");
        })
        .catch((error: unknown) => error);
      expect(await failed).toMatchObject({ message: "roll back" });
      expect(await tenantSchemas(db, schema)).toEqual([]);
      // Not remembered as made: the next use makes it again.
      await e.create(Note2, "create", { body: "kept" }, { tenant: "acme" });
      expect((await e.read(Note2, "read", { tenant: "acme" })).map((n) => n.body)).toEqual(["kept"]);
    });

    it("callers meeting a new tenant at the same time make its schema once", async () => {
      const schema = nextSchema();
      const app = await appOf(v2Resources, new PostgresDataLayer(borrowed(), { schema }));
      const bodies = ["a", "b", "c", "d", "e", "f"];
      await Promise.all(
        bodies.map((body) => app.engine.create(Note2, "create", { body }, { tenant: "rush" })),
      );
      const notes = await app.engine.read(Note2, "read", { tenant: "rush", sort: ["body"] });
      expect(notes.map((n) => n.body)).toEqual(bodies);
    });

    it("on the development path, a tenant table added later is made in an existing tenant schema", async () => {
      const schema = nextSchema();
      const v1 = await appOf(v1Resources, new PostgresDataLayer(borrowed(), { schema }));
      const note = await v1.engine.create(Note1, "create", { body: "old" }, { tenant: "acme" });
      expect(await tablesOf(db, `${schema}__acme`)).toEqual(["note"]);
      const v2 = await appOf(v2Resources, new PostgresDataLayer(borrowed(), { schema }));
      await v2.engine.create(Comment2, "create", { body: "new", noteId: note.id }, { tenant: "acme" });
      expect(await tablesOf(db, `${schema}__acme`)).toEqual(["comment", "note"]);
    });

    it("lists only the app's tenant schemas: _ in the app's schema name is not a wildcard", async () => {
      const schema = nextSchema();
      const lookalike = `${schema.replaceAll("_", "x")}__other`;
      await db.query(`CREATE SCHEMA "${schema}__acme"`);
      await db.query(`CREATE SCHEMA "${lookalike}"`);
      try {
        expect(await tenantSchemas(db, schema)).toEqual([`${schema}__acme`]);
      } finally {
        await db.query(`DROP SCHEMA "${lookalike}"`);
      }
    });
  });
}
