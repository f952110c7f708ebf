import { Comment, Org, Tag, Ticket, User } from "example-helpdesk";
import { describe, expect, it } from "vitest";
import { allEvents, type HelpdeskContext, openTicket, PASSWORD, twoOrgs, type World } from "./fixture.js";

type Row = Record<string, unknown>;

/** Runs one action of each kind on every tracked resource, as Acme's people, with request metadata. */
async function everyKindOfWrite(w: World) {
  const { admin, agent, customer } = w.acme;
  const as = (actor: Row) => ({
    actor,
    context: { eventMetadata: { source: "json_api", requestId: "r-1" } },
  });
  const start = (await allEvents(w)).length;
  const ticket = await w.e.create(Ticket, "open", { subject: "Printer" }, as(customer));
  const id = ticket.id as string;
  await w.e.update(Ticket, "update", id, { body: "It smokes" }, as(customer));
  await w.e.update(Ticket, "assign", id, { assigneeId: agent.id }, as(agent));
  await w.e.update(Ticket, "escalate", id, {}, as(agent)); // + the urgent comment
  await w.e.update(Ticket, "close", id, {}, as(agent));
  await w.e.update(Ticket, "reopen", id, {}, as(customer));
  await w.e.create(Comment, "create", { ticketId: id, body: "Thanks" }, as(customer));
  const tag = await w.e.create(Tag, "create", { name: "hardware" }, as(agent));
  await w.e.update(Ticket, "addTags", id, { tags: [tag.id] }, as(agent)); // + the link
  await w.e.update(Ticket, "removeTags", id, { tags: [tag.id] }, as(agent)); // + the link's destroy
  await w.e.create(
    User,
    "invite",
    { email: "new@acme.test", name: "New", role: "agent", password: PASSWORD },
    as(admin),
  );
  await w.e.update(User, "changeRole", customer.id as string, { role: "agent" }, as(admin));
  await w.e.destroy(Ticket, "destroy", id, {}, as(admin)); // + two comments' destroys
  return (await allEvents(w)).slice(start);
}

describe("the event log", () => {
  it("records every create, update and destroy exactly once, with the acting user and the metadata", async () => {
    const w = await twoOrgs();
    const events = await everyKindOfWrite(w);
    const { admin, agent, customer } = w.acme;
    expect(events.map((e) => [e.resource, e.action, e.actionType, e.actorId])).toEqual([
      ["ticket", "open", "create", customer.id],
      ["ticket", "update", "update", customer.id],
      ["ticket", "assign", "update", agent.id],
      ["ticket", "escalate", "update", agent.id],
      ["comment", "create", "create", agent.id],
      ["ticket", "close", "update", agent.id],
      ["ticket", "reopen", "update", customer.id],
      ["comment", "create", "create", customer.id],
      ["tag", "create", "create", agent.id],
      ["ticket", "addTags", "update", agent.id],
      ["ticketTag", "create", "create", agent.id],
      ["ticket", "removeTags", "update", agent.id],
      ["ticketTag", "destroy", "destroy", agent.id],
      ["user", "invite", "create", admin.id],
      ["user", "changeRole", "update", admin.id],
      ["comment", "destroy", "destroy", admin.id],
      ["comment", "destroy", "destroy", admin.id],
      ["ticket", "destroy", "destroy", admin.id],
    ]);
    for (const event of events)
      expect(event.metadata).toEqual({ source: "json_api", requestId: "r-1", orgId: w.acme.orgId });
  });

  it("registration's events have no actor (nobody is signed in yet) and carry the new org", async () => {
    const w = await twoOrgs();
    const events = await allEvents(w);
    const registered = events.filter((e) => e.action === "register");
    expect(registered.map((e) => [e.resource, e.actorId, (e.metadata as Row).orgId])).toEqual([
      ["org", null, w.acme.orgId],
      ["user", null, w.acme.orgId],
      ["org", null, w.globex.orgId],
      ["user", null, w.globex.orgId],
    ]);
  });

  it("never holds a password or a hash in plain text", async () => {
    const w = await twoOrgs();
    await everyKindOfWrite(w);
    const events = await allEvents(w);
    const text = JSON.stringify(events);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain("scrypt$");
    const invite = events.find((e) => e.action === "invite") as Row;
    const data = invite.data as Row;
    expect(Object.keys(data).sort()).toEqual(["email", "name", "password", "role"]);
    expect(data.password).toMatchObject({ $sealed: expect.any(String) });
    expect((invite.changedAttributes as Row).hashedPassword).toMatchObject({ $sealed: expect.any(String) });
  });
});

describe("reading the event log", () => {
  const read = (w: HelpdeskContext, actor: Row) => w.e.read(w.log.resource, "read", { actor, sort: ["id"] });

  it("admins read the events of their own org only", async () => {
    const w = await twoOrgs();
    await everyKindOfWrite(w);
    await openTicket(w, w.globex.customer, { subject: "globex" });
    const all = await allEvents(w);
    const acme = await read(w, w.acme.admin);
    expect(acme.length).toBeGreaterThan(10);
    expect(acme).toEqual(all.filter((e) => (e.metadata as Row).orgId === w.acme.orgId));
    const globex = await read(w, w.globex.admin);
    expect(globex.map((e) => e.id)).toEqual(
      all.filter((e) => (e.metadata as Row).orgId === w.globex.orgId).map((e) => e.id),
    );
    expect(acme.length + globex.length).toBe(all.length);
    await expect(
      w.e.fetch(w.log.resource, globex[0]?.id as number, { actor: w.acme.admin }),
    ).rejects.toMatchObject({
      errors: [{ code: "not_found" }],
    });
  });

  it("agents and customers read no events, and `can` says so (the API answers 403)", async () => {
    const w = await twoOrgs();
    await everyKindOfWrite(w);
    for (const actor of [w.acme.agent, w.acme.customer]) {
      expect(await read(w, actor)).toEqual([]);
      expect(await w.e.can(w.log.resource, "read", { actor })).toBe(false);
    }
    expect(await w.e.can(w.log.resource, "read", { actor: w.acme.admin })).toBe(true);
  });

  it("a record's history follows the same policies", async () => {
    const w = await twoOrgs();
    const ticket = await openTicket(w, w.acme.customer);
    await w.e.update(Ticket, "close", ticket.id as string, {}, { actor: w.acme.agent });
    const history = (actor: Row) => w.log.history(w.app, Ticket, ticket.id, { actor });
    expect((await history(w.acme.admin)).map((e) => e.action)).toEqual(["open", "close"]);
    expect(await history(w.globex.admin)).toEqual([]);
    expect(await history(w.acme.agent)).toEqual([]);
    const org = await w.e.read(w.log.resource, "read", {
      actor: w.acme.admin,
      filter: { resource: Org.name },
    });
    expect(org.map((e) => [e.recordId, e.action])).toEqual([[w.acme.orgId, "register"]]);
  });
});
