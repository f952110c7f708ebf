import { beforeEach, describe, expect, it } from "vitest";
import type { LayerFactory } from "./helpdesk.js";
import {
  type DeskContext,
  invalidFrom,
  makeDesk,
  Tag,
  Ticket,
  TicketTag,
} from "./manage-relationship-desk.js";

type Row = Record<string, unknown>;

/** manageRelationship on a manyToMany relationship: relating and unrelating are join records. */
export function manageRelationshipManyScenarios(makeLayer: LayerFactory): void {
  describe("manageRelationship, manyToMany", () => {
    let desk: DeskContext;
    let ticket: Row;
    let other: Row;
    let hardware: Row;
    let network: Row;
    let printer: Row;

    beforeEach(async () => {
      desk = await makeDesk(makeLayer);
      const { e } = desk;
      ticket = await e.create(Ticket, "create", { subject: "Printer on fire" });
      other = await e.create(Ticket, "create", { subject: "VPN down" });
      hardware = await e.create(Tag, "create", { name: "hardware" });
      network = await e.create(Tag, "create", { name: "network" });
      printer = await e.create(Tag, "create", { name: "printer" });
      for (const [t, tag] of [
        [ticket, hardware],
        [ticket, network],
        [other, network],
      ] as const) {
        await e.create(TicketTag, "create", { ticketId: t.id, tagId: tag.id });
      }
    });

    const tagNames = async () => (await desk.all(Tag)).map((t) => t.name).sort();

    describe("manyToMany", () => {
      it("append relates existing records through join records, keeping the others", async () => {
        const result = await desk.e.update(Ticket, "appendTags", ticket, { tags: [printer.id] });
        expect(result).toEqual({ id: ticket.id, subject: "Printer on fire", assigneeId: null });
        expect(await desk.tagsOf(ticket)).toEqual(["hardware", "network", "printer"]);
        expect(await desk.tagsOf(other)).toEqual(["network"]);
      });

      it("never duplicates a join record: related records and repeated entries are skipped", async () => {
        await desk.e.update(Ticket, "appendTags", ticket, {
          tags: [hardware.id, printer.id, { id: printer.id }, printer.id],
        });
        expect(await desk.joinsOf(ticket)).toBe(3);
        expect(await desk.tagsOf(ticket)).toEqual(["hardware", "network", "printer"]);
      });

      it("append fails on a key that names no record, and relates nothing", async () => {
        const missing = "0190a8f2-0000-7000-8000-000000000000";
        const error = await invalidFrom(
          desk.e.update(Ticket, "appendTags", ticket, { tags: [printer.id, missing] }),
        );
        expect(error.errors[0]).toMatchObject({ code: "not_found", field: "tags", path: [1] });
        expect(await desk.tagsOf(ticket)).toEqual(["hardware", "network"]);
      });

      it("a bad key is an error at its index before anything runs", async () => {
        const error = await invalidFrom(
          desk.e.update(Ticket, "appendTags", ticket, { tags: [printer.id, "nope", true] }),
        );
        expect(error.errors.map((e) => [e.code, e.path])).toEqual([
          ["invalid_type", [1, "id"]],
          ["invalid_type", [2]],
        ]);
        expect(await desk.joinsOf(ticket)).toBe(2);
      });

      it("appendAndRemove destroys the join records of the records not given; the records stay", async () => {
        await desk.e.update(Ticket, "setTags", ticket, { tags: [network.id, printer.id] });
        expect(await desk.tagsOf(ticket)).toEqual(["network", "printer"]);
        expect(await desk.joinsOf(ticket)).toBe(2);
        expect(await tagNames()).toEqual(["hardware", "network", "printer"]);
        expect(await desk.tagsOf(other)).toEqual(["network"]);
      });

      it("remove destroys the given records' join records, and fails on records that are not related", async () => {
        await desk.e.update(Ticket, "removeTags", ticket, { tags: [hardware.id] });
        expect(await desk.tagsOf(ticket)).toEqual(["network"]);
        expect(await tagNames()).toEqual(["hardware", "network", "printer"]);
        const error = await invalidFrom(
          desk.e.update(Ticket, "removeTags", ticket, { tags: [network.id, printer.id] }),
        );
        expect(error.errors[0]).toMatchObject({ code: "not_related", path: [1] });
        expect(await desk.tagsOf(ticket)).toEqual(["network"]);
      });

      it("directControl updates given records, creates and relates new ones, destroys the rest with their joins", async () => {
        // Only this ticket's join records go with a destroyed tag, so network is made this ticket's alone first.
        await desk.e.update(Ticket, "setTags", other, { tags: [] });
        await desk.e.update(Ticket, "editTags", ticket, {
          tags: [{ id: hardware.id, name: "hardware!" }, { name: "toner" }],
        });
        expect(await desk.tagsOf(ticket)).toEqual(["hardware!", "toner"]);
        expect(await desk.joinsOf(ticket)).toBe(2);
        expect(await tagNames()).toEqual(["hardware!", "printer", "toner"]);
        expect(await desk.all(TicketTag)).toHaveLength(2);
      });

      it("directControl with onMissing unrelate only destroys the join records", async () => {
        await desk.e.update(Ticket, "editTagsUnrelate", ticket, { tags: [{ id: hardware.id }] });
        expect(await desk.tagsOf(ticket)).toEqual(["hardware"]);
        expect(await tagNames()).toEqual(["hardware", "network", "printer"]);
        expect(await desk.tagsOf(other)).toEqual(["network"]);
      });

      it("create creates and relates new records, leaving the related ones", async () => {
        await desk.e.update(Ticket, "addTags", ticket, { tags: [{ name: "urgent" }] });
        expect(await desk.tagsOf(ticket)).toEqual(["hardware", "network", "urgent"]);
      });

      it("works in create actions", async () => {
        const opened = await desk.e.create(Ticket, "openWithTags", {
          subject: "Paper jam",
          tags: [printer.id],
        });
        expect(await desk.tagsOf(opened)).toEqual(["printer"]);
      });
    });
  });
}
