import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pgClient } from "@ashlar/postgres";
import { codegen, nextMigrationName, runCli } from "ashlar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { server } from "../../postgres/test/server.js";
import { SCHEMA } from "./fixtures/schema.js";

/**
 * The CLI as a function: argv in, exit code and printed lines out. Configs live in test/fixtures (they import
 * "@ashlar/core", which resolves from inside the repository only); migrations and PGlite data go to a temporary
 * directory removed at the end; on the server, the fixtures' schema is unique to the run and dropped at the end.
 */
const DATABASE_URL = server.url;
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const V1 = fixture("v1.config.ts");
const V2 = fixture("v2.config.ts");

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "ashlar-cli-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function cli(argv: string[], cwd: string, env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { io: { out: (l) => out.push(l), err: (l) => err.push(l) }, cwd, env });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

async function freshDir(name: string): Promise<string> {
  const dir = join(tmp, name);
  await rm(dir, { recursive: true, force: true });
  return dir;
}

describe("ashlar codegen", () => {
  it("from nothing writes a migration and the snapshot; a second run with no change writes nothing", async () => {
    const cwd = await freshDir("codegen");
    const first = await cli(["codegen", "init", "--config", V1], cwd);
    expect(first.code).toBe(0);
    const files = await readdir(join(cwd, "migrations"));
    expect(files).toHaveLength(2);
    const file = files.find((f) => f !== "snapshot.json")!;
    expect(file).toMatch(/^\d{14}_init\.json$/);
    expect(first.out).toContain(`migrations/${file}`);
    expect(first.out).toContain("migrations/snapshot.json");
    const migration = JSON.parse(await readFile(join(cwd, "migrations", file), "utf8"));
    expect(migration.name).toBe(file.slice(0, -5));
    expect(migration.up[0]).toMatch(new RegExp(`^CREATE TABLE "${SCHEMA}"\\."product"`));
    expect(migration.down).toEqual([`DROP TABLE "${SCHEMA}"."product"`]);
    const snapshot = JSON.parse(await readFile(join(cwd, "migrations", "snapshot.json"), "utf8"));
    expect(snapshot.tables.map((t: { name: string }) => t.name)).toEqual(["product"]);

    const second = await cli(["codegen", "again", `--config=${V1}`], cwd);
    expect(second).toMatchObject({ code: 0, err: "" });
    expect(second.out).toMatch(/^no changes/);
    expect(await readdir(join(cwd, "migrations"))).toEqual(files);
  });

  it("--check passes when up to date and fails, listing the statements, after a definition change", async () => {
    const cwd = await freshDir("check");
    const none = await cli(["codegen", "--check", "--config", V1], cwd);
    expect(none.code).toBe(1);
    expect(none.err).toContain('CREATE TABLE "');
    expect(existsSync(join(cwd, "migrations"))).toBe(false);

    expect((await cli(["codegen", "init", "--config", V1], cwd)).code).toBe(0);
    const ok = await cli(["codegen", "--check", "--config", V1], cwd);
    expect(ok).toMatchObject({ code: 0, err: "" });

    const changed = await cli(["codegen", "--check", "--config", V2], cwd);
    expect(changed.code).toBe(1);
    expect(changed.err).toContain(`ALTER TABLE "${SCHEMA}"."product" ADD COLUMN "price" bigint`);
    expect(changed.err).toContain(`CREATE TABLE "${SCHEMA}"."review"`);
    expect(changed.err).toContain("ashlar codegen <name>");
    expect(await readdir(join(cwd, "migrations"))).toHaveLength(2);
  });

  it("names a new migration after every existing one, even when the clock disagrees", async () => {
    expect(nextMigrationName([], "init", new Date(Date.UTC(2025, 0, 2, 3, 4, 5)))).toBe(
      "20250102030405_init",
    );
    expect(nextMigrationName(["20250102030405_init"], "next", new Date(Date.UTC(2025, 0, 2, 3, 4, 5)))).toBe(
      "20250102030406_next",
    );
    expect(nextMigrationName(["20251231235959_a"], "b", new Date(Date.UTC(2020, 0, 1)))).toBe(
      "20260101000000_b",
    );
    const cwd = await freshDir("clock");
    const io = { out: () => undefined, err: () => undefined };
    const now = () => new Date(Date.UTC(2025, 5, 1, 12, 0, 0));
    expect(await codegen({ name: "init", config: V1, now }, { io, cwd })).toBe(0);
    expect(await codegen({ name: "reviews", config: V2, now }, { io, cwd })).toBe(0);
    expect(await readdir(join(cwd, "migrations"))).toEqual([
      "20250601120000_init.json",
      "20250601120001_reviews.json",
      "snapshot.json",
    ]);
  });
});

describe("usage errors exit 2 and say how to fix them", () => {
  it.each([
    [[], "no command given"],
    [["deploy"], 'unknown command "deploy": use codegen, migrate or replay'],
    [["codegen"], "codegen needs a migration name"],
    [["codegen", "bad name!"], "bad migration name"],
    [["codegen", "init", "--force"], "unknown option --force"],
    [["codegen", "init", "--config"], "--config needs a path"],
    [["migrate", "sideways"], 'unknown migrate command "sideways"'],
    [["migrate", "down", "0"], 'bad steps "0": give a whole number of migrations ≥ 1'],
    [["migrate", "down", "two"], 'bad steps "two"'],
    [["migrate", "status", "now"], "migrate status takes no argument"],
  ])("%j", async (argv, message) => {
    const result = await cli(argv, tmp);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
  });

  it("a missing config names the path and the fix", async () => {
    const result = await cli(["codegen", "init"], tmp);
    expect(result.code).toBe(2);
    expect(result.err).toContain(join(tmp, "ashlar.config.ts"));
    expect(result.err).toContain("or pass --config <path>");
    expect((await cli(["migrate", "status", "--config", "nowhere.ts"], tmp)).code).toBe(2);
  });

  it("a config without domains says what it must export", async () => {
    const result = await cli(["codegen", "init", "--config", fixture("bad.config.ts")], tmp);
    expect(result.code).toBe(2);
    expect(result.err).toContain("must default-export { domains: [...]");
  });

  it("help prints the usage and exits 0", async () => {
    const result = await cli(["--help"], tmp);
    expect(result.code).toBe(0);
    expect(result.out).toContain("ashlar migrate [up | down [steps] | status]");
  });
});

for (const driver of server.available ? (["pglite", "pg"] as const) : (["pglite"] as const)) {
  describe(`ashlar migrate on ${driver}`, () => {
    let cwd: string;
    let env: Record<string, string>;
    let names: string[];

    beforeAll(async () => {
      cwd = await freshDir(`migrate-${driver}`);
      env = driver === "pg" ? { DATABASE_URL } : { DATA_DIR: join(cwd, "pgdata") };
      expect((await cli(["codegen", "init", "--config", V1], cwd)).code).toBe(0);
      expect((await cli(["codegen", "reviews", "--config", V2], cwd)).code).toBe(0);
      names = (await readdir(join(cwd, "migrations")))
        .filter((f) => f !== "snapshot.json")
        .map((f) => f.slice(0, -5));
      expect(names).toHaveLength(2);
      expect(names[1]).toMatch(/_reviews$/);
    }, 60_000);
    afterAll(async () => {
      if (driver === "pg") {
        const db = pgClient({ connectionString: DATABASE_URL, max: 1 });
        await db.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
        await db.close();
      }
    });

    it("status before anything lists both as pending and creates nothing", async () => {
      const result = await cli(["migrate", "status", "--config", V2], cwd, env);
      expect(result.code).toBe(0);
      expect(result.out).toContain("0 applied, 2 pending");
      expect(result.out).toContain(`pending  ${names[0]}`);
      expect(result.out).toContain(`pending  ${names[1]}`);
    }, 60_000);

    it("up applies both, in name order; a second up applies nothing", async () => {
      const up = await cli(["migrate", "--config", V2], cwd, env);
      expect(up).toMatchObject({ code: 0, err: "" });
      expect(up.out).toContain(`applied 2 migration(s) to schema ${SCHEMA}`);
      expect(up.out.indexOf(names[0]!)).toBeLessThan(up.out.indexOf(names[1]!));
      const again = await cli(["migrate", "up", "--config", V2], cwd, env);
      expect(again.out).toMatch(/^nothing to apply/);
      const status = await cli(["migrate", "status", "--config", V2], cwd, env);
      expect(status.out).toContain("2 applied, 0 pending");
    }, 60_000);

    it("down reverts the last one, down 5 the rest; status follows", async () => {
      const down = await cli(["migrate", "down", "--config", V2], cwd, env);
      expect(down.code).toBe(0);
      expect(down.out).toContain(`reverted 1 migration(s)`);
      expect(down.out).toContain(names[1]);
      const status = await cli(["migrate", "status", "--config", V2], cwd, env);
      expect(status.out).toContain("1 applied, 1 pending");
      expect(status.out).toContain(`applied  ${names[0]}`);
      expect(status.out).toContain(`pending  ${names[1]}`);
      const rest = await cli(["migrate", "down", "5", "--config", V2], cwd, env);
      expect(rest.out).toContain(`reverted 1 migration(s)`);
      expect(rest.out).toContain(names[0]);
      expect((await cli(["migrate", "down", "--config", V2], cwd, env)).out).toMatch(/^nothing to revert/);
      expect((await cli(["migrate", "status", "--config", V2], cwd, env)).out).toContain(
        "0 applied, 2 pending",
      );
    }, 60_000);

    it("up again rebuilds the tables the definitions describe", async () => {
      expect((await cli(["migrate", "up", "--config", V2], cwd, env)).code).toBe(0);
      if (driver === "pg") {
        const db = pgClient({ connectionString: DATABASE_URL, max: 1 });
        try {
          const rows = await db.query<{ table_name: string }>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1",
            [SCHEMA],
          );
          expect(rows.map((r) => r.table_name)).toEqual(["ashlar_migrations", "product", "review"]);
        } finally {
          await db.close();
        }
      } else {
        expect(existsSync(join(cwd, "pgdata"))).toBe(true);
      }
    }, 60_000);

    it("a failing migration exits 1 with the database's message and records nothing", async () => {
      const broken = join(cwd, "migrations", "99999999999999_broken.json");
      await writeFile(
        broken,
        JSON.stringify({ name: "broken", up: ["SELECT * FROM no_such_table"], down: [] }),
      );
      try {
        const result = await cli(["migrate", "--config", V2], cwd, env);
        expect(result.code).toBe(1);
        expect(result.err).toContain("no_such_table");
        const status = await cli(["migrate", "status", "--config", V2], cwd, env);
        expect(status.out).toContain("2 applied, 1 pending");
      } finally {
        await rm(broken);
      }
    }, 60_000);
  });
}
