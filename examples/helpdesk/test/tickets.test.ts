import { InvalidError } from "@ashlar/core";
import { Comment, Ticket, URGENT_COMMENT } from "example-helpdesk";
import { describe, expect, it } from "vitest";
import { allEvents, failure, openTicket, twoOrgs } from "./fixture.js";

describe("tickets", () => {
  it("open sets the reporter and the org from the actor, and the defaults", async () => {
    const w = await twoOrgs();
    const ticket = await openTicket(w, w.acme.customer, { body: "Third floor" });
    expect(ticket).toMatchObject({
      subject: "Printer on fire",
      body: "Third floor",
      status: "open",
      priority: "normal",
      reporterId: w.acme.customer.id,
      orgId: w.acme.orgId,
      assigneeId: null,
      closedAt: null,
    });
    expect(ticket.insertedAt).toBe(ticket.updatedAt);
  });

  it("open accepts only subject, body and priority: no reporter, org or status from the input", async () => {
    const w = await twoOrgs();
    for (const extra of [{ reporterId: w.acme.other.id }, { orgId: w.globex.orgId }, { status: "closed" }])
      expect(await failure(openTicket(w, w.acme.customer, extra))).toBeInstanceOf(InvalidError);
    const error = await failure(openTicket(w, w.acme.customer, { subject: "" }));
    expect(error.errors?.[0]).toMatchObject({ field: "subject" });
    expect(await w.e.read(Ticket, "read", { authorize: false })).toEqual([]);
  });

  it("needs an actor, and an actor in an org", async () => {
    const w = await twoOrgs();
    const anonymous = await failure(w.e.create(Ticket, "open", { subject: "anonymous" }));
    expect(anonymous.errors).toMatchObject([
      { code: "actor_required", field: "reporterId" },
      { code: "actor_required", field: "orgId" },
    ]);
    const orgless = await failure(openTicket(w, { id: w.acme.customer.id, role: "customer" }));
    expect(orgless.errors).toMatchObject([{ code: "actor_required", field: "orgId" }]);
    expect(await w.e.read(Ticket, "read", { authorize: false })).toEqual([]);
  });

  it("update changes subject, body and priority", async () => {
    const w = await twoOrgs();
    const ticket = await openTicket(w, w.acme.customer);
    const updated = await w.e.update(
      Ticket,
      "update",
      ticket.id as string,
      { subject: "Printer smoking", body: "Less fire now", priority: "high" },
      { actor: w.acme.customer },
    );
    expect(updated).toMatchObject({ subject: "Printer smoking", body: "Less fire now", priority: "high" });
    expect((updated.updatedAt as string) > (ticket.updatedAt as string)).toBe(true);
  });

  it("close sets status closed and closedAt; reopen sets status open and clears closedAt", async () => {
    const w = await twoOrgs();
    const ticket = await openTicket(w, w.acme.customer);
    const closed = await w.e.update(Ticket, "close", ticket.id as string, {}, { actor: w.acme.customer });
    expect(closed.status).toBe("closed");
    expect(closed.closedAt).toBe(closed.updatedAt);
    const reopened = await w.e.update(Ticket, "reopen", ticket.id as string, {}, { actor: w.acme.customer });
    expect(reopened).toMatchObject({ status: "open", closedAt: null });
  });

  it("isUrgent: priority urgent and not closed", async () => {
    const w = await twoOrgs();
    const actor = w.acme.agent;
    const urgent = await openTicket(w, actor, { subject: "a", priority: "urgent" });
    await openTicket(w, actor, { subject: "b", priority: "high" });
    const closed = await openTicket(w, actor, { subject: "c", priority: "urgent" });
    await w.e.update(Ticket, "close", closed.id as string, {}, { actor });
    const rows = await w.e.read(Ticket, "read", { actor, load: ["isUrgent"], sort: ["subject"] });
    expect(rows.map((r) => r.isUrgent)).toEqual([true, false, false]);
    const filtered = await w.e.read(Ticket, "read", { actor, filter: { isUrgent: true } });
    expect(filtered.map((r) => r.id)).toEqual([urgent.id]);
  });
});

describe("assign", () => {
  it("assigns an agent or an admin of the ticket's org", async () => {
    const w = await twoOrgs();
    const ticket = await openTicket(w, w.acme.customer);
    for (const assignee of [w.acme.agent, w.acme.admin]) {
      const assigned = await w.e.update(
        Ticket,
        "assign",
        ticket.id as string,
        { assigneeId: assignee.id },
        { actor: w.acme.agent },
      );
      expect(assigned.assigneeId).toBe(assignee.id);
    }
  });

  it("refuses a customer, a user of another org, nobody or no one, with the same error on assigneeId", async () => {
    const w = await twoOrgs();
    const ticket = await openTicket(w, w.acme.customer);
    const before = (await allEvents(w)).length;
    for (const assigneeId of [w.acme.other.id, w.globex.agent.id, "01a201c6-0000-7000-8000-000000000000"]) {
      const error = await failure(
        w.e.update(Ticket, "assign", ticket.id as string, { assigneeId }, { actor: w.acme.admin }),
      );
      expect(error).toBeInstanceOf(InvalidError);
      expect(error.errors).toMatchObject([{ field: "assigneeId", code: "invalid_assignee" }]);
    }
    const missing = await failure(
      w.e.update(Ticket, "assign", ticket.id as string, {}, { actor: w.acme.admin }),
    );
    expect(missing.errors).toMatchObject([{ field: "assigneeId", code: "required" }]);
    const [stored] = await w.e.read(Ticket, "read", { actor: w.acme.admin });
    expect(stored?.assigneeId).toBeNull();
    expect(await allEvents(w)).toHaveLength(before);
  });
});

describe("escalate", () => {
  it("sets priority urgent; escalating an urgent ticket changes nothing", async () => {
    const w = await twoOrgs();
    const ticket = await openTicket(w, w.acme.customer, { priority: "low" });
    const escalated = await w.e.update(Ticket, "escalate", ticket.id as string, {}, { actor: w.acme.agent });
    expect(escalated.priority).toBe("urgent");
    const again = await w.e.update(Ticket, "escalate", ticket.id as string, {}, { actor: w.acme.agent });
    expect(again).toEqual(escalated);
  });
});

describe("aggregates", () => {
  it("commentCount, lastCommentAt and hasAgentReply", async () => {
    const w = await twoOrgs();
    const { customer, agent } = w.acme;
    const ticket = await openTicket(w, customer);
    const load = ["commentCount", "lastCommentAt", "hasAgentReply"];
    const read = async () => (await w.e.read(Ticket, "read", { actor: customer, load }))[0];
    expect(await read()).toMatchObject({ commentCount: 0, lastCommentAt: null, hasAgentReply: false });
    const comment = (body: string, actor: Record<string, unknown>) =>
      w.e.create(Comment, "create", { ticketId: ticket.id, body }, { actor });
    await comment("Anyone?", customer);
    expect(await read()).toMatchObject({ commentCount: 1, hasAgentReply: false });
    const reply = await comment("On it", agent);
    expect(await read()).toMatchObject({
      commentCount: 2,
      lastCommentAt: reply.insertedAt,
      hasAgentReply: true,
    });
    const byAgent = await w.e.read(Ticket, "read", { actor: agent, filter: { hasAgentReply: true } });
    expect(byAgent.map((t) => t.id)).toEqual([ticket.id]);
  });

  it("openTicketCount counts the org's tickets that are not closed", async () => {
    const w = await twoOrgs();
    const { agent } = w.acme;
    await openTicket(w, agent, { subject: "a" });
    const b = await openTicket(w, agent, { subject: "b" });
    const c = await openTicket(w, agent, { subject: "c" });
    await w.e.update(Ticket, "close", b.id as string, {}, { actor: agent });
    await w.e.update(Ticket, "escalate", c.id as string, {}, { actor: agent });
    await openTicket(w, w.globex.agent, { subject: "elsewhere" });
    const { Org } = w.helpdesk.resources;
    const [org] = await w.e.read(Org, "read", { actor: agent, load: ["openTicketCount"] });
    expect(org?.openTicketCount).toBe(2);
  });

  it("an urgent ticket's comment counts too", async () => {
    const w = await twoOrgs();
    const ticket = await openTicket(w, w.acme.customer, { priority: "urgent" });
    const [row] = await w.e.read(Ticket, "read", { actor: w.acme.customer, load: ["commentCount"] });
    expect(row?.commentCount).toBe(1);
    const comments = await w.e.read(Comment, "read", {
      actor: w.acme.customer,
      filter: { ticketId: ticket.id as string },
    });
    expect(comments.map((c) => c.body)).toEqual([URGENT_COMMENT]);
  });
});
