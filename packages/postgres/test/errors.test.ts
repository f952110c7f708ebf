import {
  belongsTo,
  ConnectionLost,
  createApp,
  defaults,
  domain,
  InvalidError,
  resource,
  t,
  toAshlarError,
  UnknownError,
} from "@ashlar/core";
import { PostgresDataLayer, pgClient } from "@ashlar/postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { server } from "./server.js";

const DATABASE_URL = server.url;
const schema = `errors_${process.pid}_${Date.now().toString(36)}`;

const Team = resource("team", {
  attributes: { id: t.uuidv7().primaryKey(), name: t.string() },
  actions: { ...defaults("read", "create", "destroy") },
});
const Member = resource("member", {
  attributes: { id: t.uuidv7().primaryKey(), name: t.string() },
  relationships: { team: belongsTo("team", { attribute: t.uuid() }) },
  actions: { ...defaults("read", "create") },
});

describe.skipIf(!server.available)("database errors become ashlar errors (PostgreSQL server)", () => {
  const client = pgClient({ connectionString: DATABASE_URL, max: 2 });
  let app: Awaited<ReturnType<typeof build>>;
  const build = () =>
    createApp({
      domains: [domain("org", { resources: [Team, Member] })],
      dataLayer: new PostgresDataLayer(client, { schema }),
    });

  beforeAll(async () => {
    app = await build();
    // Foreign keys come from migrations; the test adds the one a migration would.
    await client.query(
      `ALTER TABLE "${schema}"."member" ADD FOREIGN KEY ("teamId") REFERENCES "${schema}"."team" ("id")`,
    );
  });
  afterAll(async () => {
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    await client.close();
  });

  it("a foreign-key violation is an Invalid error naming the relationship; nothing is written", async () => {
    const error = await app.engine
      .create(Member, "create", { name: "Ann", teamId: "01a20000-0000-7000-8000-000000000000" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidError);
    expect((error as InvalidError).errors[0]).toMatchObject({ code: "foreign_key", field: "teamId" });
    expect((error as InvalidError).message).toContain("relationship team");
    expect(await app.engine.read(Member, "read")).toEqual([]);
  });

  it("destroying a record still referred to is an Invalid error, and it stays", async () => {
    const team = await app.engine.create(Team, "create", { name: "Blue" });
    await app.engine.create(Member, "create", { name: "Bob", teamId: team.id });
    const error = await app.engine.destroy(Team, "destroy", team).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidError);
    expect((error as InvalidError).errors[0]?.message).toContain("still referred to");
    expect(await app.engine.read(Team, "read")).toHaveLength(1);
  });

  it("a lost connection is a clear error, not a driver's", async () => {
    const nowhere = pgClient({ connectionString: "postgres://postgres@127.0.0.1:1/test", max: 1 });
    const layer = new PostgresDataLayer(nowhere, { schema });
    const error = await layer.read(app.engine.runtimeOf(Team).table, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionLost);
    // Through the engine it is an Unknown error that says what happened and what to do.
    const asAshlar = toAshlarError(error);
    expect(asAshlar).toBeInstanceOf(UnknownError);
    expect(asAshlar.message).toContain("connection to the database was lost");
    await nowhere.close();
  });

  it("the pool recovers after its connection is dropped (as after a server restart)", async () => {
    const name = `ashlar_recovery_${process.pid}`;
    const url = `${DATABASE_URL}${DATABASE_URL.includes("?") ? "&" : "?"}application_name=${name}`;
    const dropped = pgClient({ connectionString: url, max: 1 });
    const layer = new PostgresDataLayer(dropped, { schema });
    const table = app.engine.runtimeOf(Team).table;
    await layer.read(table, {});
    await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [
      name,
    ]);
    // The next read meets either the dead connection (a ConnectionLost, never a driver's raw error) or a new one.
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      outcomes.push(
        await layer.read(table, {}).then(
          () => "ok",
          (e: unknown) => (e instanceof ConnectionLost ? "lost" : `unexpected: ${String(e)}`),
        ),
      );
    }
    expect(outcomes.every((o) => o === "ok" || o === "lost")).toBe(true);
    expect(outcomes.at(-1)).toBe("ok");
    await dropped.close();
  });
});
