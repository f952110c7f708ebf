import { beforeEach, describe, expect, it } from "vitest";
import { FrameworkError, InvalidError } from "../index.js";
import {
  type BulkContext,
  bulkApp,
  codesOf,
  Item,
  log,
  named,
  namesOf,
  notified,
  storedNames,
} from "./bulk-fixture.js";
import type { LayerFactory } from "./helpdesk.js";

/** bulkUpdate and bulkDestroy, by list and by query (keyset pages of batchSize). */
export function bulkChangeScenarios(makeLayer: LayerFactory): void {
  describe("bulk update and destroy", () => {
    let ctx: BulkContext;

    /** Seeds items named by `names` (n = position), then clears the counters, the log and the notifications. */
    async function seed(...names: string[]) {
      const { records } = await ctx.engine.bulkCreate(Item, "seed", named(...names), { notify: false });
      ctx.layer.outermost = 0;
      ctx.layer.readLimits.length = 0;
      log.length = 0;
      return records;
    }
    const many = (count: number) => Array.from({ length: count }, (_, i) => `i${i}`);
    const stored = () => ctx.engine.read(Item, "read", { sort: ["n"] });

    beforeEach(async () => {
      ctx = await bulkApp(makeLayer);
    });

    describe("bulkUpdate by list", () => {
      it("updates each record through the whole update lifecycle, announcing the previous record", async () => {
        const [a, b] = await seed("a", "b");
        const result = await ctx.engine.bulkUpdate(Item, "update", [a!, b!], { status: "done" });
        expect(result.status).toBe("success");
        expect(result.records.map((r) => [r.name, r.status])).toEqual([
          ["a", "done"],
          ["b", "done"],
        ]);
        expect(log.filter((e) => e.startsWith("before:"))).toEqual(["before:a", "before:b"]);
        expect((await stored()).map((r) => r.status)).toEqual(["done", "done"]);
        expect(notified.map((n) => [n.action, n.previous?.status, n.changes])).toEqual([
          ["update", "new", { status: "done" }],
          ["update", "new", { status: "done" }],
        ]);
      });

      it("takes primary keys too; a key that matches nothing fails at its index with not_found", async () => {
        const [a, b] = await seed("a", "b");
        const missing = "01890000-0000-7000-8000-000000000000";
        const result = await ctx.engine.bulkUpdate(
          Item,
          "update",
          [a!.id as string, missing, b!.id as string],
          {
            status: "done",
          },
          { transaction: "none" },
        );
        expect(namesOf(result.records)).toEqual(["a", "b"]);
        expect(codesOf(result.errors)).toEqual(["1:not_found"]);
        expect(result.errors[0]?.input).toEqual({ id: missing });
      });

      it("validations apply to every record: an invalid input fails them all", async () => {
        const records = await seed("a", "b");
        const result = await ctx.engine.bulkUpdate(Item, "update", records, { name: "bad" });
        expect(result).toMatchObject({ status: "error", errorCount: 2 });
        expect(codesOf(result.errors)).toEqual(["0:invalid", "1:invalid"]);
        expect(await storedNames()).toEqual(["a", "b"]);
      });

      it("refuses a single record passed where a list or a query belongs", async () => {
        const [a] = await seed("a");
        const call = ctx.engine.bulkUpdate(Item, "update", a!, { status: "done" });
        await expect(call).rejects.toBeInstanceOf(FrameworkError);
        await expect(call).rejects.toThrow(/the target is neither a list .* nor a query \(unknown keys .*id/);
        expect((await stored()).map((r) => r.status)).toEqual(["new"]);
      });
    });

    describe("bulkUpdate by query", () => {
      it("reads the matches in keyset pages of batchSize and updates each page in its own transaction", async () => {
        await seed(...many(250));
        const result = await ctx.engine.bulkUpdate(
          Item,
          "update",
          { filter: { n: { lt: 230 } } },
          { status: "done" },
          { batchSize: 100, notify: false },
        );
        expect(result).toMatchObject({ status: "success", errorCount: 0 });
        expect(result.records).toHaveLength(230);
        expect(new Set(result.records.map((r) => r.id)).size).toBe(230);
        expect(ctx.layer.outermost).toBe(3);
        // No read ever asked for more than one page (and the one record that tells whether more follow).
        expect(ctx.layer.readLimits).toEqual([101, 101, 101]);
        const rows = await stored();
        expect(rows.filter((r) => r.status === "done").map((r) => r.n)).toEqual([...Array(230).keys()]);
      });

      it("visits every match once even though the update takes records out of the filter", async () => {
        await seed(...many(25));
        const result = await ctx.engine.bulkUpdate(
          Item,
          "update",
          { filter: { status: "new" } },
          { status: "done" },
          { batchSize: 10, returnRecords: false },
        );
        expect(result).toEqual({ status: "success", records: [], errors: [], errorCount: 0 });
        expect((await stored()).every((r) => r.status === "done")).toBe(true);
        expect(notified).toHaveLength(25);
        expect(ctx.layer.outermost).toBe(3);
      });

      it("a failing record rolls back its page; indexes follow the read order; only committed records notify", async () => {
        await seed("a", "b", "explode", "d", "e");
        const result = await ctx.engine.bulkUpdate(
          Item,
          "update",
          { sort: ["n"] },
          { status: "done" },
          { batchSize: 2 },
        );
        expect(result.status).toBe("partial_success");
        expect(namesOf(result.records)).toEqual(["a", "b", "e"]);
        expect(codesOf(result.errors)).toEqual(["2:unknown", "3:batch_rolled_back"]);
        expect(result.errors[1]?.input).toMatchObject({ name: "d", status: "new" });
        const rows = await stored();
        expect(rows.map((r) => `${r.name}:${r.status}`)).toEqual([
          "a:done",
          "b:done",
          "explode:new",
          "d:new",
          "e:done",
        ]);
        expect(namesOf(notified.map((n) => n.record))).toEqual(["a", "b", "e"]);
      });

      it('transaction "all" reads and writes every page in one transaction and rolls all back on error', async () => {
        await seed("a", "b", "explode", "d");
        const result = await ctx.engine.bulkUpdate(
          Item,
          "update",
          { sort: ["n"] },
          { status: "done" },
          {
            transaction: "all",
            batchSize: 1,
          },
        );
        expect(codesOf(result.errors)).toEqual(["0:batch_rolled_back", "1:batch_rolled_back", "2:unknown"]);
        expect(ctx.layer.outermost).toBe(1);
        expect((await stored()).map((r) => r.status)).toEqual(["new", "new", "new", "new"]);
        expect(notified).toEqual([]);
      });

      it('transaction "none": each record commits or fails on its own', async () => {
        await seed("a", "explode", "c");
        const result = await ctx.engine.bulkUpdate(
          Item,
          "update",
          { sort: ["n"] },
          { status: "done" },
          {
            transaction: "none",
            batchSize: 2,
          },
        );
        expect(namesOf(result.records)).toEqual(["a", "c"]);
        expect(codesOf(result.errors)).toEqual(["1:unknown"]);
        expect((await stored()).map((r) => `${r.name}:${r.status}`)).toEqual([
          "a:done",
          "explode:new",
          "c:done",
        ]);
        expect(ctx.layer.outermost).toBe(3);
      });

      it("an empty match is a success with no records", async () => {
        await seed("a");
        const result = await ctx.engine.bulkUpdate(
          Item,
          "update",
          { filter: { name: "zzz" } },
          { status: "done" },
        );
        expect(result).toEqual({ status: "success", records: [], errors: [], errorCount: 0 });
      });

      it("a read action that cannot page by cursor, or one that is not a read, is refused", async () => {
        await expect(
          ctx.engine.bulkUpdate(Item, "update", { readAction: "noCursor" }, { status: "done" }),
        ).rejects.toThrow("item.noCursor does not page by cursor");
        await expect(
          ctx.engine.bulkUpdate(Item, "update", { readAction: "create" }, { status: "done" }),
        ).rejects.toThrow("item.create is not a read action; readAction must be one of read, noCursor");
      });

      it("a filter naming an unknown field throws before anything is written", async () => {
        await seed("a");
        const call = ctx.engine.bulkUpdate(Item, "update", { filter: { colour: "red" } }, { status: "done" });
        await expect(call).rejects.toBeInstanceOf(InvalidError);
        expect((await stored()).map((r) => r.status)).toEqual(["new"]);
      });
    });

    describe("bulkDestroy", () => {
      it("destroys a list of records, answering them as they were", async () => {
        const records = await seed("a", "b", "c");
        const result = await ctx.engine.bulkDestroy(Item, "destroy", [records[0]!, records[2]!]);
        expect(result.status).toBe("success");
        expect(result.records).toEqual([records[0], records[2]]);
        expect(await storedNames()).toEqual(["b"]);
        expect(notified.map((n) => `${n.actionType}:${String(n.record.name)}`)).toEqual([
          "destroy:a",
          "destroy:c",
        ]);
      });

      it("by query, more records than batchSize: destroys exactly the matches", async () => {
        await seed(...many(250));
        const result = await ctx.engine.bulkDestroy(
          Item,
          "destroy",
          { filter: { n: { gte: 100 } } },
          {},
          {
            batchSize: 40,
            returnRecords: false,
          },
        );
        expect(result).toMatchObject({ status: "success", records: [], errorCount: 0 });
        expect(notified).toHaveLength(150);
        const rows = await stored();
        expect(rows.map((r) => r.n)).toEqual([...Array(100).keys()]);
        expect(ctx.layer.outermost).toBe(4);
      });

      it("a failing destroy rolls back its batch: every record of the batch survives", async () => {
        const records = await seed("a", "b", "explode", "d", "e");
        const result = await ctx.engine.bulkDestroy(Item, "destroy", records, {}, { batchSize: 2 });
        expect(codesOf(result.errors)).toEqual(["2:unknown", "3:batch_rolled_back"]);
        expect(result.errors[1]?.error.message).toContain("because input 2 failed");
        expect(await storedNames()).toEqual(["d", "explode"]);
        expect(namesOf(notified.map((n) => n.record))).toEqual(["a", "b", "e"]);
      });

      it("by query with stopOnError: stops at the failure, keeping the batches committed before it", async () => {
        await seed("a", "b", "c", "explode", "e", "f");
        const result = await ctx.engine.bulkDestroy(
          Item,
          "destroy",
          { sort: ["n"] },
          {},
          {
            batchSize: 2,
            stopOnError: true,
          },
        );
        expect(result.status).toBe("partial_success");
        expect(namesOf(result.records)).toEqual(["a", "b"]);
        expect(codesOf(result.errors)).toEqual(["2:batch_rolled_back", "3:unknown"]);
        expect(await storedNames()).toEqual(["c", "e", "explode", "f"]);
      });
    });
  });
}
