import { beforeEach, describe, expect, it } from "vitest";
import { FrameworkError, InvalidError, UnknownError } from "../index.js";
import { bulkChangeScenarios } from "./bulk-change.js";
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

const befores = () => log.filter((e) => e.startsWith("before:"));
const notes = () => log.filter((e) => e.startsWith("notify:"));

/**
 * Bulk actions: bulkCreate here (lifecycle, transaction modes, notifications, options, misuse), bulkUpdate and
 * bulkDestroy in bulk-change.ts. Each scenario runs on a counting wrapper around a fresh data layer.
 */
export function bulkScenarios(makeLayer: LayerFactory): void {
  describe("bulk create", () => {
    let ctx: BulkContext;
    beforeEach(async () => {
      ctx = await bulkApp(makeLayer);
    });

    describe("bulkCreate", () => {
      it("creates every input through the whole lifecycle and answers the records in input order", async () => {
        const result = await ctx.engine.bulkCreate(Item, "create", named("a", "b", "c"));
        expect(result).toMatchObject({ status: "success", errors: [], errorCount: 0 });
        expect(namesOf(result.records)).toEqual(["a", "b", "c"]);
        expect(result.records.map((r) => r.stamp)).toEqual(["stamped", "stamped", "stamped"]);
        expect(result.records.map((r) => r.status)).toEqual(["new", "new", "new"]);
        expect(befores()).toEqual(["before:a", "before:b", "before:c"]);
        expect(await storedNames()).toEqual(["a", "b", "c"]);
        expect(namesOf(notified.map((n) => n.record))).toEqual(["a", "b", "c"]);
        expect(notified.map((n) => n.actionType)).toEqual(["create", "create", "create"]);
      });

      it("reports each failing input by index with its own error (required, validation, after-action hook)", async () => {
        const inputs = [{ name: "a" }, { name: "" }, { name: "bad" }, { name: "explode" }, { name: "b" }];
        const result = await ctx.engine.bulkCreate(Item, "create", inputs, { transaction: "none" });
        expect(result.status).toBe("partial_success");
        expect(codesOf(result.errors)).toEqual(["1:required", "2:invalid", "3:unknown"]);
        expect(result.errors.map((e) => e.input)).toEqual([inputs[1], inputs[2], inputs[3]]);
        expect(result.errors[0]?.error).toBeInstanceOf(InvalidError);
        expect(result.errors[1]?.error.errors[0]).toMatchObject({
          field: "name",
          message: "must not be bad",
        });
        expect(result.errors[2]?.error).toBeInstanceOf(UnknownError);
        expect(result.errors[2]?.error.message).toBe("explode failed after writing");
        expect(await storedNames()).toEqual(["a", "b"]);
      });

      it("accepts any iterable, even an async one, pulling it batch by batch", async () => {
        async function* inputs() {
          for (const name of ["a", "b", "c"]) {
            log.push(`pull:${name}`);
            yield { name };
          }
        }
        const result = await ctx.engine.bulkCreate(Item, "create", inputs(), { batchSize: 2, notify: false });
        expect(namesOf(result.records)).toEqual(["a", "b", "c"]);
        expect(ctx.layer.outermost).toBe(2);
        expect(log).toEqual(["pull:a", "pull:b", "before:a", "before:b", "pull:c", "before:c"]);
      });

      it("status is error when no record committed, and success for no inputs at all", async () => {
        const failed = await ctx.engine.bulkCreate(Item, "create", named("bad", "bad"));
        expect(failed).toMatchObject({ status: "error", records: [], errorCount: 2 });
        expect(await ctx.engine.bulkCreate(Item, "create", [])).toEqual({
          status: "success",
          records: [],
          errors: [],
          errorCount: 0,
        });
        expect(ctx.layer.outermost).toBe(1);
      });
    });

    describe('transaction: "batch" (the default)', () => {
      it("250 creates in batches of 100 run in exactly 3 transactions; 200 in exactly 2", async () => {
        const result = await ctx.engine.bulkCreate(
          Item,
          "create",
          named(...Array.from({ length: 250 }, (_, i) => `i${i}`)),
        );
        expect(result.status).toBe("success");
        expect(result.records).toHaveLength(250);
        expect(ctx.layer.outermost).toBe(3);
        ctx.layer.outermost = 0;
        const names = Array.from({ length: 200 }, (_, i) => `j${i}`);
        await ctx.engine.bulkCreate(Item, "create", named(...names), { batchSize: 100, notify: false });
        expect(ctx.layer.outermost).toBe(2);
      });

      it("a failing record rolls back its whole batch: the others report batch_rolled_back naming it", async () => {
        const result = await ctx.engine.bulkCreate(Item, "create", named("a", "bad", "c", "d", "e"), {
          batchSize: 2,
        });
        expect(result.status).toBe("partial_success");
        expect(namesOf(result.records)).toEqual(["c", "d", "e"]);
        expect(codesOf(result.errors)).toEqual(["0:batch_rolled_back", "1:invalid"]);
        const rolledBack = result.errors[0]!;
        expect(rolledBack.input).toEqual({ name: "a", n: 0 });
        expect(rolledBack.error).toBeInstanceOf(InvalidError);
        expect(rolledBack.error.message).toContain("because input 1 failed");
        expect(rolledBack.error.errors[0]?.source).toBe("item.create");
        expect(result.errorCount).toBe(2);
        expect(await storedNames()).toEqual(["c", "d", "e"]);
        expect(namesOf(notified.map((n) => n.record))).toEqual(["c", "d", "e"]);
      });

      it("without stopOnError, the rest of a failing batch is still tried so each input gets its own verdict", async () => {
        const result = await ctx.engine.bulkCreate(Item, "create", named("bad", "b", "explode", "d"), {
          batchSize: 4,
        });
        expect(befores()).toEqual(["before:b", "before:explode", "before:d"]);
        expect(codesOf(result.errors)).toEqual([
          "0:invalid",
          "1:batch_rolled_back",
          "2:unknown",
          "3:batch_rolled_back",
        ]);
        expect(result.errors[3]?.error.message).toContain("because input 0 failed");
        expect(result.status).toBe("error");
        expect(await storedNames()).toEqual([]);
      });

      it("stopOnError: the failing batch rolls back and nothing after the failure is tried", async () => {
        const result = await ctx.engine.bulkCreate(Item, "create", named("a", "b", "c", "bad", "e", "f"), {
          batchSize: 2,
          stopOnError: true,
        });
        expect(result.status).toBe("partial_success");
        expect(namesOf(result.records)).toEqual(["a", "b"]);
        expect(codesOf(result.errors)).toEqual(["2:batch_rolled_back", "3:invalid"]);
        expect(befores()).toEqual(["before:a", "before:b", "before:c"]);
        expect(await storedNames()).toEqual(["a", "b"]);
        expect(ctx.layer.outermost).toBe(2);
      });

      it("a commit the data layer refuses fails every record of that batch, and only those", async () => {
        ctx.layer.refuseCommitOf = 2;
        const result = await ctx.engine.bulkCreate(Item, "create", named("a", "b", "c", "d", "e"), {
          batchSize: 2,
        });
        expect(result.status).toBe("partial_success");
        expect(namesOf(result.records)).toEqual(["a", "b", "e"]);
        expect(codesOf(result.errors)).toEqual(["2:unknown", "3:unknown"]);
        expect(result.errors[0]?.error.message).toBe("commit refused");
        expect(await storedNames()).toEqual(["a", "b", "e"]);
        expect(namesOf(notified.map((n) => n.record))).toEqual(["a", "b", "e"]);
      });
    });

    describe('transaction: "all"', () => {
      it("succeeds in one transaction", async () => {
        const result = await ctx.engine.bulkCreate(Item, "create", named("a", "b", "c"), {
          transaction: "all",
          batchSize: 1,
        });
        expect(namesOf(result.records)).toEqual(["a", "b", "c"]);
        expect(ctx.layer.outermost).toBe(1);
      });

      it("any error rolls everything back, stopping at it by default", async () => {
        const result = await ctx.engine.bulkCreate(Item, "create", named("a", "b", "c", "bad", "e"), {
          transaction: "all",
          batchSize: 2,
        });
        expect(result).toMatchObject({ status: "error", records: [], errorCount: 4 });
        expect(codesOf(result.errors)).toEqual([
          "0:batch_rolled_back",
          "1:batch_rolled_back",
          "2:batch_rolled_back",
          "3:invalid",
        ]);
        expect(result.errors[0]?.error.message).toContain(
          "the bulk action's transaction because input 3 failed",
        );
        expect(befores()).toEqual(["before:a", "before:b", "before:c"]);
        expect(await storedNames()).toEqual([]);
        expect(notified).toEqual([]);
        expect(ctx.layer.outermost).toBe(1);
      });

      it("stopOnError false tries every input, reports each, and still commits nothing", async () => {
        const result = await ctx.engine.bulkCreate(Item, "create", named("a", "bad", "c", "", "e"), {
          transaction: "all",
          stopOnError: false,
        });
        expect(codesOf(result.errors)).toEqual([
          "0:batch_rolled_back",
          "1:invalid",
          "2:batch_rolled_back",
          "3:required",
          "4:batch_rolled_back",
        ]);
        expect(result.status).toBe("error");
        expect(await storedNames()).toEqual([]);
        expect(notified).toEqual([]);
      });
    });

    describe('transaction: "none"', () => {
      it("each record commits or fails on its own, in its own transaction", async () => {
        const result = await ctx.engine.bulkCreate(Item, "create", named("a", "bad", "c", "explode"), {
          transaction: "none",
          batchSize: 2,
        });
        expect(namesOf(result.records)).toEqual(["a", "c"]);
        expect(codesOf(result.errors)).toEqual(["1:invalid", "3:unknown"]);
        expect(await storedNames()).toEqual(["a", "c"]);
        // "bad" fails its validation before any transaction opens; "explode" opens one and rolls it back.
        expect(ctx.layer.outermost).toBe(3);
        expect(namesOf(notified.map((n) => n.record))).toEqual(["a", "c"]);
      });

      it("stopOnError stops at the first failure; what committed before it stays", async () => {
        const result = await ctx.engine.bulkCreate(Item, "create", named("a", "bad", "c"), {
          transaction: "none",
          stopOnError: true,
        });
        expect(result.status).toBe("partial_success");
        expect(codesOf(result.errors)).toEqual(["1:invalid"]);
        expect(befores()).toEqual(["before:a"]);
        expect(await storedNames()).toEqual(["a"]);
      });
    });

    describe("notifications", () => {
      it("one per committed record, delivered after its batch commits, none for rolled-back work", async () => {
        await ctx.engine.bulkCreate(Item, "create", named("a", "b", "c", "bad", "e"), { batchSize: 2 });
        // The notifier reads the items when notified: a batch's records are all visible by then.
        expect(notes()).toEqual(["notify:create:a:2", "notify:create:b:2", "notify:create:e:3"]);
      });

      it("in transaction none, each record is announced after its own commit", async () => {
        await ctx.engine.bulkCreate(Item, "create", named("a", "b"), { transaction: "none" });
        expect(notes()).toEqual(["notify:create:a:1", "notify:create:b:2"]);
      });

      it("notify: false delivers none, in every transaction mode", async () => {
        const received: string[] = [];
        ctx.app.pubsub.subscribe({}, (n) => void received.push(String(n.record.name)));
        for (const transaction of ["batch", "all", "none"] as const) {
          const result = await ctx.engine.bulkCreate(Item, "create", named(`x-${transaction}`), {
            transaction,
            notify: false,
          });
          expect(result.status).toBe("success");
        }
        expect(await storedNames()).toEqual(["x-all", "x-batch", "x-none"]);
        expect(notified).toEqual([]);
        expect(received).toEqual([]);
        await ctx.engine.create(Item, "create", { name: "single" });
        expect(received).toEqual(["single"]);
      });

      it("inside app.transaction, batches are savepoints and notifications wait for the outer commit", async () => {
        const result = await ctx.app.transaction(async () => {
          const inner = await ctx.engine.bulkCreate(Item, "create", named("a", "bad", "c", "d"), {
            batchSize: 2,
          });
          expect(notified).toEqual([]);
          return inner;
        });
        expect(namesOf(result.records)).toEqual(["c", "d"]);
        expect(ctx.layer.outermost).toBe(1);
        expect(await storedNames()).toEqual(["c", "d"]);
        expect(namesOf(notified.map((n) => n.record))).toEqual(["c", "d"]);
      });

      it("notify: false inside app.transaction drops the bulk action's notifications, not the others'", async () => {
        await ctx.app.transaction(async () => {
          await ctx.engine.create(Item, "create", { name: "outer" });
          await ctx.engine.bulkCreate(Item, "create", named("a", "b"), { notify: false });
        });
        expect(namesOf(notified.map((n) => n.record))).toEqual(["outer"]);
      });

      it("none when the enclosing transaction rolls back", async () => {
        const call = ctx.app.transaction(async () => {
          await ctx.engine.bulkCreate(Item, "create", named("a", "b"));
          throw new Error("outer failure");
        });
        await expect(call).rejects.toThrow("outer failure");
        expect(await storedNames()).toEqual([]);
        expect(notified).toEqual([]);
      });
    });

    describe("returnRecords and returnErrors", () => {
      it("returnRecords: false answers no records, yet writes them all", async () => {
        const result = await ctx.engine.bulkCreate(Item, "create", named("a", "b"), { returnRecords: false });
        expect(result).toEqual({ status: "success", records: [], errors: [], errorCount: 0 });
        expect(await storedNames()).toEqual(["a", "b"]);
      });

      it("returnErrors: false answers no errors, but still counts them and sets the status", async () => {
        const result = await ctx.engine.bulkCreate(Item, "create", named("a", "bad", "c"), {
          batchSize: 1,
          returnErrors: false,
        });
        expect(result).toMatchObject({ status: "partial_success", errors: [], errorCount: 1 });
        expect(namesOf(result.records)).toEqual(["a", "c"]);
      });
    });

    describe("misuse throws before anything is written", () => {
      it("a bad batchSize or transaction is an InvalidError naming the option", async () => {
        for (const [options, field] of [
          [{ batchSize: 0 }, "batchSize"],
          [{ batchSize: 2.5 }, "batchSize"],
          [{ transaction: "some" as "all" }, "transaction"],
        ] as const) {
          const error = await ctx.engine
            .bulkCreate(Item, "create", named("a"), options)
            .catch((e: unknown) => e);
          expect(error).toBeInstanceOf(InvalidError);
          expect((error as InvalidError).errors[0]).toMatchObject({ code: "invalid_option", field });
        }
        expect(await storedNames()).toEqual([]);
      });

      it("an unknown action, or one of another type, is a FrameworkError", async () => {
        await expect(ctx.engine.bulkCreate(Item, "nope", named("a"))).rejects.toBeInstanceOf(FrameworkError);
        await expect(ctx.engine.bulkCreate(Item, "update", named("a"))).rejects.toThrow(
          "item.update is a update action, not create",
        );
        await expect(ctx.engine.bulkUpdate(Item, "create", [])).rejects.toBeInstanceOf(FrameworkError);
        await expect(ctx.engine.bulkDestroy(Item, "update", [])).rejects.toBeInstanceOf(FrameworkError);
        expect(ctx.layer.outermost).toBe(0);
      });
    });
  });
  bulkChangeScenarios(makeLayer);
}
