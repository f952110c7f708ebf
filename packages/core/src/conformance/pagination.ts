import { describe, expect, expectTypeOf, it } from "vitest";
import { InvalidError } from "../index.js";
import { type LayerFactory, seededApp, Ticket } from "./helpdesk.js";

async function withTickets(makeLayer: LayerFactory, n: number) {
  const seeded = await seededApp(await makeLayer());
  for (let i = 0; i < n; i++) {
    await seeded.app.engine.create(Ticket, "create", {
      subject: `T${String(i).padStart(2, "0")}`,
      priority: i % 2 ? "low" : "high",
    });
  }
  seeded.layer.reads = 0;
  return seeded;
}

/** Offset and keyset pages, limits, counts and streaming. */
export function paginationScenarios(makeLayer: LayerFactory): void {
  describe("pagination", () => {
    it("pages by offset with a total count, typed as a page", async () => {
      const { app } = await withTickets(makeLayer, 7);
      const page = await app.helpdesk.listTickets({
        sort: ["subject"],
        page: { limit: 4, offset: 2, count: true },
      });
      expectTypeOf(page.results[0]?.subject).toEqualTypeOf<string | undefined>();
      // Sorted: "Password", "Printer on fire", T00..T06, "VPN down".
      expect(page.results.map((t) => t.subject)).toEqual(["T00", "T01", "T02", "T03"]);
      expect(page).toMatchObject({ limit: 4, offset: 2, count: 10, hasMore: true });
      const last = await app.helpdesk.listTickets({ sort: ["subject"], page: { limit: 4, offset: 8 } });
      expect(last.results).toHaveLength(2);
      expect(last.hasMore).toBe(false);
      expect(last.count).toBeUndefined();
    });

    it("pages by keyset forwards and backwards, sorted on an aggregate, never skipping or repeating", async () => {
      const { app } = await withTickets(makeLayer, 7);
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await app.helpdesk.listTickets({
          sort: ["-commentCount", "subject"],
          page: { limit: 3, ...(after ? { after } : {}) },
        });
        seen.push(...page.results.map((t) => t.subject));
        if (!page.hasMore) break;
        after = page.endCursor;
      }
      const all = await app.helpdesk.listTickets({ sort: ["-commentCount", "subject"] });
      expect(seen).toEqual(all.map((t) => t.subject));
      expect(new Set(seen).size).toBe(10);
      const middle = await app.helpdesk.listTickets({
        sort: ["-commentCount", "subject"],
        page: { limit: 3, offset: 4 },
      });
      const before = await app.helpdesk.listTickets({
        sort: ["-commentCount", "subject"],
        page: { limit: 2, before: middle.startCursor as string },
      });
      expect(before.results.map((t) => t.subject)).toEqual(all.slice(2, 4).map((t) => t.subject));
      expect(before.hasMore).toBe(true);
    });

    it("keeps keyset pages stable while records are inserted before the cursor", async () => {
      const { app } = await withTickets(makeLayer, 6);
      const first = await app.helpdesk.listTickets({ sort: ["subject"], page: { limit: 4 } });
      await app.engine.create(Ticket, "create", { subject: "A first" });
      const next = await app.helpdesk.listTickets({
        sort: ["subject"],
        page: { limit: 4, after: first.endCursor as string },
      });
      // The first page ended at T01; the new "A first" sorts before it and must not shift the next page.
      expect(first.results.map((t) => t.subject)).toEqual(["Password", "Printer on fire", "T00", "T01"]);
      expect(next.results[0]?.subject).toBe("T02");
    });

    it("applies an action's default and maximum limits; a required pagination always answers pages", async () => {
      const { app } = await withTickets(makeLayer, 5);
      const page = await app.helpdesk.pageTickets();
      expectTypeOf(page.results).toBeArray();
      expect(page.limit).toBe(2);
      expect((await app.helpdesk.pageTickets({ page: { limit: 100 } })).limit).toBe(3);
    });

    it("rejects what the action does not allow, and cursors that do not belong to the read", async () => {
      const { app } = await withTickets(makeLayer, 3);
      const bad = [
        app.engine.readPage(Ticket, "noCursor", { page: { after: "x" } }),
        app.engine.readPage(Ticket, "noCursor", { page: { count: true } }),
        app.engine.readPage(Ticket, "read", { page: { limit: 0 } }),
        app.engine.readPage(Ticket, "read", { page: { after: "not-a-cursor" } }),
        app.engine.readPage(Ticket, "read", { page: { offset: 1, after: "x" } }),
      ];
      for (const call of bad) await expect(call).rejects.toBeInstanceOf(InvalidError);
    });

    it("streams every record in keyset batches", async () => {
      const { app, layer } = await withTickets(makeLayer, 9);
      const subjects: string[] = [];
      for await (const t of app.engine.stream(Ticket, "read", { sort: ["subject"], batchSize: 4 }))
        subjects.push(String(t.subject));
      expect(subjects).toHaveLength(12);
      expect(layer.reads).toBe(3);
    });
  });
}
