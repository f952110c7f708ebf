import { describe, expect, it } from "vitest";
import { exists, lit, op, parent, ref } from "../index.js";
import { Comment, type LayerFactory, seededApp, Ticket, User } from "./helpdesk.js";

/** Calculations, aggregates, paths, to-many semantics and relationship loads. */
export function loadScenarios(makeLayer: LayerFactory): void {
  describe("query engine", () => {
    it("loads aggregates, expression and function calculations in the records' own query", async () => {
      const { app, layer, fire } = await seededApp(await makeLayer());
      const rows = await app.engine.read(Ticket, "read", {
        load: ["commentCount", "lastCommentAt", "isUrgent", "shout"],
        sort: ["subject"],
      });
      expect(layer.reads).toBe(1);
      const f = rows.find((r) => r.id === fire.id);
      expect(f).toMatchObject({ commentCount: 3, isUrgent: true, shout: "PRINTER ON FIRE" });
      expect(rows.map((r) => r.commentCount)).toEqual([0, 3, 1]);
    });

    it("filters and sorts on aggregates, calculations and to-one paths", async () => {
      const { app } = await seededApp(await makeLayer());
      const busy = await app.engine.read(Ticket, "read", {
        filter: { commentCount: { gte: 1 } },
        sort: ["-commentCount"],
      });
      expect(busy.map((t) => t.subject)).toEqual(["Printer on fire", "VPN down"]);
      const urgent = await app.engine.read(Ticket, "read", { filter: op("==", ref("isUrgent"), lit(true)) });
      expect(urgent.map((t) => t.subject)).toEqual(["Printer on fire"]);
      const byAgent = await app.engine.read(Ticket, "read", {
        filter: op("==", ref("role", ["reporter"]), lit("agent")),
      });
      expect(byAgent.map((t) => t.subject)).toEqual(["Password"]);
      const sortedByReporter = await app.engine.read(Ticket, "read", { sort: ["reporter.name", "subject"] });
      expect(sortedByReporter.map((t) => t.subject)).toEqual(["Password", "Printer on fire", "VPN down"]);
      // An enum reached through a path sorts in declared order (customer < agent < admin), not alphabetically.
      const byRole = await app.engine.read(Ticket, "read", { sort: ["-reporter.role", "subject"] });
      expect(byRole.map((t) => t.subject)).toEqual(["Password", "Printer on fire", "VPN down"]);
    });

    it("reads a path through a to-many relationship as 'any related record matches'", async () => {
      const { app, ann } = await seededApp(await makeLayer());
      const liked = await app.engine.read(Ticket, "read", {
        filter: op(">", ref("likes", ["comments"]), lit(5)),
      });
      expect(liked.map((t) => t.subject)).toEqual(["Printer on fire"]);
      const annCommented = await app.engine.read(Ticket, "read", {
        filter: op("==", ref("authorId", ["comments"]), lit(ann.id)),
        sort: ["subject"],
      });
      expect(annCommented.map((t) => t.subject)).toEqual(["Printer on fire", "VPN down"]);
      const reporterCommented = await app.engine.read(Ticket, "read", {
        filter: exists(["comments"], op("==", ref("authorId"), parent(ref("reporterId")))),
      });
      expect(reporterCommented.map((t) => t.subject)).toEqual(["Printer on fire"]);
    });

    it("loads nested relationships with one query per level, whatever the number of records", async () => {
      const { app, layer } = await seededApp(await makeLayer());
      const users = await app.engine.read(User, "read", {
        sort: ["name"],
        load: [
          "ticketCount",
          {
            tickets: {
              sort: ["subject"],
              load: [{ comments: { sort: ["-likes"], limit: 2, load: ["author"] } }, "tags"],
            },
          },
        ],
      });
      // users, tickets, comments, authors, tag joins, tags
      expect(layer.reads).toBe(6);
      const bob = users.find((u) => u.name === "Bob") as Record<string, unknown> & {
        tickets: Record<string, unknown>[];
      };
      expect(bob.ticketCount).toBe(2);
      expect(bob.tickets.map((t) => t.subject)).toEqual(["Printer on fire", "VPN down"]);
      const fire = bob.tickets[0] as {
        comments: { body: string; author: { name: string } }[];
        tags: { name: string }[];
      };
      expect(fire.comments.map((c) => c.body)).toEqual(["Fixed", "On it"]);
      expect(fire.comments[0]?.author.name).toBe("Ann");
      expect((bob.tickets[1] as { tags: { name: string }[] }).tags.map((t) => t.name).sort()).toEqual([
        "hardware",
        "network",
      ]);
      expect(fire.tags.map((t) => t.name)).toEqual(["hardware"]);
    });

    it("loads belongsTo as a record or null", async () => {
      const { app } = await seededApp(await makeLayer());
      const comments = await app.engine.read(Comment, "read", { load: ["ticket", "author"], sort: ["body"] });
      expect(comments.map((c) => (c.ticket as { subject: string }).subject)).toContain("VPN down");
    });

    it("rejects unknown names in filter, sort and load as input errors", async () => {
      const { app } = await seededApp(await makeLayer());
      await expect(app.engine.read(Ticket, "read", { filter: { nope: 1 } as never })).rejects.toThrow(/nope/);
      await expect(app.engine.read(Ticket, "read", { sort: ["nope"] as never })).rejects.toThrow(/nope/);
      await expect(app.engine.read(Ticket, "read", { load: ["nope"] })).rejects.toThrow(/loadable/);
      await expect(
        app.engine.read(Ticket, "read", { filter: op("==", ref("shout"), lit("x")) }),
      ).rejects.toThrow(/computed in code/);
    });
  });
}
