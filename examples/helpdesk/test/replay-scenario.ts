import { Comment, Org, Tag, Ticket, TicketTag, URGENT_COMMENT, User } from "example-helpdesk";
import { allEvents, openTicket, PASSWORD, twoOrgs, type World } from "./fixture.js";

type Row = Record<string, unknown>;

/**
 * A history worth replaying, in both orgs: tickets becoming urgent three ways (opened, escalated, updated),
 * escalating an urgent one, comments, tags added and removed, assignment, closing, a destroyed ticket, an
 * invited user and a changed role. Answers how many times a ticket became urgent.
 */
export async function buildHistory(w: World): Promise<{ becameUrgent: number }> {
  let becameUrgent = 0;
  for (const people of [w.acme, w.globex]) {
    const { admin, agent, customer } = people;
    const as = (actor: Row) => ({ actor });
    const fire = await openTicket(w, customer, { subject: "Printer on fire", priority: "urgent" });
    const vpn = await openTicket(w, customer, { subject: "VPN", body: "drops", priority: "high" });
    const bill = await openTicket(w, people.other, { subject: "Invoice" });
    const doomed = await openTicket(w, customer, { subject: "Doomed" });
    becameUrgent++;
    await w.e.update(Ticket, "escalate", vpn.id as string, {}, as(agent));
    await w.e.update(Ticket, "escalate", vpn.id as string, {}, as(admin)); // already urgent: nothing
    becameUrgent++;
    await w.e.update(
      Ticket,
      "update",
      bill.id as string,
      { priority: "urgent", internalNotes: "hot" },
      as(agent),
    );
    becameUrgent++;
    for (const ticket of [fire, vpn, doomed])
      await w.e.create(Comment, "create", { ticketId: ticket.id, body: "Looking" }, as(agent));
    await w.e.create(Comment, "create", { ticketId: fire.id, body: "Thanks" }, as(customer));
    const tags = [
      await w.e.create(Tag, "create", { name: "hardware" }, as(agent)),
      await w.e.create(Tag, "create", { name: "network" }, as(admin)),
    ];
    for (const ticket of [fire, vpn, doomed])
      await w.e.update(Ticket, "addTags", ticket.id as string, { tags: tags.map((t) => t.id) }, as(agent));
    await w.e.update(Ticket, "removeTags", vpn.id as string, { tags: [tags[0]?.id] }, as(agent));
    await w.e.update(Ticket, "assign", fire.id as string, { assigneeId: agent.id }, as(agent));
    await w.e.update(Ticket, "close", bill.id as string, {}, as(agent));
    await w.e.update(Ticket, "close", fire.id as string, {}, as(customer));
    await w.e.update(Ticket, "reopen", fire.id as string, {}, as(customer));
    await w.e.destroy(Ticket, "destroy", doomed.id as string, {}, as(admin));
    await w.e.create(
      User,
      "invite",
      { email: `late@${people.orgId}.test`, name: "Late", role: "customer", password: PASSWORD },
      as(admin),
    );
    await w.e.update(User, "changeRole", people.other.id as string, { role: "agent" }, as(admin));
  }
  return { becameUrgent };
}

const trusted = { authorize: false } as const;

/** Everything the helpdesk holds, as trusted reads: every record with its aggregates and relationships. */
export async function snapshot(w: World) {
  const read = (resource: Parameters<typeof w.e.read>[0], load: string[] = []) =>
    w.e.read(resource, "read", { ...trusted, sort: ["id"], load });
  return {
    orgs: await read(Org, ["memberCount", "openTicketCount"]),
    users: await read(User),
    tickets: await read(Ticket, ["commentCount", "lastCommentAt", "hasAgentReply", "isUrgent", "tags"]),
    comments: await read(Comment),
    tags: await read(Tag),
    links: await read(TicketTag),
    events: await allEvents(w),
  };
}

export const urgentComments = async (w: World) =>
  (await w.e.read(Comment, "read", { ...trusted, filter: { body: URGENT_COMMENT } })).length;

export { twoOrgs };
