import {
  create,
  createApp,
  define,
  domain,
  lit,
  memory,
  op,
  read,
  ref,
  resource,
  t,
  update,
} from "@ashlar/core";
import { describe, expect, it } from "vitest";

const Counter = resource("counter", {
  attributes: {
    id: t.integer().primaryKey().generated(),
    label: t.string(),
    note: t.string().optional(),
    hits: t.integer().default(0),
  },
  actions: {
    read: read({ primary: true }),
    add: create({ accept: ["label", "note"] }),
    rename: update({ accept: ["label"] }),
  },
});

const Counters = domain("counters", {
  resources: [Counter],
  interface: {
    add: define(Counter, "add", { args: ["label"] }),
    list: define(Counter, "read"),
    rename: define(Counter, "rename", { args: ["label"] }),
  },
});

describe("fields of a created record", () => {
  it("carries every attribute: unset optional ones are null, in the answer and when read back", async () => {
    const app = await createApp({ domains: [Counters], dataLayer: memory() });
    const c = await app.counters.add("first");
    expect(c).toEqual({ id: 1, label: "first", note: null, hits: 0 });
    expect(await app.counters.list()).toEqual([c]);
  });

  it("fills generated integer keys from a per-table sequence that a rollback does not rewind", async () => {
    const app = await createApp({ domains: [Counters], dataLayer: memory() });
    const a = await app.counters.add("a");
    await expect(
      app.transaction(async () => {
        await app.counters.add("b");
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const c = await app.counters.add("c");
    expect([a.id, c.id]).toEqual([1, 3]);
    expect((await app.counters.list()).map((r) => r.label)).toEqual(["a", "c"]);
  });
});

describe("atomic updates in the memory layer", () => {
  it("computes atomics from the row as it is when written, ahead of plain changes", async () => {
    const app = await createApp({ domains: [Counters], dataLayer: memory() });
    const c = await app.counters.add("x");
    const table = app.engine.runtimeOf(Counter).table;
    await app.dataLayer.update(table, { id: c.id }, { hits: 100 }, undefined, {
      atomics: { hits: op("+", ref("hits"), lit(5)) },
    });
    await app.dataLayer.update(table, { id: c.id }, {}, undefined, {
      atomics: { hits: op("+", ref("hits"), lit(5)) },
    });
    const [row] = await app.counters.list();
    expect(row?.hits).toBe(10);
  });
});
