import { verifyPassword } from "@ashlar/auth";
import { expr, ForbiddenError, ForeignKeyViolation, uuidv7 } from "@ashlar/core";
import { Comment, DEMO_PASSWORD, Org, seed, Tag, Ticket, User } from "example-helpdesk";
import { describe, expect, it } from "vitest";
import { allEvents, failure, helpdeskApp, openTicket, twoOrgs } from "./fixture.js";
import { postgresLayers, schemaPerScenario } from "./postgres-layers.js";
import { buildHistory, snapshot, urgentComments } from "./replay-scenario.js";

type Row = Record<string, unknown>;

/** The key paths of the helpdesk on real PostgreSQL: policies as SQL, aggregates, identities, events, replay. */
for (const [name, prefix, connect] of postgresLayers) {
  describe(`the helpdesk on ${name}`, () => {
    const { layer, migrated } = schemaPerScenario(prefix, connect);

    it("seeds the demo data; each role reads what it may, with aggregates", async () => {
      const w = await helpdeskApp(layer());
      const seeded = await seed(w.app);
      expect(await seed(w.app)).toBeUndefined();
      const { customer, agent } = seeded as { customer: Row; agent: Row };
      const load = ["commentCount", "lastCommentAt", "hasAgentReply", "isUrgent"];
      const byAgent = await w.e.read(Ticket, "read", { actor: agent, load, sort: ["insertedAt"] });
      expect(byAgent.map((t) => t.subject)).toEqual([
        "Printer on fire",
        "VPN drops every hour",
        "Invoice shows the wrong address",
        "Renew the TLS certificate",
      ]);
      expect(byAgent[0]).toMatchObject({ commentCount: 2, hasAgentReply: true, isUrgent: true });
      expect(byAgent[3]).toMatchObject({ commentCount: 0, lastCommentAt: null, hasAgentReply: false });
      const byCustomer = await w.e.read(Ticket, "read", { actor: customer });
      expect(byCustomer).toHaveLength(3);
      const [org] = await w.e.read(Org, "read", { actor: agent, load: ["memberCount", "openTicketCount"] });
      expect(org).toMatchObject({ name: "Acme", memberCount: 3, openTicketCount: 3 });
      const [users] = [await w.e.read(User, "read", { authorize: false })];
      for (const user of users) expect(await verifyPassword(DEMO_PASSWORD, user.hashedPassword)).toBe(true);
    });

    it("keeps orgs apart in reads, paths, aggregates and writes", async () => {
      const w = await twoOrgs(layer());
      const { acme, globex } = w;
      const mine = await openTicket(w, acme.customer, { subject: "acme" });
      await openTicket(w, acme.other, { subject: "other's secret" });
      const theirs = await openTicket(w, globex.customer, { subject: "globex" });
      expect((await w.e.read(Ticket, "read", { actor: acme.agent })).map((t) => t.subject).sort()).toEqual([
        "acme",
        "other's secret",
      ]);
      await expect(w.e.fetch(Ticket, theirs.id as string, { actor: acme.admin })).rejects.toMatchObject({
        errors: [{ code: "not_found" }],
      });
      const through = (actor: Row) =>
        w.e.read(User, "read", { actor, filter: expr`exists(reportedTickets, subject == "other's secret")` });
      expect(await through(acme.customer)).toEqual([]);
      expect(await through(acme.agent)).toHaveLength(1);
      const [byCustomer] = await w.e.read(Org, "read", { actor: acme.customer, load: ["openTicketCount"] });
      expect(byCustomer?.openTicketCount).toBe(1);
      const before = await allEvents(w);
      const error = await failure(
        w.e.create(Comment, "create", { ticketId: theirs.id, body: "hi" }, { actor: acme.agent }),
      );
      expect(error.errors?.map((e) => e.code)).toEqual(["not_found"]);
      expect(
        await failure(w.e.update(Ticket, "escalate", mine.id as string, {}, { actor: acme.customer })),
      ).toBeInstanceOf(ForbiddenError);
      expect(await allEvents(w)).toEqual(before);
    });

    it("hides internalNotes from customers, in answers, filters and sorts", async () => {
      const w = await twoOrgs(layer());
      const ticket = await openTicket(w, w.acme.customer);
      await w.e.update(
        Ticket,
        "update",
        ticket.id as string,
        { internalNotes: "VIP" },
        { actor: w.acme.agent },
      );
      const [seen] = await w.e.read(Ticket, "read", { actor: w.acme.customer });
      expect(JSON.parse(JSON.stringify(seen))).not.toHaveProperty("internalNotes");
      await expect(
        w.e.read(Ticket, "read", { actor: w.acme.customer, filter: { internalNotes: "VIP" } }),
      ).rejects.toThrow(/not a field/);
      expect(
        await w.e.read(Ticket, "read", { actor: w.acme.agent, filter: { internalNotes: "VIP" } }),
      ).toHaveLength(1);
    });

    it("tag names are unique per org whatever their case", async () => {
      const w = await twoOrgs(layer());
      await w.e.create(Tag, "create", { name: "Hardware" }, { actor: w.acme.agent });
      const error = await failure(w.e.create(Tag, "create", { name: "hardware" }, { actor: w.acme.admin }));
      expect(error.errors).toMatchObject([{ field: "name", code: "unique" }]);
      await w.e.create(Tag, "create", { name: "hardware" }, { actor: w.globex.agent });
    });

    it("admins read their org's events only; others none", async () => {
      const w = await twoOrgs(layer());
      await openTicket(w, w.acme.customer);
      await openTicket(w, w.globex.customer);
      const read = (actor: Row) => w.e.read(w.log.resource, "read", { actor });
      const acme = await read(w.acme.admin);
      expect(acme.length).toBeGreaterThan(0);
      expect(acme.every((e) => (e.metadata as Row).orgId === w.acme.orgId)).toBe(true);
      expect(acme.length + (await read(w.globex.admin)).length).toBe((await allEvents(w)).length);
      expect(await read(w.acme.agent)).toEqual([]);
    });

    it("destroys a ticket with its comments and links, one event each", async () => {
      const w = await twoOrgs(layer());
      const { admin, agent } = w.acme;
      const ticket = await openTicket(w, w.acme.customer, { priority: "urgent" });
      const tag = await w.e.create(Tag, "create", { name: "a" }, { actor: agent });
      await w.e.update(Ticket, "addTags", ticket.id as string, { tags: [tag.id] }, { actor: agent });
      const before = (await allEvents(w)).length;
      await w.e.destroy(Ticket, "destroy", ticket.id as string, {}, { actor: admin });
      const events = (await allEvents(w)).slice(before);
      expect(events.map((e) => [e.resource, e.actionType, e.actorId])).toEqual([
        ["comment", "destroy", admin.id],
        ["ticketTag", "destroy", admin.id],
        ["ticket", "destroy", admin.id],
      ]);
      expect(await w.e.read(Comment, "read", { authorize: false })).toEqual([]);
    });

    it("replays the whole log to the same state, one urgent comment per escalation", async () => {
      const w = await twoOrgs(layer());
      const { becameUrgent } = await buildHistory(w);
      const before = await snapshot(w);
      await w.log.replay(w.app);
      expect(await snapshot(w)).toEqual(before);
      expect(await urgentComments(w)).toBe(becameUrgent);
    });

    it("on a migrated schema, with foreign keys: registration, hooks, cascades and replay keep their order", async () => {
      const w = await twoOrgs(await migrated());
      // The schema does hold foreign keys: a comment on no ticket is refused by the database itself.
      const orphan = { id: uuidv7(), body: "orphan", ticketId: uuidv7(), authorId: w.acme.agent.id };
      await expect(w.app.dataLayer.create(w.e.runtimeOf(Comment).table, orphan)).rejects.toBeInstanceOf(
        ForeignKeyViolation,
      );
      const { becameUrgent } = await buildHistory(w);
      const before = await snapshot(w);
      await w.log.replay(w.app);
      expect(await snapshot(w)).toEqual(before);
      expect(await urgentComments(w)).toBe(becameUrgent);
    });
  });
}
