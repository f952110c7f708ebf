import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, defaults, domain, resource, t } from "@ashlar/core";
import { postgresFromEnv } from "@ashlar/postgres";
import { describe, expect, it } from "vitest";
import { server } from "./server.js";

const Note = resource("note", {
  attributes: { id: t.uuidv7().primaryKey(), body: t.string() },
  actions: { ...defaults("read", "create") },
});
const Notes = domain("notes", { resources: [Note] });

describe("postgresFromEnv: one environment variable switches PGlite and the server", () => {
  it("without DATABASE_URL: PGlite in a data directory, which keeps the records across restarts", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ashlar-env-"));
    try {
      const first = await createApp({
        domains: [Notes],
        dataLayer: await postgresFromEnv({ env: { DATA_DIR: dir } }),
      });
      await first.engine.create(Note, "create", { body: "kept" });
      await first.close();
      const again = await createApp({
        domains: [Notes],
        dataLayer: await postgresFromEnv({ env: { DATA_DIR: dir } }),
      });
      expect((await again.engine.read(Note, "read")).map((n) => n.body)).toEqual(["kept"]);
      await again.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("passes createTables: false on: the app's tables are left to migrations", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ashlar-env-"));
    try {
      const app = await createApp({
        domains: [Notes],
        dataLayer: await postgresFromEnv({ env: { DATA_DIR: dir }, createTables: false }),
      });
      await expect(app.engine.read(Note, "read")).rejects.toThrow(/note/);
      await app.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!server.available)("with DATABASE_URL: the server", async () => {
    const schema = `env_${process.pid}_${Date.now().toString(36)}`;
    const layer = await postgresFromEnv({ env: { DATABASE_URL: server.url }, schema });
    const app = await createApp({ domains: [Notes], dataLayer: layer });
    await app.engine.create(Note, "create", { body: "on the server" });
    expect(await app.engine.read(Note, "read")).toHaveLength(1);
    const { pgClient } = await import("@ashlar/postgres");
    const admin = pgClient({ connectionString: server.url, max: 1 });
    expect((await admin.query(`SELECT count(*)::int AS n FROM "${schema}"."note"`))[0]?.n).toBe(1);
    await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.close();
    await app.close();
  });
});
