import { expr } from "@ashlar/core";
import { Comment, Org, Tag, Ticket, TicketTag, User } from "example-helpdesk";
import { describe, expect, it } from "vitest";
import { allEvents, failure, openTicket, twoOrgs } from "./fixture.js";

type Row = Record<string, unknown>;

/** Two orgs with a ticket each, commented on and tagged. */
async function isolatedWorld() {
  const w = await twoOrgs();
  const each = async (people: typeof w.acme, secret: string) => {
    const ticket = await openTicket(w, people.customer, { subject: `${secret} ticket` });
    await w.e.create(
      Comment,
      "create",
      { ticketId: ticket.id, body: `${secret} comment` },
      { actor: people.agent },
    );
    const tag = await w.e.create(Tag, "create", { name: `${secret}-tag` }, { actor: people.agent });
    await w.e.update(Ticket, "addTags", ticket.id as string, { tags: [tag.id] }, { actor: people.agent });
    return { ticket, tag };
  };
  return { ...w, acmeData: await each(w.acme, "acme"), globexData: await each(w.globex, "globex") };
}

const names = (rows: Row[], field = "subject") => rows.map((r) => r[field]);

describe("orgs are isolated", () => {
  it("reads and lists: every resource shows the actor's org only", async () => {
    const w = await isolatedWorld();
    for (const actor of [w.acme.admin, w.acme.agent]) {
      expect(names(await w.e.read(Ticket, "read", { actor }))).toEqual(["acme ticket"]);
      expect(names(await w.e.read(Comment, "read", { actor }), "body")).toEqual(["acme comment"]);
      expect(names(await w.e.read(Tag, "read", { actor }), "name")).toEqual(["acme-tag"]);
      expect(await w.e.read(TicketTag, "read", { actor })).toHaveLength(1);
      expect(names(await w.e.read(Org, "read", { actor }), "name")).toEqual(["Acme"]);
      expect((await w.e.read(User, "read", { actor })).every((u) => u.orgId === w.acme.orgId)).toBe(true);
    }
  });

  it("another org's record is not found, never forbidden", async () => {
    const w = await isolatedWorld();
    const { admin } = w.acme;
    const { ticket, tag } = w.globexData;
    const [comment] = await w.e.read(Comment, "read", { actor: w.globex.agent });
    for (const [resource, id] of [
      [Ticket, ticket.id],
      [Tag, tag.id],
      [Comment, comment?.id],
      [User, w.globex.customer.id],
      [Org, w.globex.orgId],
    ] as const)
      await expect(w.e.fetch(resource, id as string, { actor: admin })).rejects.toMatchObject({
        errors: [{ code: "not_found" }],
      });
  });

  it("loads (includes) obey the same policies", async () => {
    const w = await isolatedWorld();
    const { customer, agent } = w.acme;
    const [org] = await w.e.read(Org, "read", { actor: customer, load: ["tickets", "users"] });
    expect(names(org?.tickets as Row[])).toEqual(["acme ticket"]);
    expect(org?.users).toHaveLength(4);
    const [ticket] = await w.e.read(Ticket, "read", {
      actor: agent,
      load: ["reporter", "comments", "tags", "org"],
    });
    expect(ticket).toMatchObject({
      reporter: { id: customer.id },
      org: { name: "Acme" },
      comments: [{ body: "acme comment" }],
      tags: [{ name: "acme-tag" }],
    });
    // Someone else's ticket in the org is invisible to a customer, as part of the org too.
    await openTicket(w, w.acme.other, { subject: "other's" });
    const [seen] = await w.e.read(Org, "read", { actor: customer, load: ["tickets"] });
    expect(names(seen?.tickets as Row[])).toEqual(["acme ticket"]);
  });

  it("filters into relationships never match another org's records", async () => {
    const w = await isolatedWorld();
    const { agent } = w.acme;
    const byReporter = (email: string) =>
      w.e.read(Ticket, "read", { actor: agent, filter: expr`reporter.email == ${email}` });
    expect(await byReporter("customer@globex.test")).toEqual([]);
    expect(names(await byReporter("customer@acme.test"))).toEqual(["acme ticket"]);
    expect(
      await w.e.read(Ticket, "read", {
        actor: agent,
        filter: expr`exists(comments, body == "globex comment")`,
      }),
    ).toEqual([]);
    expect(
      await w.e.read(Comment, "read", { actor: agent, filter: expr`ticket.subject == "globex ticket"` }),
    ).toEqual([]);
    expect(
      await w.e.read(Ticket, "read", { actor: agent, filter: expr`exists(tags, name == "globex-tag")` }),
    ).toEqual([]);
  });

  it("a path into records the actor may not read matches nothing, even from records they may read", async () => {
    const w = await isolatedWorld();
    await openTicket(w, w.acme.other, { subject: "other's secret" });
    // The customer may read the other customer (same org), but not their tickets.
    const through = (actor: Row) =>
      w.e.read(User, "read", { actor, filter: expr`exists(reportedTickets, subject == "other's secret")` });
    expect(await through(w.acme.customer)).toEqual([]);
    expect(names(await through(w.acme.agent), "email")).toEqual(["other@acme.test"]);
  });

  it("aggregates count only the records the actor may read", async () => {
    const w = await isolatedWorld();
    await openTicket(w, w.acme.other, { subject: "other's" });
    const load = ["openTicketCount", "memberCount"];
    const [byAgent] = await w.e.read(Org, "read", { actor: w.acme.agent, load });
    expect(byAgent).toMatchObject({ openTicketCount: 2, memberCount: 4 });
    const [byCustomer] = await w.e.read(Org, "read", { actor: w.acme.customer, load });
    expect(byCustomer).toMatchObject({ openTicketCount: 1, memberCount: 4 });
    const counted = await w.e.read(Ticket, "read", {
      actor: w.acme.agent,
      filter: { commentCount: { gte: 1 } },
    });
    expect(names(counted)).toEqual(["acme ticket"]);
  });

  it("writes to another org's records find nothing, and change nothing", async () => {
    const w = await isolatedWorld();
    const { admin, agent } = w.acme;
    const { ticket, tag } = w.globexData;
    const id = ticket.id as string;
    const before = await allEvents(w);
    const attempts = [
      w.e.update(Ticket, "update", id, { subject: "mine now" }, { actor: admin }),
      w.e.update(Ticket, "close", id, {}, { actor: admin }),
      w.e.update(Ticket, "escalate", id, {}, { actor: admin }),
      w.e.update(Ticket, "assign", id, { assigneeId: agent.id }, { actor: admin }),
      w.e.destroy(Ticket, "destroy", id, {}, { actor: admin }),
      w.e.create(Comment, "create", { ticketId: id, body: "hello" }, { actor: agent }),
      w.e.create(TicketTag, "create", { ticketId: id, tagId: w.acmeData.tag.id }, { actor: agent }),
      w.e.create(TicketTag, "create", { ticketId: w.acmeData.ticket.id, tagId: tag.id }, { actor: agent }),
      w.e.update(Ticket, "addTags", w.acmeData.ticket.id as string, { tags: [tag.id] }, { actor: agent }),
    ];
    for (const attempt of attempts) {
      const error = await failure(attempt);
      expect(error.errors?.map((e) => e.code)).toEqual(["not_found"]);
    }
    const [stored] = await w.e.read(Ticket, "read", {
      actor: w.globex.admin,
      load: ["commentCount", "tags"],
    });
    expect(stored).toMatchObject({
      subject: "globex ticket",
      status: "open",
      priority: "normal",
      commentCount: 1,
    });
    expect(names(stored?.tags as Row[], "name")).toEqual(["globex-tag"]);
    expect(await allEvents(w)).toEqual(before);
  });

  it("tags are per org: the same name may exist in each", async () => {
    const w = await isolatedWorld();
    await w.e.create(Tag, "create", { name: "globex-tag" }, { actor: w.acme.agent });
    expect(names(await w.e.read(Tag, "read", { actor: w.acme.agent, sort: ["name"] }), "name")).toEqual([
      "acme-tag",
      "globex-tag",
    ]);
    expect(
      await failure(w.e.create(Tag, "create", { name: "x", orgId: w.globex.orgId }, { actor: w.acme.agent })),
    ).toMatchObject({ errors: [{ field: "orgId" }] });
  });
});
