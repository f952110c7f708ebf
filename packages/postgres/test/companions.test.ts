/**
 * Companions (`WriteOptions.companions`): rows inserted in the same statement as a write, only when the write
 * writes a row, all or nothing — on PGlite and on the PostgreSQL server.
 */
import { createApp, defaults, domain, lit, op, ref, resource, t, UniqueViolation } from "@ashlar/core";
import { PostgresDataLayer, pgClient, pgliteClient, type SqlClient } from "@ashlar/postgres";
import { describe, expect, it } from "vitest";
import { sharedClient } from "./schema-per-scenario.js";
import { server } from "./server.js";

const Item = resource("item", {
  attributes: { id: t.integer().primaryKey(), name: t.string(), n: t.integer().default(0) },
  actions: { ...defaults("read", "create", "update", "destroy") },
});
const Entry = resource("entry", {
  attributes: {
    id: t.integer().primaryKey().generated(),
    note: t.string(),
    at: t.datetime().optional(),
  },
  identities: { uniqueNote: ["note"] },
  actions: { ...defaults("read", "create") },
});

const run = `companions_${process.pid}_${Date.now().toString(36)}`;

function scenarios(prefix: string, connect: () => Promise<SqlClient>) {
  const shared = sharedClient(prefix, connect);
  const setup = async () => {
    let statements = 0;
    const client = shared.client();
    const counted: SqlClient = {
      ...client,
      query: (sql, params, name) => {
        statements++;
        return client.query(sql, params, name);
      },
    };
    const layer = new PostgresDataLayer(counted, { schema: shared.nextSchema() });
    const app = await createApp({ domains: [domain("d", { resources: [Item, Entry] })], dataLayer: layer });
    const items = app.engine.runtimeOf(Item).table;
    const entries = app.engine.runtimeOf(Entry).table;
    const notes = async () =>
      (await layer.read(entries, { sort: [{ field: "id", direction: "asc" }] })).map((e) => e.note);
    const companion = (note: string) => ({ table: entries, row: { note }, lock: "test", stamp: ["at"] });
    statements = 0;
    return { layer, items, entries, notes, companion, statements: () => statements };
  };

  it("a create, an update and a destroy each insert their companions in their own statement", async () => {
    const { layer, items, entries, notes, companion, statements } = await setup();
    const created = await layer.create(items, { id: 1, name: "a", n: 0 }, undefined, {
      companions: [companion("created"), companion("also")],
    });
    expect(created).toMatchObject({ id: 1, name: "a" });
    await layer.update(items, { id: 1 }, { name: "b" }, undefined, { companions: [companion("updated")] });
    await layer.destroy(items, { id: 1 }, undefined, { companions: [companion("destroyed")] });
    expect(statements()).toBe(3);
    expect(await notes()).toEqual(["created", "also", "updated", "destroyed"]);
    const stamped = await layer.read(entries, {});
    expect(stamped.every((e) => typeof e.at === "string" && String(e.at).endsWith("Z"))).toBe(true);
  });

  it("a write that writes nothing inserts none; a failing companion undoes the write", async () => {
    const { layer, items, notes, companion } = await setup();
    await layer.create(items, { id: 2, name: "x", n: 5 }, undefined, { companions: [companion("taken")] });
    const none = await layer.update(items, { id: 2 }, { name: "y" }, undefined, {
      filter: op("==", ref("n"), lit(6)),
      companions: [companion("refused")],
    });
    expect(none).toBeNull();
    await expect(
      layer.update(items, { id: 2 }, { name: "z" }, undefined, { companions: [companion("taken")] }),
    ).rejects.toBeInstanceOf(UniqueViolation);
    expect((await layer.read(items, {}))[0]?.name).toBe("x");
    expect(await notes()).toEqual(["taken"]);
  });
}

describe("companions on pglite", () => scenarios(`${run}_pglite`, () => pgliteClient()));
describe.skipIf(!server.available)("companions on the PostgreSQL server", () =>
  scenarios(`${run}_pg`, async () => pgClient({ connectionString: server.url, max: 2 })),
);
