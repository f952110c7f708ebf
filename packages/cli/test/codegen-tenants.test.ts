import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type AnyDomain, createApp } from "@ashlar/core";
import { PostgresDataLayer, tenantSchemas } from "@ashlar/postgres";
import { connect, runCli } from "ashlar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { server } from "../../postgres/test/server.js";
import { SCHEMA } from "./fixtures/schema.js";

/**
 * Context multitenancy in the CLI: codegen writes `tenantUp`/`tenantDown` beside `up`/`down`, `--check` sees a
 * change to tenant tables alone, `--rename` reaches tenant columns, and `migrate` runs the tenant statements in
 * every tenant schema. The fixtures are versions of one app: a shared workspace table and notes per tenant.
 */
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/tenants/${name}`, import.meta.url));
const V1 = fixture("notes-v1.config.ts");
const V2 = fixture("notes-v2.config.ts");
const RENAMED = fixture("notes-renamed.config.ts");
const SHARED = fixture("notes-shared.config.ts");
const note = (rest: string) => `"{tenant}"."note"${rest}`;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "ashlar-tenants-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function cli(argv: string[], cwd: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { io: { out: (l) => out.push(l), err: (l) => err.push(l) }, cwd, env });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function initialized(name: string): Promise<string> {
  const cwd = join(tmp, name);
  const init = await cli(["codegen", "init", "--config", V1], cwd);
  expect(init).toMatchObject({ code: 0, err: "" });
  return cwd;
}

/** The migration files, as JSON, in name order. */
async function migrationsIn(cwd: string) {
  const files = (await readdir(join(cwd, "migrations"))).filter((f) => f !== "snapshot.json").sort();
  return Promise.all(
    files.map(async (f) => JSON.parse(await readFile(join(cwd, "migrations", f), "utf8"))),
  ) as Promise<{ name: string; up: string[]; down: string[]; tenantUp: string[]; tenantDown: string[] }[]>;
}

describe("ashlar codegen with tenant tables", () => {
  it("writes tenantUp and tenantDown for the placeholder schema; up and down hold the app's tables only", async () => {
    const cwd = await initialized("init");
    const [init] = await migrationsIn(cwd);
    expect(init?.up).toHaveLength(1);
    expect(init?.up[0]).toMatch(new RegExp(`^CREATE TABLE "${SCHEMA}"\\."workspace"`));
    expect(init?.tenantUp).toEqual([
      `CREATE TABLE ${note("")} ("id" uuid NOT NULL, "body" text NOT NULL, CONSTRAINT "note_pkey" PRIMARY KEY ("id"))`,
    ]);
    expect(init?.tenantDown).toEqual([`DROP TABLE ${note("")}`]);
    const snapshot = JSON.parse(await readFile(join(cwd, "migrations", "snapshot.json"), "utf8"));
    expect(snapshot.tenant.tables.map((t: { name: string }) => t.name)).toEqual(["note"]);
  });

  it("--check fails on a change to tenant tables alone, listing it; codegen then writes only tenant statements", async () => {
    const cwd = await initialized("check");
    expect((await cli(["codegen", "--check", "--config", V1], cwd)).code).toBe(0);
    const check = await cli(["codegen", "--check", "--config", V2], cwd);
    expect(check.code).toBe(1);
    expect(check.err).toContain("and in every tenant's schema:");
    expect(check.err).toContain(
      `ALTER TABLE ${note("")} ADD COLUMN "pinned" boolean DEFAULT false NOT NULL;`,
    );
    const written = await cli(["codegen", "pinned", "--config", V2], cwd);
    expect(written.code).toBe(0);
    expect(written.out).toContain("(0 statements up, 0 down; per tenant schema 1 up, 1 down)");
    const [, pinned] = await migrationsIn(cwd);
    expect(pinned).toMatchObject({
      up: [],
      down: [],
      tenantDown: [`ALTER TABLE ${note("")} DROP COLUMN "pinned"`],
    });
    expect((await cli(["codegen", "--check", "--config", V2], cwd)).code).toBe(0);
  });

  it("--rename reaches a tenant table's column; without it the warning names the flag", async () => {
    const cwd = await initialized("rename");
    const warned = await cli(["codegen", "--check", "--config", RENAMED], cwd);
    expect(warned.err).toContain("column note.body is dropped");
    expect(warned.err).toContain("--rename note.body=text");
    const renamed = await cli(["codegen", "text", "--config", RENAMED, "--rename", "note.body=text"], cwd);
    expect(renamed).toMatchObject({ code: 0, err: "" });
    const [, text] = await migrationsIn(cwd);
    expect(text).toMatchObject({
      up: [],
      tenantUp: [`ALTER TABLE ${note("")} RENAME COLUMN "body" TO "text"`],
      tenantDown: [`ALTER TABLE ${note("")} RENAME COLUMN "text" TO "body"`],
    });
  });

  it("a rename cannot move a table between the app's schema and the tenants'", async () => {
    const cwd = await initialized("move");
    const moved = await cli(["codegen", "memo", "--config", SHARED, "--rename", "note=memo"], cwd);
    expect(moved.code).toBe(2);
    expect(moved.err).toContain(
      "cannot --rename note=memo: note is in every tenant's schema and memo in the app's",
    );
    expect(await migrationsIn(cwd)).toHaveLength(1);
  });
});

for (const driver of server.available ? (["pglite", "pg"] as const) : (["pglite"] as const)) {
  describe(`ashlar migrate with tenant schemas on ${driver}`, () => {
    let cwd: string;
    let env: Record<string, string>;

    /** Notes of two tenants, made on first use by an app on the migrated schema (createTables: false). */
    async function useTenants(names: readonly string[]): Promise<void> {
      const { client } = await connect(env, cwd);
      const { default: config, Note } = await import(V1);
      const dataLayer = new PostgresDataLayer(client, { schema: SCHEMA, createTables: false });
      const app = await createApp({ domains: config.domains as AnyDomain[], dataLayer });
      try {
        for (const tenant of names) await app.engine.create(Note, "create", { body: tenant }, { tenant });
      } finally {
        await app.close();
      }
    }

    async function columnsByTenant(): Promise<Record<string, string[]>> {
      const { client } = await connect(env, cwd);
      try {
        const result: Record<string, string[]> = {};
        for (const schema of await tenantSchemas(client, SCHEMA)) {
          const rows = await client.query<{ c: string }>(
            "SELECT column_name AS c FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'note' ORDER BY 1",
            [schema],
          );
          result[schema.slice(SCHEMA.length + 2)] = rows.map((r) => r.c);
        }
        return result;
      } finally {
        await client.close();
      }
    }

    beforeAll(async () => {
      cwd = await initialized(`migrate-${driver}`);
      env = driver === "pg" ? { DATABASE_URL: server.url } : { DATA_DIR: join(cwd, "pgdata") };
      expect((await cli(["codegen", "pinned", "--config", V2], cwd)).code).toBe(0);
    }, 60_000);
    afterAll(async () => {
      if (driver !== "pg") return;
      const { client } = await connect(env, cwd);
      for (const schema of [SCHEMA, ...(await tenantSchemas(client, SCHEMA))]) {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      }
      await client.close();
    });

    it("runs each migration's tenant statements in every tenant schema, up and down", async () => {
      const [init, pinned] = (await migrationsIn(cwd)).map((m) => m.name);
      // The first migration before any tenant exists, as on a fresh deployment; then two tenants come.
      expect((await cli(["migrate", "down", "--config", V2], cwd, env)).out).toMatch(/^nothing to revert/);
      const first = await cli(["migrate", "--config", V2], cwd, env);
      expect(first).toMatchObject({ code: 0, err: "" });
      expect((await cli(["migrate", "down", "--config", V2], cwd, env)).out).toContain(pinned);
      await useTenants(["acme", "globex"]);
      expect(await columnsByTenant()).toEqual({ acme: ["body", "id"], globex: ["body", "id"] });

      const status = await cli(["migrate", "status", "--config", V2], cwd, env);
      expect(status.out).toContain(`schema ${SCHEMA} and its 2 tenant schema(s)`);
      expect(status.out).toContain("1 applied, 1 pending");
      const up = await cli(["migrate", "--config", V2], cwd, env);
      expect(up.out).toContain(`applied 1 migration(s) to schema ${SCHEMA} and its 2 tenant schema(s)`);
      const pinnedColumns = ["body", "id", "pinned"];
      expect(await columnsByTenant()).toEqual({ acme: pinnedColumns, globex: pinnedColumns });

      expect((await cli(["migrate", "down", "--config", V2], cwd, env)).out).toContain(pinned);
      expect(await columnsByTenant()).toEqual({ acme: ["body", "id"], globex: ["body", "id"] });
      expect((await cli(["migrate", "status", "--config", V2], cwd, env)).out).toContain(`applied  ${init}`);
    }, 60_000);
  });
}
