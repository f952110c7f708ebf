import { Comment, Tag, Ticket, TicketTag } from "example-helpdesk";
import { describe, expect, it } from "vitest";
import { allEvents, openTicket, twoOrgs } from "./fixture.js";

describe("destroying a ticket", () => {
  it("destroys its comments and tag links through their own actions, one event each, before its own", async () => {
    const w = await twoOrgs();
    const { admin, agent, customer } = w.acme;
    const ticket = await openTicket(w, customer, { priority: "urgent" });
    const keep = await openTicket(w, customer, { subject: "keep me" });
    const id = ticket.id as string;
    await w.e.create(Comment, "create", { ticketId: id, body: "on it" }, { actor: agent });
    await w.e.create(Comment, "create", { ticketId: keep.id, body: "stays" }, { actor: agent });
    const tags = [
      await w.e.create(Tag, "create", { name: "a" }, { actor: agent }),
      await w.e.create(Tag, "create", { name: "b" }, { actor: agent }),
    ];
    await w.e.update(Ticket, "addTags", id, { tags: tags.map((t) => t.id) }, { actor: agent });
    await w.e.update(Ticket, "addTags", keep.id as string, { tags: [tags[0]?.id] }, { actor: agent });
    const before = (await allEvents(w)).length;

    await w.e.destroy(
      Ticket,
      "destroy",
      id,
      {},
      { actor: admin, context: { eventMetadata: { source: "test" } } },
    );

    const events = (await allEvents(w)).slice(before);
    expect(events.map((e) => [e.resource, e.action, e.actionType])).toEqual([
      ["comment", "destroy", "destroy"],
      ["comment", "destroy", "destroy"],
      ["ticketTag", "destroy", "destroy"],
      ["ticketTag", "destroy", "destroy"],
      ["ticket", "destroy", "destroy"],
    ]);
    expect(events.every((e) => e.actorId === admin.id)).toBe(true);
    expect(events.every((e) => (e.metadata as { source?: string }).source === "test")).toBe(true);
    const trusted = { authorize: false } as const;
    expect((await w.e.read(Comment, "read", trusted)).map((c) => c.body)).toEqual(["stays"]);
    expect(await w.e.read(TicketTag, "read", { ...trusted, filter: { ticketId: id } })).toEqual([]);
    expect(await w.e.read(TicketTag, "read", trusted)).toHaveLength(1);
    expect(await w.e.read(Tag, "read", trusted)).toHaveLength(2);
    expect((await w.e.read(Ticket, "read", trusted)).map((t) => t.subject)).toEqual(["keep me"]);
  });
});
