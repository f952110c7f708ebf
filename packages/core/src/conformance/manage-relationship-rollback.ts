import { beforeEach, describe, expect, it } from "vitest";
import type { LayerFactory } from "./helpdesk.js";
import {
  Comment,
  type DeskContext,
  delivered,
  invalidFrom,
  makeDesk,
  Tag,
  Ticket,
  TicketTag,
} from "./manage-relationship-desk.js";

type Row = Record<string, unknown>;

/**
 * manageRelationship inside the parent's transaction: a failing related write fails the parent with errors on
 * the argument, and leaves nothing written; notifications of related writes wait for the commit.
 */
export function manageRelationshipRollbackScenarios(makeLayer: LayerFactory): void {
  describe("manageRelationship, transactions", () => {
    let desk: DeskContext;
    let ticket: Row;

    beforeEach(async () => {
      desk = await makeDesk(makeLayer);
      ticket = await desk.e.create(Ticket, "create", { subject: "Printer on fire" });
      delivered.length = 0;
    });

    describe("nested failures", () => {
      it("surface on the argument at each entry's index, and roll back the parent and every related write", async () => {
        const error = await invalidFrom(
          desk.e.create(Ticket, "openWithNewTags", {
            subject: "Paper jam",
            tags: [{ name: "paper" }, { name: "" }, { name: "tray" }, {}],
          }),
        );
        expect(error.errors.map((e) => e.toJSON())).toEqual([
          expect.objectContaining({ field: "tags", path: [1, "name"], source: "ticket.openWithNewTags" }),
          expect.objectContaining({ code: "required", field: "tags", path: [3, "name"] }),
        ]);
        expect(String(error.message)).toContain("ticket.openWithNewTags: tags.1.name");
        // Read back: no new ticket, none of the tags created before or after the failing entry, no join records.
        expect((await desk.all(Ticket)).map((t) => t.subject)).toEqual(["Printer on fire"]);
        expect(await desk.all(Tag)).toEqual([]);
        expect(await desk.all(TicketTag)).toEqual([]);
        expect(delivered).toEqual([]);
      });

      it("undo the updates, creates and destroys already made for the earlier entries of an update", async () => {
        const c1 = await desk.e.create(Comment, "create", { body: "one", ticketId: ticket.id });
        const c2 = await desk.e.create(Comment, "create", { body: "two", ticketId: ticket.id });
        delivered.length = 0;
        const error = await invalidFrom(
          desk.e.update(Ticket, "editComments", ticket, {
            comments: [{ id: c1.id, body: "one, edited" }, { body: "new" }, { body: "" }],
          }),
        );
        expect(error.errors).toHaveLength(1);
        expect(error.errors[0]).toMatchObject({ field: "comments", path: [2, "body"] });
        const comments = await desk.all(Comment);
        expect(comments.map((c) => [c.id, c.body, c.ticketId])).toEqual([
          [c1.id, "one", ticket.id],
          [c2.id, "two", ticket.id],
        ]);
        expect(delivered).toEqual([]);
      });

      it("of related records not in the input name the record in the message", async () => {
        const pinned = await desk.e.create(Comment, "create", { body: "pinned", ticketId: ticket.id });
        const error = await invalidFrom(
          desk.e.update(Ticket, "editComments", ticket, { comments: [{ body: "new" }] }),
        );
        expect(error.errors.map((e) => e.toJSON())).toEqual([
          expect.objectContaining({
            field: "comments",
            path: ["body"],
            message: `destroying comment "${pinned.id}": is pinned`,
          }),
        ]);
        expect(await desk.commentsOf(ticket)).toEqual(["pinned"]);
      });
    });

    describe("notifications of related writes", () => {
      it("are delivered after the commit, with the parent's", async () => {
        const hardware = await desk.e.create(Tag, "create", { name: "hardware" });
        const network = await desk.e.create(Tag, "create", { name: "network" });
        delivered.length = 0;
        await desk.e.create(Ticket, "openWithTags", { subject: "VPN down", tags: [hardware.id, network.id] });
        // One ticket was committed before the call; every notification saw the second one committed.
        expect(delivered).toEqual([
          { resource: "ticketTag", action: "create", committedTickets: 2 },
          { resource: "ticketTag", action: "create", committedTickets: 2 },
          { resource: "ticket", action: "openWithTags", committedTickets: 2 },
        ]);
      });

      it("of created related records too, and none when the parent fails", async () => {
        await desk.e.create(Ticket, "openWithNewTags", { subject: "Toner", tags: [{ name: "toner" }] });
        expect(delivered.map((d) => [d.resource, d.action, d.committedTickets])).toEqual([
          ["tag", "create", 2],
          ["ticketTag", "create", 2],
          ["ticket", "openWithNewTags", 2],
        ]);
        delivered.length = 0;
        await invalidFrom(desk.e.create(Ticket, "openWithNewTags", { subject: "", tags: [{ name: "ok" }] }));
        await invalidFrom(
          desk.e.create(Ticket, "openWithNewTags", { subject: "Fine", tags: [{ name: "" }] }),
        );
        expect(delivered).toEqual([]);
      });
    });
  });
}
