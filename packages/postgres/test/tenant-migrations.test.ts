import { expr, InvalidError } from "@ashlar/core";
import {
  diffSnapshots,
  diffTenantSnapshots,
  migrate,
  migrateDown,
  migrationStatus,
  type NamedMigration,
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
  columnsOf,
  Note1,
  Note2,
  shapeOf,
  snapshotOfApp,
  tablesOf,
  v1Resources,
  v2Resources,
} from "./tenant-fixture.js";

/**
 * Per-tenant migrations on both drivers, as a deployment lives them: the first migration runs before any
 * tenant exists; two tenants are then made on first use; a second migration (a column added to a tenant table,
 * a new tenant table with a foreign key to it) is applied in both tenant schemas, reverted, applied again; a
 * third tenant made afterwards has the migrated shape. One client per driver, a schema per run, dropped (with
 * its tenant schemas) at the end. The tests run in order and build on each other.
 */
const run = `tm${process.pid}_${Date.now().toString(36)}`;

for (const [driver, make] of drivers(
  () => pgliteClient(),
  async () => pgClient({ connectionString: server.url, max: 4 }),
)) {
  describe(`per-tenant migrations on ${driver}`, () => {
    const schema = `${run}_${driver}`;
    const tenant = (name: string) => `${schema}__${name}`;
    let db: SqlClient;
    let migrations: NamedMigration[];
    /** A client for an app that must not close the shared one. */
    const borrowed = (): SqlClient => ({
      driver: db.driver,
      query: db.query.bind(db),
      transaction: db.transaction.bind(db),
      close: async () => undefined,
    });
    const layer = () => new PostgresDataLayer(borrowed(), { schema, createTables: false });

    beforeAll(async () => {
      db = await make();
      const [v1, v2] = [await snapshotOfApp(v1Resources), await snapshotOfApp(v2Resources)];
      const named = (name: string, from: typeof v1 | undefined, to: typeof v1): NamedMigration => {
        const tenantPart = diffTenantSnapshots(from, to);
        return {
          name,
          ...diffSnapshots(from, to, { schema }),
          tenantUp: tenantPart.up,
          tenantDown: tenantPart.down,
        };
      };
      migrations = [named("0001_init", undefined, v1), named("0002_comments", v1, v2)];
    }, 60_000);
    afterAll(async () => {
      for (const name of [schema, ...(await tenantSchemas(db, schema))]) {
        await db.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
      }
      await db.close();
    });

    it("the first migration makes the app's tables; tenants used afterwards get theirs on first use", async () => {
      expect(await migrate(db, schema, migrations.slice(0, 1))).toEqual(["0001_init"]);
      expect(await tablesOf(db, schema)).toEqual(["ashlar_migrations", "workspace"]);
      expect(await tenantSchemas(db, schema)).toEqual([]);
      const app = await appOf(v1Resources, layer());
      await app.engine.create(Note1, "create", { body: "acme's" }, { tenant: "acme" });
      await app.engine.create(Note1, "create", { body: "globex's" }, { tenant: "globex" });
      expect(await tenantSchemas(db, schema)).toEqual([tenant("acme"), tenant("globex")]);
      expect(await columnsOf(db, tenant("acme"), "note")).toEqual(["body", "id"]);
    });

    it("a migration changes every tenant schema and keeps their rows", async () => {
      expect(await migrate(db, schema, migrations)).toEqual(["0002_comments"]);
      for (const name of ["acme", "globex"]) {
        expect(await tablesOf(db, tenant(name))).toEqual(["comment", "note"]);
        expect(await columnsOf(db, tenant(name), "note")).toEqual(["body", "id", "pinned"]);
      }
      const app = await appOf(v2Resources, layer());
      const notes = await app.engine.read(Note2, "read", { tenant: "globex" });
      expect(notes.map((n) => [n.body, n.pinned])).toEqual([["globex's", false]]);
      // The app's schema has no tenant table: the tenant statements ran in the tenant schemas only.
      expect(await tablesOf(db, schema)).toEqual(["ashlar_migrations", "workspace"]);
    });

    it("migrating down reverts it in every tenant schema, rows kept", async () => {
      expect(await migrateDown(db, schema, migrations)).toEqual(["0002_comments"]);
      for (const name of ["acme", "globex"]) {
        expect(await tablesOf(db, tenant(name))).toEqual(["note"]);
        expect(await columnsOf(db, tenant(name), "note")).toEqual(["body", "id"]);
      }
      const app = await appOf(v1Resources, layer());
      expect((await app.engine.read(Note1, "read", { tenant: "acme" })).map((n) => n.body)).toEqual([
        "acme's",
      ]);
    });

    it("a tenant schema the migration cannot change fails it whole, naming the schema", async () => {
      await db.query(`ALTER TABLE "${tenant("globex")}"."note" ADD COLUMN "pinned" text`);
      const error = await migrate(db, schema, migrations).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain(
        `migration 0002_comments failed in tenant schema ${tenant("globex")}`,
      );
      expect((error as Error).message).toContain("pinned");
      // Nothing of it stays: not in acme (migrated before globex), not in the record.
      expect(await tablesOf(db, tenant("acme"))).toEqual(["note"]);
      expect((await migrationStatus(db, schema, migrations)).pending).toEqual(["0002_comments"]);
      await db.query(`ALTER TABLE "${tenant("globex")}"."note" DROP COLUMN "pinned"`);
    });

    it("a tenant made after the migration has the migrated shape, foreign key between tenant tables included", async () => {
      expect(await migrate(db, schema, migrations)).toEqual(["0002_comments"]);
      const app = await appOf(v2Resources, layer());
      const e = app.engine;
      const note = await e.create(Note2, "create", { body: "initech's" }, { tenant: "initech" });
      expect(await shapeOf(db, tenant("initech"))).toEqual(await shapeOf(db, tenant("acme")));
      const lost = await e
        .create(
          Comment2,
          "create",
          { body: "Lost", noteId: "01a20000-0000-7000-8000-000000000000" },
          { tenant: "initech" },
        )
        .catch((error: unknown) => error);
      expect(lost).toBeInstanceOf(InvalidError);
      expect((lost as InvalidError).errors[0]).toMatchObject({ code: "foreign_key", field: "noteId" });
      const comment = await e.create(
        Comment2,
        "create",
        { body: "Found", noteId: note.id },
        { tenant: "initech" },
      );
      expect(comment.status).toBe("open");
      // A note of another tenant is not there for initech's comments (each tenant's keys are its own).
      const [acmeNote] = await e.read(Note2, "read", { tenant: "acme" });
      await expect(
        e.create(Comment2, "create", { body: "Elsewhere", noteId: acmeNote?.id }, { tenant: "initech" }),
      ).rejects.toMatchObject({ class: "invalid" });
    });

    it("a path to another tenant table reads the same tenant's schema", async () => {
      const app = await appOf(v2Resources, layer());
      const e = app.engine;
      const [note] = await e.read(Note2, "read", { tenant: "acme" });
      await e.create(Comment2, "create", { body: "acme's comment", noteId: note?.id }, { tenant: "acme" });
      const found = await e.read(Comment2, "read", { tenant: "acme", filter: expr`note.body == "acme's"` });
      expect(found.map((c) => c.body)).toEqual(["acme's comment"]);
      expect(
        await e.read(Comment2, "read", { tenant: "initech", filter: expr`note.body == "acme's"` }),
      ).toEqual([]);
    });
  });
}
