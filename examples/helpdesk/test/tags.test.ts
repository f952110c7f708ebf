import { InvalidError } from "@ashlar/core";
import { Tag, Ticket, TicketTag } from "example-helpdesk";
import { describe, expect, it } from "vitest";
import { allEvents, failure, openTicket, twoOrgs } from "./fixture.js";

type Row = Record<string, unknown>;

async function taggingWorld() {
  const w = await twoOrgs();
  const ticket = await openTicket(w, w.acme.customer);
  const tag = (name: string) => w.e.create(Tag, "create", { name }, { actor: w.acme.agent });
  const tagNames = async (actor: Row = w.acme.agent) => {
    const [row] = await w.e.read(Ticket, "read", {
      actor,
      filter: { id: ticket.id as string },
      load: ["tags"],
    });
    return ((row?.tags ?? []) as Row[]).map((t) => t.name).sort();
  };
  const joins = () =>
    w.e.read(TicketTag, "read", { authorize: false, filter: { ticketId: ticket.id as string } });
  return { ...w, ticket, tag, tagNames, joins };
}

describe("tags", () => {
  it("agents and admins create tags in their own org", async () => {
    const w = await taggingWorld();
    const tag = await w.tag("printer");
    expect(tag).toMatchObject({ name: "printer", orgId: w.acme.orgId });
    const byAdmin = await w.e.create(Tag, "create", { name: "billing" }, { actor: w.acme.admin });
    expect(byAdmin.orgId).toBe(w.acme.orgId);
  });

  it("a name is unique in its org whatever its case, and a refused tag writes no event", async () => {
    const w = await taggingWorld();
    await w.tag("Printer");
    const before = (await allEvents(w)).length;
    const error = await failure(w.tag("PRINTER"));
    expect(error).toBeInstanceOf(InvalidError);
    expect(error.errors?.[0]).toMatchObject({ field: "name" });
    expect(await allEvents(w)).toHaveLength(before);
    expect((await w.e.read(Tag, "read", { actor: w.acme.agent })).map((t) => t.name)).toEqual(["Printer"]);
  });

  it("addTags relates tags once each, one join record and one event per link", async () => {
    const w = await taggingWorld();
    const [a, b] = [await w.tag("hardware"), await w.tag("network")];
    const before = (await allEvents(w)).length;
    await w.e.update(
      Ticket,
      "addTags",
      w.ticket.id as string,
      { tags: [a.id, { id: b.id }] },
      { actor: w.acme.agent },
    );
    await w.e.update(Ticket, "addTags", w.ticket.id as string, { tags: [a.id] }, { actor: w.acme.admin });
    expect(await w.tagNames()).toEqual(["hardware", "network"]);
    expect(await w.joins()).toHaveLength(2);
    const events = (await allEvents(w)).slice(before);
    expect(events.map((e) => [e.resource, e.action, e.actorId])).toEqual([
      ["ticket", "addTags", w.acme.agent.id],
      ["ticketTag", "create", w.acme.agent.id],
      ["ticketTag", "create", w.acme.agent.id],
      ["ticket", "addTags", w.acme.admin.id],
    ]);
  });

  it("removeTags unrelates the given tags (the tags stay); tags not on the ticket are ignored", async () => {
    const w = await taggingWorld();
    const [a, b, c] = [await w.tag("hardware"), await w.tag("network"), await w.tag("billing")];
    const id = w.ticket.id as string;
    await w.e.update(Ticket, "addTags", id, { tags: [a.id, b.id] }, { actor: w.acme.agent });
    const before = (await allEvents(w)).length;
    await w.e.update(Ticket, "removeTags", id, { tags: [a.id, c.id] }, { actor: w.acme.agent });
    expect(await w.tagNames()).toEqual(["network"]);
    expect(await w.e.read(Tag, "read", { actor: w.acme.agent })).toHaveLength(3);
    const events = (await allEvents(w)).slice(before);
    expect(events.map((e) => [e.resource, e.action])).toEqual([
      ["ticket", "removeTags"],
      ["ticketTag", "destroy"],
    ]);
  });

  it("an unknown tag fails addTags with nothing related", async () => {
    const w = await taggingWorld();
    const a = await w.tag("hardware");
    const error = await failure(
      w.e.update(
        Ticket,
        "addTags",
        w.ticket.id as string,
        { tags: [a.id, "01a201c6-0000-7000-8000-000000000000"] },
        { actor: w.acme.agent },
      ),
    );
    expect(error.errors).toMatchObject([{ field: "tags", path: [1], code: "not_found" }]);
    expect(await w.joins()).toEqual([]);
  });

  it("the customer sees the tags of their ticket", async () => {
    const w = await taggingWorld();
    const a = await w.tag("hardware");
    await w.e.update(Ticket, "addTags", w.ticket.id as string, { tags: [a.id] }, { actor: w.acme.agent });
    expect(await w.tagNames(w.acme.customer)).toEqual(["hardware"]);
  });
});
