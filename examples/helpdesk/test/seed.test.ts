import { verifyPassword } from "@ashlar/auth";
import {
  Comment,
  DEMO_PASSWORD,
  Org,
  seed,
  Tag,
  Ticket,
  TicketTag,
  URGENT_COMMENT,
  User,
} from "example-helpdesk";
import { describe, expect, it } from "vitest";
import { allEvents, helpdeskApp } from "./fixture.js";

describe("seed", () => {
  it("creates Acme, its three demo users, tickets, comments and tags, all through the event log", async () => {
    const w = await helpdeskApp();
    const seeded = await seed(w.app);
    expect(seeded?.org.name).toBe("Acme");
    const trusted = { authorize: false } as const;
    const users = await w.e.read(User, "read", { ...trusted, sort: ["email"] });
    expect(users.map((u) => [u.email, u.role, u.orgId])).toEqual([
      ["admin@acme.test", "admin", seeded?.org.id],
      ["agent@acme.test", "agent", seeded?.org.id],
      ["customer@acme.test", "customer", seeded?.org.id],
    ]);
    for (const user of users) expect(await verifyPassword(DEMO_PASSWORD, user.hashedPassword)).toBe(true);
    const tickets = await w.e.read(Ticket, "read", { actor: seeded?.agent, load: ["commentCount", "tags"] });
    expect(tickets.length).toBeGreaterThanOrEqual(3);
    expect(tickets.some((t) => (t.tags as unknown[]).length > 0)).toBe(true);
    expect(tickets.some((t) => t.status === "closed")).toBe(true);
    expect(await w.e.read(Tag, "read", trusted)).toHaveLength(3);
    const comments = await w.e.read(Comment, "read", trusted);
    expect(comments.filter((c) => c.body === URGENT_COMMENT)).toHaveLength(1);

    const events = await allEvents(w);
    const created = (resource: string) =>
      events.filter((e) => e.resource === resource && e.actionType === "create").length;
    expect(["org", "user", "ticket", "comment", "tag", "ticketTag"].map(created)).toEqual([
      1,
      3,
      tickets.length,
      comments.length,
      3,
      await w.e.read(TicketTag, "read", trusted).then((links) => links.length),
    ]);
    expect(events.every((e) => (e.metadata as { source?: string }).source === "seed")).toBe(true);
    expect(events.filter((e) => e.actorId === null).map((e) => e.action)).toEqual(["register", "register"]);
    const [org] = await w.e.read(Org, "read", { actor: seeded?.customer, load: ["memberCount"] });
    expect(org?.memberCount).toBe(3);
  });

  it("does nothing when the demo data is already there", async () => {
    const w = await helpdeskApp();
    await seed(w.app);
    const events = await allEvents(w);
    expect(await seed(w.app)).toBeUndefined();
    expect(await allEvents(w)).toEqual(events);
  });
});
