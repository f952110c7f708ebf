import {
  checkMigrations,
  diffTenantSnapshots,
  newTenantStatements,
  type Snapshot,
  TENANT_SCHEMA,
} from "@ashlar/postgres";
import { describe, expect, it } from "vitest";
import { snapshotOfApp, v1Resources, v2Resources, Workspace } from "./tenant-fixture.js";

/** The tenant part of snapshots and the statements it diffs to, without a database. */
describe("tenant snapshots", () => {
  it("hold context-multitenant tables apart, with foreign keys between them", async () => {
    const v2 = await snapshotOfApp(v2Resources);
    expect(v2.tables.map((t) => t.name)).toEqual(["workspace"]);
    expect(v2.tenant?.tables.map((t) => t.name)).toEqual(["comment", "note"]);
    expect(v2.tenant?.tables[0]?.foreignKeys).toEqual([
      {
        name: "comment_noteId_fkey",
        column: "noteId",
        references: { table: "note", column: "id" },
        index: "comment_noteId_idx",
      },
    ]);
    // An app without context multitenancy writes no tenant part, so its snapshot.json stays as it was.
    expect(Object.keys(await snapshotOfApp([Workspace]))).toEqual(["version", "tables"]);
  });

  it("diff to statements for the placeholder schema, down undoing up", async () => {
    const [v1, v2] = [await snapshotOfApp(v1Resources), await snapshotOfApp(v2Resources)];
    const q = (table: string) => `"${TENANT_SCHEMA}"."${table}"`;
    const { up, down } = diffTenantSnapshots(v1, v2);
    expect(up).toEqual([
      `CREATE TABLE ${q("comment")} ("id" uuid NOT NULL, "body" text NOT NULL, "noteId" uuid, "status" text DEFAULT 'open'::text NOT NULL CONSTRAINT "status_values" CHECK ("status" = ANY (ARRAY['open', 'resolved']::text[])), CONSTRAINT "comment_pkey" PRIMARY KEY ("id"))`,
      `ALTER TABLE ${q("note")} ADD COLUMN "pinned" boolean DEFAULT false NOT NULL`,
      `ALTER TABLE ${q("comment")} ADD CONSTRAINT "comment_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES ${q("note")} ("id")`,
      `CREATE INDEX "comment_noteId_idx" ON ${q("comment")} ("noteId")`,
    ]);
    expect(down).toEqual([
      `ALTER TABLE ${q("comment")} DROP CONSTRAINT "comment_noteId_fkey"`,
      `DROP INDEX ${q("comment_noteId_idx")}`,
      `DROP TABLE ${q("comment")}`,
      `ALTER TABLE ${q("note")} DROP COLUMN "pinned"`,
    ]);
    expect(diffTenantSnapshots(v2, v2)).toEqual({ up: [], down: [] });
  });

  it("read a snapshot written before tenants were migrated as having no tenant tables", async () => {
    const v1 = await snapshotOfApp(v1Resources);
    const old: Snapshot = { version: 1, tables: v1.tables };
    expect(diffTenantSnapshots(old, v1)).toEqual(diffTenantSnapshots(undefined, v1));
    expect(diffTenantSnapshots(old, v1).up[0]).toMatch(/^CREATE TABLE "\{tenant\}"\."note"/);
  });

  it("count in checkMigrations: a change to tenant tables alone is a missing migration", async () => {
    const [v1, v2] = [await snapshotOfApp(v1Resources), await snapshotOfApp(v2Resources)];
    const sharedUpToDate = { ...v2, tenant: v1.tenant } as Snapshot;
    const check = checkMigrations(v2, sharedUpToDate);
    expect(check.upToDate).toBe(false);
    expect(check.missing).toEqual([]);
    expect(check.missingPerTenant).toEqual(diffTenantSnapshots(v1, v2).up);
    expect(checkMigrations(v2, v2)).toEqual({ upToDate: true, missing: [], missingPerTenant: [] });
  });

  it("build a new tenant's schema as a migration from nothing would", async () => {
    const v2 = await snapshotOfApp(v2Resources);
    const statements = newTenantStatements(v2, "app__acme");
    expect(statements[0]).toBe('CREATE SCHEMA "app__acme"');
    expect(statements.slice(1).join("\n")).toBe(
      diffTenantSnapshots(undefined, v2).up.join("\n").replaceAll('"{tenant}".', '"app__acme".'),
    );
  });
});
