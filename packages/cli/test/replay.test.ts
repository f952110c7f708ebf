import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "@ashlar/core";
import { PostgresDataLayer, pgliteClient } from "@ashlar/postgres";
import { runCli } from "ashlar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import config, { domains, Item, log } from "./fixtures/events.config.js";

const CONFIG = fileURLToPath(new URL("./fixtures/events.config.ts", import.meta.url));
const V1 = fileURLToPath(new URL("./fixtures/v1.config.ts", import.meta.url));

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), "ashlar-replay-"));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { io: { out: (l) => out.push(l), err: (l) => err.push(l) }, cwd, env: {} });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** The app on the same PGlite directory the CLI uses (only one may have it open at a time). */
async function withApp<T>(fn: (app: Awaited<ReturnType<typeof open>>) => Promise<T>): Promise<T> {
  const app = await open();
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}
const open = async () =>
  createApp({
    domains,
    dataLayer: new PostgresDataLayer(await pgliteClient({ dataDir: join(cwd, ".data/app") }), {
      schema: config.schema,
      createTables: false,
    }),
    recorders: [log],
  });

describe("ashlar replay", () => {
  it("rebuilds the tracked tables from the log, with progress; --until-event replays a prefix", async () => {
    expect((await cli(["codegen", "init", "--config", CONFIG])).code).toBe(0);
    expect((await cli(["migrate", "--config", CONFIG])).code).toBe(0);
    const before = await withApp(async (app) => {
      const a = await app.engine.create(Item, "create", { name: "first" });
      await app.engine.create(Item, "create", { name: "second" });
      await app.engine.update(Item, "update", a, { name: "first, renamed" });
      return app.engine.read(Item, "read", { sort: ["insertedAt"] });
    });
    const full = await cli(["replay", "--config", CONFIG]);
    expect(full.err).toContain("replaying: 3/3 events (100%)");
    expect(full.out).toMatch(/^replayed 3 events of event in \d+\.\d s/);
    expect(full.code).toBe(0);
    await withApp(async (app) => {
      expect(await app.engine.read(Item, "read", { sort: ["insertedAt"] })).toEqual(before);
      expect(await app.engine.read(log.resource, "read")).toHaveLength(3);
    });
    const prefix = await cli(["replay", "--until-event", "1", "--config", CONFIG]);
    expect(prefix.out).toContain("replayed 1 events");
    const firstAt = await withApp(async (app) => {
      expect((await app.engine.read(Item, "read")).map((i) => i.name)).toEqual(["first"]);
      return (await app.engine.read(log.resource, "read", { sort: ["id"] }))[1]?.occurredAt as string;
    });
    const atSecond = await cli(["replay", `--at=${firstAt}`, "--config", CONFIG]);
    expect(atSecond.out).toContain("replayed 2 events");
  });

  it("bad flags and a config without an event log are usage errors (exit 2) that say how to fix them", async () => {
    expect(await cli(["replay", "--at", "yesterday", "--config", CONFIG])).toMatchObject({
      code: 2,
      err: expect.stringContaining("--at needs an ISO time"),
    });
    expect(await cli(["replay", "--until-event"])).toMatchObject({
      code: 2,
      err: expect.stringContaining("--until-event needs a value"),
    });
    expect(await cli(["migrate", "--at", "2026-01-01T00:00:00Z"])).toMatchObject({
      code: 2,
      err: expect.stringContaining("belong to replay"),
    });
    expect(await cli(["replay", "--config", V1])).toMatchObject({
      code: 2,
      err: expect.stringContaining("has no event log to replay: add recorders: [log]"),
    });
  });
});
