import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { pgClient } from "@ashlar/postgres";
import { type Ask, connect, runCli } from "ashlar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { server } from "../../postgres/test/server.js";
import { SCHEMA } from "./fixtures/schema.js";

/**
 * Renames in `ashlar codegen`: asked (`--rename`, or yes at a prompt), never guessed. The fixtures are versions
 * of one ticket table: v1 → v2 renames the column title to subject, v2 → v3 the table ticket to issue, v1 →
 * two-changes swaps two columns for two others, and v1 → slim only drops one.
 */
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/renames/${name}`, import.meta.url));
const V1 = fixture("ticket-v1.config.ts");
const V2 = fixture("ticket-v2.config.ts");
const V3 = fixture("issue-v3.config.ts");
const TWO = fixture("ticket-two-changes.config.ts");
const SLIM = fixture("ticket-slim.config.ts");
const q = (table: string) => `"${SCHEMA}"."${table}"`;

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "ashlar-renames-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

interface Run {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

async function cli(argv: string[], cwd: string, extra: { ask?: Ask; env?: Record<string, string> } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
  const code = await runCli(argv, {
    io: extra.ask ? { ...io, ask: extra.ask } : io,
    cwd,
    env: extra.env ?? {},
  });
  return { code, out: out.join("\n"), err: err.join("\n") } satisfies Run;
}

/** A directory whose migrations hold one migration, `init`, generated from `config`. */
async function initialized(name: string, config = V1): Promise<string> {
  const cwd = join(tmp, name);
  await rm(cwd, { recursive: true, force: true });
  const init = await cli(["codegen", "init", "--config", config], cwd);
  expect(init).toMatchObject({ code: 0, err: "" });
  return cwd;
}

/** The migration files (not the snapshot), in name order. */
async function migrationFiles(cwd: string): Promise<string[]> {
  return (await readdir(join(cwd, "migrations"))).filter((f) => f !== "snapshot.json").sort();
}

/** The last migration written, as JSON. */
async function lastMigration(cwd: string): Promise<{ up: string[]; down: string[] }> {
  const file = (await migrationFiles(cwd)).at(-1)!;
  return JSON.parse(await readFile(join(cwd, "migrations", file), "utf8"));
}

/** A fake prompt: answers from `answers` by question (default "n"), recording every question. */
function fakeAsk(answers: Record<string, string> = {}): Ask & { readonly asked: string[] } {
  const asked: string[] = [];
  return Object.assign(
    async (question: string) => {
      asked.push(question);
      return answers[question] ?? "n";
    },
    { asked },
  );
}

describe("--rename", () => {
  it("<table>.<old>=<new> renames the column in up and back in down, dropping nothing", async () => {
    const cwd = await initialized("column-flag");
    const result = await cli(["codegen", "subject", "--config", V2, "--rename", "ticket.title=subject"], cwd);
    expect(result).toMatchObject({ code: 0, err: "" });
    const { up, down } = await lastMigration(cwd);
    expect(up).toEqual([`ALTER TABLE ${q("ticket")} RENAME COLUMN "title" TO "subject"`]);
    expect(down).toEqual([`ALTER TABLE ${q("ticket")} RENAME COLUMN "subject" TO "title"`]);
  });

  it("<old>=<new> renames the table (and its primary key) in up and back in down, also as --rename=", async () => {
    const cwd = await initialized("table-flag", V2);
    const result = await cli(["codegen", "issue", "--config", V3, "--rename=ticket=issue"], cwd);
    expect(result).toMatchObject({ code: 0, err: "" });
    const { up, down } = await lastMigration(cwd);
    expect(up).toEqual([
      `ALTER TABLE ${q("ticket")} RENAME TO "issue"`,
      `ALTER TABLE ${q("issue")} RENAME CONSTRAINT "ticket_pkey" TO "issue_pkey"`,
    ]);
    expect(down).toEqual([
      `ALTER TABLE ${q("issue")} RENAME TO "ticket"`,
      `ALTER TABLE ${q("ticket")} RENAME CONSTRAINT "issue_pkey" TO "ticket_pkey"`,
    ]);
  });

  it("renames a table and one of its columns at once; the column's table may be named old or new", async () => {
    for (const table of ["ticket", "issue"]) {
      const cwd = await initialized(`both-${table}`);
      const argv = ["codegen", "both", "--config", V3, "--rename", "ticket=issue", "--rename"];
      const result = await cli([...argv, `${table}.title=subject`], cwd);
      expect(result).toMatchObject({ code: 0, err: "" });
      const { up, down } = await lastMigration(cwd);
      expect(up).toContain(`ALTER TABLE ${q("ticket")} RENAME TO "issue"`);
      expect(up).toContain(`ALTER TABLE ${q("issue")} RENAME COLUMN "title" TO "subject"`);
      expect(down).toContain(`ALTER TABLE ${q("ticket")} RENAME COLUMN "subject" TO "title"`);
      expect([...up, ...down].join("\n")).not.toMatch(/DROP (TABLE|COLUMN)/);
    }
  });

  it("--check diffs with the renames too", async () => {
    const cwd = await initialized("check-flag");
    const result = await cli(["codegen", "--check", "--config", V2, "--rename", "ticket.title=subject"], cwd);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`ALTER TABLE ${q("ticket")} RENAME COLUMN "title" TO "subject";`);
    expect(result.err).not.toContain("DROP COLUMN");
  });
});

describe("bad --rename flags exit 2, say what is wrong and show the syntax", () => {
  const syntax = "--rename tickets.title=subject (a column) or --rename ticket=tickets (a table)";
  it.each([
    [["--rename", "title"], 'bad --rename "title": it has no ='],
    [["--rename", "ticket.title="], "the new name after = is empty"],
    [["--rename", "ticket.title=ticket.subject"], "the new name is the bare name, without a table"],
    [["--rename", "desk.ticket.title=subject"], "give at most <table>.<column> before ="],
    [["--rename", ".title=subject"], "a name before = is empty"],
    [["--rename=a=b=c"], "it has more than one ="],
    [["--rename"], "--rename needs a value"],
    [["--rename", "--check"], "--rename needs a value"],
  ])("%j", async (flags, message) => {
    const result = await cli(["codegen", "x", "--config", V2, ...flags], tmp);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).toContain(syntax);
  });

  it("belongs to codegen only", async () => {
    const result = await cli(["migrate", "--rename", "a=b", "--config", V2], tmp);
    expect(result.code).toBe(2);
    expect(result.err).toContain("--rename belongs to codegen, not migrate");
  });
});

describe("a --rename that does not fit the snapshot and the definitions exits 2 and writes nothing", () => {
  it.each([
    [
      V2,
      "ticket.headline=subject",
      "the last snapshot's ticket has no column headline (it has id, note, title)",
    ],
    [V2, "ticket.title=topic", "the definitions' ticket has no column topic (it has id, note, subject)"],
    [V2, "ticket.note=subject", "ticket.note is still in the definitions"],
    [V2, "ticket.title=note", "ticket.note is already in the last snapshot"],
    [V2, "tickets.title=subject", "there is no table tickets in the definitions (it has ticket)"],
    [
      V3,
      "tickets=issue",
      "there is no table tickets in the last snapshot (it has ticket); check the old name",
    ],
    [V3, "ticket=issues", "there is no table issues in the definitions (it has issue); check the new name"],
    [V3, "issue.subject=title", "table issue is new (not in the last snapshot)"],
  ])("%s %s", async (config, flag, message) => {
    const cwd = await initialized(`misfit-${flag}`);
    const result = await cli(["codegen", "next", "--config", config, "--rename", flag], cwd);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`ashlar: cannot --rename ${flag}: ${message}`);
    expect(await migrationFiles(cwd)).toHaveLength(1);
  });

  it("on the first migration there is nothing to rename", async () => {
    const cwd = join(tmp, "first");
    const result = await cli(["codegen", "init", "--config", V1, "--rename", "ticket.title=subject"], cwd);
    expect(result.code).toBe(2);
    expect(result.err).toContain("there is no last snapshot (this is the first migration)");
  });

  it("the same rename twice", async () => {
    const cwd = await initialized("twice");
    const flags = ["--rename", "ticket.title=subject", "--rename", "ticket.title=subject"];
    const result = await cli(["codegen", "next", "--config", V2, ...flags], cwd);
    expect(result.code).toBe(2);
    expect(result.err).toContain("ticket.title is renamed twice; keep one --rename");
  });
});

describe("without --rename, a name that goes while another comes is asked about, never guessed", () => {
  it("yes at the prompt is a rename", async () => {
    const cwd = await initialized("ask-yes");
    const ask = fakeAsk({ "Is ticket.subject a rename of ticket.title? [y/N]": "y" });
    const result = await cli(["codegen", "subject", "--config", V2], cwd, { ask });
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(ask.asked).toEqual(["Is ticket.subject a rename of ticket.title? [y/N]"]);
    expect(result.out).toContain("--rename ticket.title=subject");
    const { up, down } = await lastMigration(cwd);
    expect(up).toEqual([`ALTER TABLE ${q("ticket")} RENAME COLUMN "title" TO "subject"`]);
    expect(down).toEqual([`ALTER TABLE ${q("ticket")} RENAME COLUMN "subject" TO "title"`]);
  });

  it("no (or anything but yes) at the prompt is a drop and an add", async () => {
    for (const answer of ["n", "", "maybe"]) {
      const cwd = await initialized(`ask-no-${answer}`);
      const ask = fakeAsk({ "Is ticket.subject a rename of ticket.title? [y/N]": answer });
      const result = await cli(["codegen", "subject", "--config", V2], cwd, { ask });
      expect(result).toMatchObject({ code: 0, err: "" });
      expect(ask.asked).toHaveLength(1);
      const { up } = await lastMigration(cwd);
      expect(up).toContain(`ALTER TABLE ${q("ticket")} DROP COLUMN "title"`);
      expect(up).toContain(`ALTER TABLE ${q("ticket")} ADD COLUMN "subject" text NOT NULL`);
    }
  });

  it("a table: yes renames it, and then its columns are compared", async () => {
    const cwd = await initialized("ask-table");
    const ask = fakeAsk({
      "Is table issue a rename of table ticket? [y/N]": "yes",
      "Is issue.subject a rename of ticket.title? [y/N]": "Y",
    });
    const result = await cli(["codegen", "issue", "--config", V3], cwd, { ask });
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(ask.asked).toEqual([
      "Is table issue a rename of table ticket? [y/N]",
      "Is issue.subject a rename of ticket.title? [y/N]",
    ]);
    expect(result.out).toContain("--rename ticket=issue --rename issue.title=subject");
    const { up } = await lastMigration(cwd);
    expect(up).toContain(`ALTER TABLE ${q("ticket")} RENAME TO "issue"`);
    expect(up).toContain(`ALTER TABLE ${q("issue")} RENAME COLUMN "title" TO "subject"`);
    expect(up.join("\n")).not.toMatch(/DROP (TABLE|COLUMN)/);
  });

  it("several candidates in one table: each pair is asked until a yes, and each name is used once", async () => {
    const ask = fakeAsk({
      "Is ticket.subject a rename of ticket.note? [y/N]": "y",
      // Never asked: subject is taken by then.
      "Is ticket.subject a rename of ticket.title? [y/N]": "y",
    });
    const cwd = await initialized("ask-several");
    expect((await cli(["codegen", "two", "--config", TWO], cwd, { ask })).code).toBe(0);
    expect(ask.asked).toEqual([
      "Is ticket.body a rename of ticket.note? [y/N]",
      "Is ticket.subject a rename of ticket.note? [y/N]",
      "Is ticket.body a rename of ticket.title? [y/N]",
    ]);
    const { up } = await lastMigration(cwd);
    expect(up).toContain(`ALTER TABLE ${q("ticket")} RENAME COLUMN "note" TO "subject"`);
    expect(up).toContain(`ALTER TABLE ${q("ticket")} DROP COLUMN "title"`);
    expect(up).toContain(`ALTER TABLE ${q("ticket")} ADD COLUMN "body" text`);

    const none = fakeAsk();
    const again = await initialized("ask-several-none");
    expect((await cli(["codegen", "two", "--config", TWO], again, { ask: none })).code).toBe(0);
    expect(none.asked).toHaveLength(4);
  });

  it("a --rename given is not asked about again", async () => {
    const cwd = await initialized("ask-flagged");
    const ask = fakeAsk();
    const flags = ["--rename", "ticket.title=subject"];
    expect((await cli(["codegen", "two", "--config", TWO, ...flags], cwd, { ask })).code).toBe(0);
    expect(ask.asked).toEqual(["Is ticket.body a rename of ticket.note? [y/N]"]);
  });

  it("--check never asks", async () => {
    const cwd = await initialized("ask-check");
    const ask = fakeAsk();
    const result = await cli(["codegen", "--check", "--config", V2], cwd, { ask });
    expect(result.code).toBe(1);
    expect(ask.asked).toEqual([]);
    expect(result.err).toContain("use --rename ticket.title=subject instead");
  });
});

describe("without a prompt, the drop is written with a warning that names the --rename to use", () => {
  it("a column: the warning names it, says its data is lost, and its flag works", async () => {
    const cwd = await initialized("warn-column");
    const result = await cli(["codegen", "subject", "--config", V2], cwd);
    expect(result.code).toBe(0);
    const { up } = await lastMigration(cwd);
    expect(up).toContain(`ALTER TABLE ${q("ticket")} DROP COLUMN "title"`);
    expect(result.err).toContain(
      "warning: column ticket.title is dropped and its data will be lost; if it was renamed, use --rename ticket.title=subject instead",
    );
    const [file] = (await migrationFiles(cwd)).slice(-1);
    expect(result.err).toContain(`to keep the data instead: delete migrations/${file}, restore the previous`);

    // The flag the warning shows, given on a fresh run, keeps the column.
    const flag = /use (--rename \S+) instead/.exec(result.err)![1]!.split(" ");
    const fresh = await initialized("warn-column-fixed");
    expect((await cli(["codegen", "subject", "--config", V2, ...flag], fresh)).err).toBe("");
    expect((await lastMigration(fresh)).up).toEqual([
      `ALTER TABLE ${q("ticket")} RENAME COLUMN "title" TO "subject"`,
    ]);
  });

  it("a table: the warning names it and says its rows are lost", async () => {
    const cwd = await initialized("warn-table", V2);
    const result = await cli(["codegen", "issue", "--config", V3], cwd);
    expect(result.code).toBe(0);
    expect((await lastMigration(cwd)).up).toContain(`DROP TABLE ${q("ticket")}`);
    expect(result.err).toContain(
      "warning: table ticket is dropped and its rows will be lost; if it was renamed, use --rename ticket=issue instead",
    );
  });

  it("several candidates: each dropped column is named with every flag that could keep it", async () => {
    const cwd = await initialized("warn-several");
    const result = await cli(["codegen", "two", "--config", TWO], cwd);
    expect(result.code).toBe(0);
    const warnings = result.err.split("\n").filter((l) => l.startsWith("warning:"));
    expect(warnings).toEqual([
      "warning: column ticket.note is dropped and its data will be lost; if it was renamed, use one of --rename ticket.note=body | --rename ticket.note=subject instead",
      "warning: column ticket.title is dropped and its data will be lost; if it was renamed, use one of --rename ticket.title=body | --rename ticket.title=subject instead",
    ]);
  });

  it("a column dropped with none added is no rename candidate: no warning, no question", async () => {
    const cwd = await initialized("warn-none");
    const ask = fakeAsk();
    const result = await cli(["codegen", "slim", "--config", SLIM], cwd, { ask });
    expect(result).toMatchObject({ code: 0, err: "" });
    expect(ask.asked).toEqual([]);
    expect((await lastMigration(cwd)).up).toEqual([`ALTER TABLE ${q("ticket")} DROP COLUMN "note"`]);
  });
});

for (const driver of server.available ? (["pglite", "pg"] as const) : (["pglite"] as const)) {
  describe(`renamed by flag, data survives migrate up and down on ${driver}`, () => {
    const ID = "0190a6e4-0000-7000-8000-000000000001";
    let cwd: string;
    let env: Record<string, string>;

    beforeAll(async () => {
      cwd = await initialized(`data-${driver}`);
      env = driver === "pg" ? { DATABASE_URL: server.url } : { DATA_DIR: join(cwd, "pgdata") };
    });
    afterAll(async () => {
      if (driver === "pg") {
        const db = pgClient({ connectionString: server.url, max: 1 });
        await db.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
        await db.close();
      }
    });

    async function sql<R extends Record<string, unknown>>(statement: string): Promise<R[]> {
      const { client } = await connect(env, cwd);
      try {
        return await client.query<R>(statement);
      } finally {
        await client.close();
      }
    }

    it("a row written before the renames is read after them, and after reverting them", async () => {
      expect((await cli(["migrate", "--config", V1], cwd, { env })).code).toBe(0);
      await sql(`INSERT INTO ${q("ticket")} (id, title, note) VALUES ('${ID}', 'Printer on fire', 'urgent')`);

      const column = ["codegen", "subject", "--config", V2, "--rename", "ticket.title=subject"];
      expect((await cli(column, cwd)).code).toBe(0);
      const table = ["codegen", "issue", "--config", V3, "--rename", "ticket=issue"];
      expect((await cli(table, cwd)).code).toBe(0);
      const up = await cli(["migrate", "--config", V3], cwd, { env });
      expect(up).toMatchObject({ code: 0, err: "" });
      expect(up.out).toContain("applied 2 migration(s)");
      expect(await sql(`SELECT id, subject, note FROM ${q("issue")}`)).toEqual([
        { id: ID, subject: "Printer on fire", note: "urgent" },
      ]);

      const down = await cli(["migrate", "down", "2", "--config", V3], cwd, { env });
      expect(down).toMatchObject({ code: 0, err: "" });
      expect(await sql(`SELECT id, title, note FROM ${q("ticket")}`)).toEqual([
        { id: ID, title: "Printer on fire", note: "urgent" },
      ]);
    }, 60_000);
  });
}
