import { Comment, Ticket, URGENT_COMMENT } from "example-helpdesk";
import { describe, expect, it } from "vitest";
import { allEvents, type HelpdeskContext, openTicket, twoOrgs } from "./fixture.js";

type Row = Record<string, unknown>;

/** The urgent comments of a ticket, as [author, body]. */
const urgentComments = async (w: HelpdeskContext, ticket: Row) =>
  (await w.e.read(Comment, "read", { authorize: false, filter: { ticketId: ticket.id as string } }))
    .filter((c) => c.body === URGENT_COMMENT)
    .map((c) => c.authorId);

describe("the urgent comment", () => {
  it("is added once when a ticket is opened urgent, authored by the actor, after the ticket's event", async () => {
    const w = await twoOrgs();
    const before = (await allEvents(w)).length;
    const ticket = await openTicket(w, w.acme.customer, { priority: "urgent" });
    expect(await urgentComments(w, ticket)).toEqual([w.acme.customer.id]);
    const events = (await allEvents(w)).slice(before);
    expect(events.map((e) => [e.resource, e.action, e.actorId])).toEqual([
      ["ticket", "open", w.acme.customer.id],
      ["comment", "create", w.acme.customer.id],
    ]);
  });

  it("is not added when a ticket is opened with another priority", async () => {
    const w = await twoOrgs();
    for (const priority of ["low", "normal", "high", undefined]) {
      const ticket = await openTicket(w, w.acme.customer, priority ? { priority } : {});
      expect(await urgentComments(w, ticket)).toEqual([]);
    }
  });

  it("is added once per escalation, and not for escalating an urgent ticket", async () => {
    const w = await twoOrgs();
    const { agent, admin } = w.acme;
    const ticket = await openTicket(w, w.acme.customer, { priority: "high" });
    const escalate = (actor: Row) => w.e.update(Ticket, "escalate", ticket.id as string, {}, { actor });
    await escalate(agent);
    await escalate(admin);
    expect(await urgentComments(w, ticket)).toEqual([agent.id]);
  });

  it("is added when update changes the priority to urgent, not when it stays urgent", async () => {
    const w = await twoOrgs();
    const { customer, agent } = w.acme;
    const ticket = await openTicket(w, customer);
    const update = (input: Row, actor: Row) =>
      w.e.update(Ticket, "update", ticket.id as string, input, { actor });
    await update({ priority: "urgent" }, customer);
    await update({ priority: "urgent", subject: "Still on fire" }, customer);
    expect(await urgentComments(w, ticket)).toEqual([customer.id]);
    // Down and up again: it becomes urgent a second time.
    await update({ priority: "normal" }, agent);
    await w.e.update(Ticket, "escalate", ticket.id as string, {}, { actor: agent });
    expect(await urgentComments(w, ticket)).toEqual([customer.id, agent.id]);
  });

  it("is not added by other updates of an urgent ticket", async () => {
    const w = await twoOrgs();
    const { agent } = w.acme;
    const ticket = await openTicket(w, agent, { priority: "urgent" });
    const id = ticket.id as string;
    await w.e.update(Ticket, "close", id, {}, { actor: agent });
    await w.e.update(Ticket, "reopen", id, {}, { actor: agent });
    await w.e.update(Ticket, "assign", id, { assigneeId: agent.id }, { actor: agent });
    await w.e.update(Ticket, "update", id, { internalNotes: "hot" }, { actor: agent });
    expect(await urgentComments(w, ticket)).toEqual([agent.id]);
  });

  it("rolls back with its ticket: a failed escalation leaves neither a change nor a comment", async () => {
    const w = await twoOrgs();
    const ticket = await openTicket(w, w.acme.customer);
    const before = (await allEvents(w)).length;
    await expect(
      w.e.update(Ticket, "escalate", ticket.id as string, {}, { actor: w.acme.customer }),
    ).rejects.toThrow();
    expect(await urgentComments(w, ticket)).toEqual([]);
    expect(await allEvents(w)).toHaveLength(before);
  });
});
