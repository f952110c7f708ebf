import { beforeEach, describe, expect, it } from "vitest";
import { afterAction, beforeAction } from "../changes/hooks.js";
import { create, createApp, defaults, domain, read, resource, t } from "../index.js";
import { type CountingLayer, countingLayer } from "./counting-layer.js";
import type { LayerFactory } from "./helpdesk.js";

const order: string[] = [];

const TagLog = resource("tagLog", {
  attributes: { id: t.integer().primaryKey().generated(), tag: t.string() },
  actions: { ...defaults("read", "create") },
});

/** Each tag's after-action hook creates a log entry: a nested create, inside the batch's transaction. */
const Tag = resource("tag", {
  attributes: { id: t.uuidv7().primaryKey(), name: t.string(), n: t.integer() },
  identities: { uniqueName: ["name"] },
  actions: {
    read: read({ primary: true }),
    create: create({
      accept: ["name", "n"],
      changes: [
        beforeAction((cs) => void order.push(`before:${String(cs.getAttribute("name"))}`)),
        afterAction(async (cs, record) => {
          order.push(`after:${String(record.name)}`);
          await cs.actions.create(TagLog, "create", { tag: record.name });
        }),
      ],
    }),
  },
});

const Tags = domain("tags", { resources: [Tag, TagLog] });

const build = (dataLayer: CountingLayer) => createApp({ domains: [Tags], dataLayer });

const inputs = (...names: string[]) => names.map((name, n) => ({ name, n }));

/**
 * Bulk creates insert each batch's rows together (one multi-row insert) on layers with `createMany`, and keep
 * every per-record behaviour: hooks in order, nested creates, errors blamed on the right input.
 */
export function bulkInsertScenarios(makeLayer: LayerFactory): void {
  describe("bulk create: rows inserted together", () => {
    let layer: CountingLayer;
    let app: Awaited<ReturnType<typeof build>>;
    const stored = async () => (await app.engine.read(Tag, "read")).map((r) => String(r.name)).sort();
    const logs = async () => (await app.engine.read(TagLog, "read")).map((r) => String(r.tag)).sort();
    beforeEach(async () => {
      layer = countingLayer(await makeLayer());
      app = await build(layer);
      order.length = 0;
    });

    it("250 creates in batches of 100 are 3 inserts of 100, 100 and 50 rows, answered in input order", async () => {
      const names = Array.from({ length: 250 }, (_, i) => `t${String(i).padStart(3, "0")}`);
      const result = await app.engine.bulkCreate(Tag, "create", inputs(...names), { notify: false });
      expect(result.status).toBe("success");
      expect(result.records.map((r) => r.name)).toEqual(names);
      expect(result.records.map((r) => r.n)).toEqual(names.map((_, i) => i));
      if (layer.createMany) expect(layer.insertedTogether).toEqual([100, 100, 50]);
      expect(await stored()).toEqual(names);
      expect((await logs()).length).toBe(250);
    });

    it("every record's before-action hook runs before the insert, then every after-action hook, in order", async () => {
      await app.engine.bulkCreate(Tag, "create", inputs("a", "b", "c"));
      const expected = layer.createMany
        ? ["before:a", "before:b", "before:c", "after:a", "after:b", "after:c"]
        : ["before:a", "after:a", "before:b", "after:b", "before:c", "after:c"];
      expect(order).toEqual(expected);
      expect(await logs()).toEqual(["a", "b", "c"]);
    });

    it("a duplicate is blamed on its own input; the rest of its batch rolls back, other batches commit", async () => {
      await app.engine.create(Tag, "create", { name: "taken", n: 0 });
      const result = await app.engine.bulkCreate(Tag, "create", inputs("a", "b", "taken", "c", "d"), {
        batchSize: 3,
      });
      expect(result.status).toBe("partial_success");
      const codes = result.errors.map(
        (e) => `${e.index}:${e.error.errors[0]?.code}:${e.error.errors[0]?.field ?? ""}`,
      );
      expect(codes).toEqual(["0:batch_rolled_back:", "1:batch_rolled_back:", "2:unique:name"]);
      expect(result.records.map((r) => r.name)).toEqual(["c", "d"]);
      expect(await stored()).toEqual(["c", "d", "taken"]);
      expect(await logs()).toEqual(["c", "d", "taken"]);
    });

    it("two inputs of one batch that collide: the later one is blamed", async () => {
      const result = await app.engine.bulkCreate(Tag, "create", inputs("x", "y", "x"), {
        transaction: "all",
        stopOnError: false,
      });
      expect(result.status).toBe("error");
      const codes = result.errors.map((e) => `${e.index}:${e.error.errors[0]?.code}`);
      expect(codes).toEqual(["0:batch_rolled_back", "1:batch_rolled_back", "2:unique"]);
      expect(await stored()).toEqual([]);
      expect(await logs()).toEqual([]);
    });

    it("transaction none writes each record on its own: nothing is inserted together", async () => {
      const result = await app.engine.bulkCreate(Tag, "create", inputs("p", "q"), { transaction: "none" });
      expect(result.status).toBe("success");
      expect(layer.insertedTogether).toEqual([]);
      expect(await stored()).toEqual(["p", "q"]);
    });
  });
}
