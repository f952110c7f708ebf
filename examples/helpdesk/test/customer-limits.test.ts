import { FORBIDDEN_FIELD, ForbiddenError, InvalidError } from "@ashlar/core";
import { Comment, Tag, Ticket } from "example-helpdesk";
import { describe, expect, it } from "vitest";
import { allEvents, failure, openTicket, twoOrgs, type World } from "./fixture.js";

type Row = Record<string, unknown>;

/** Acme's customer with a ticket of their own, and one of another Acme customer. */
async function customerWorld() {
  const w = await twoOrgs();
  const mine = await openTicket(w, w.acme.customer, { subject: "mine" });
  const theirs = await openTicket(w, w.acme.other, { subject: "theirs" });
  await w.e.update(Ticket, "update", mine.id as string, { internalNotes: "VIP" }, { actor: w.acme.agent });
  await w.e.create(Comment, "create", { ticketId: theirs.id, body: "about theirs" }, { actor: w.acme.agent });
  return { ...w, mine, theirs };
}

const stored = async (w: World, ticket: Row) =>
  (await w.e.read(Ticket, "read", { authorize: false, filter: { id: ticket.id as string } }))[0];

describe("a customer", () => {
  it("reads the tickets they reported, and the comments on them, only", async () => {
    const w = await customerWorld();
    const { customer } = w.acme;
    expect((await w.e.read(Ticket, "read", { actor: customer })).map((t) => t.subject)).toEqual(["mine"]);
    await expect(w.e.fetch(Ticket, w.theirs.id as string, { actor: customer })).rejects.toMatchObject({
      errors: [{ code: "not_found" }],
    });
    expect(await w.e.read(Comment, "read", { actor: customer })).toEqual([]);
    expect(await w.e.read(Comment, "read", { actor: w.acme.other })).toHaveLength(1);
  });

  it("comments on their own tickets, and finds no other ticket to comment on", async () => {
    const w = await customerWorld();
    const { customer } = w.acme;
    const comment = await w.e.create(
      Comment,
      "create",
      { ticketId: w.mine.id, body: "+1" },
      { actor: customer },
    );
    expect(comment).toMatchObject({ authorId: customer.id, ticketId: w.mine.id });
    const before = (await allEvents(w)).length;
    const error = await failure(
      w.e.create(Comment, "create", { ticketId: w.theirs.id, body: "sneaky" }, { actor: customer }),
    );
    expect(error).toBeInstanceOf(InvalidError);
    expect(error.errors).toMatchObject([{ field: "ticketId", code: "not_found" }]);
    expect(await allEvents(w)).toHaveLength(before);
  });

  it("updates subject, body and priority of their own tickets while they are not closed", async () => {
    const w = await customerWorld();
    const { customer } = w.acme;
    const id = w.mine.id as string;
    await w.e.update(Ticket, "update", id, { subject: "mine!", priority: "high" }, { actor: customer });
    await w.e.update(Ticket, "close", id, {}, { actor: customer });
    const before = await stored(w, w.mine);
    const error = await failure(
      w.e.update(Ticket, "update", id, { subject: "too late" }, { actor: customer }),
    );
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(await stored(w, w.mine)).toEqual(before);
    await w.e.update(Ticket, "reopen", id, {}, { actor: customer });
    const reopened = await w.e.update(Ticket, "update", id, { subject: "again" }, { actor: customer });
    expect(reopened.subject).toBe("again");
  });

  it("cannot update, close or reopen another customer's ticket: it is not found", async () => {
    const w = await customerWorld();
    for (const [action, input] of [
      ["update", { subject: "x" }],
      ["close", {}],
      ["reopen", {}],
    ] as const) {
      const error = await failure(
        w.e.update(Ticket, action, w.theirs.id as string, input, { actor: w.acme.customer }),
      );
      expect(error.errors).toMatchObject([{ code: "not_found" }]);
    }
    expect((await stored(w, w.theirs))?.subject).toBe("theirs");
  });

  it("cannot assign, escalate, tag, delete or write internalNotes (403), and nothing changes", async () => {
    const w = await customerWorld();
    const { customer, agent } = w.acme;
    const id = w.mine.id as string;
    const tag = await w.e.create(Tag, "create", { name: "printer" }, { actor: agent });
    const before = await stored(w, w.mine);
    const events = (await allEvents(w)).length;
    const attempts = [
      w.e.update(Ticket, "assign", id, { assigneeId: agent.id }, { actor: customer }),
      w.e.update(Ticket, "escalate", id, {}, { actor: customer }),
      w.e.update(Ticket, "addTags", id, { tags: [tag.id] }, { actor: customer }),
      w.e.update(Ticket, "removeTags", id, { tags: [tag.id] }, { actor: customer }),
      w.e.update(Ticket, "update", id, { internalNotes: "I am VIP" }, { actor: customer }),
      w.e.destroy(Ticket, "destroy", id, {}, { actor: customer }),
      w.e.create(Tag, "create", { name: "mine" }, { actor: customer }),
    ];
    for (const attempt of attempts) expect(await failure(attempt)).toBeInstanceOf(ForbiddenError);
    expect(await stored(w, w.mine)).toEqual(before);
    expect(await allEvents(w)).toHaveLength(events);
  });

  it("never sees internalNotes, cannot filter or sort on it; agents and admins do", async () => {
    const w = await customerWorld();
    const { customer, agent, admin } = w.acme;
    const [mine] = await w.e.read(Ticket, "read", { actor: customer });
    expect(mine?.internalNotes).toBe(FORBIDDEN_FIELD);
    expect(JSON.parse(JSON.stringify(mine))).not.toHaveProperty("internalNotes");
    await expect(
      w.e.read(Ticket, "read", { actor: customer, filter: { internalNotes: "VIP" } }),
    ).rejects.toThrow(/not a field/);
    await expect(w.e.read(Ticket, "read", { actor: customer, sort: ["internalNotes"] })).rejects.toThrow(
      /not a field/,
    );
    // The answers of their own writes hide it too.
    const updated = await w.e.update(
      Ticket,
      "update",
      w.mine.id as string,
      { body: "b" },
      { actor: customer },
    );
    expect(updated.internalNotes).toBe(FORBIDDEN_FIELD);
    for (const actor of [agent, admin]) {
      const rows = await w.e.read(Ticket, "read", { actor, filter: { internalNotes: "VIP" } });
      expect(rows.map((t) => t.internalNotes)).toEqual(["VIP"]);
    }
  });
});

describe("agents and admins", () => {
  it("do everything on every ticket of their org; only admins delete", async () => {
    const w = await customerWorld();
    const { agent, admin } = w.acme;
    const id = w.theirs.id as string;
    for (const actor of [agent, admin]) {
      await w.e.update(Ticket, "update", id, { subject: `by ${actor.role}` }, { actor });
      await w.e.update(Ticket, "close", id, {}, { actor });
      await w.e.update(Ticket, "reopen", id, {}, { actor });
      await w.e.update(Ticket, "assign", id, { assigneeId: actor.id }, { actor });
      await w.e.create(Comment, "create", { ticketId: id, body: `from ${actor.role}` }, { actor });
    }
    expect(await failure(w.e.destroy(Ticket, "destroy", id, {}, { actor: agent }))).toBeInstanceOf(
      ForbiddenError,
    );
    expect(await stored(w, w.theirs)).toMatchObject({ subject: "by admin", assigneeId: admin.id });
    await w.e.destroy(Ticket, "destroy", id, {}, { actor: admin });
    expect(await stored(w, w.theirs)).toBeUndefined();
  });
});
