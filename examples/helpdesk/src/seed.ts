import type { AppCore } from "@ashlar/core";
import { Comment } from "./domain/comment.js";
import { Org } from "./domain/org.js";
import { Tag } from "./domain/tag.js";
import { Ticket } from "./domain/ticket.js";
import { User } from "./domain/user.js";

type Row = Record<string, unknown>;

/** The demo users' password. */
export const DEMO_PASSWORD = "password123";

/** What the seed created (undefined when the demo data was already there). */
export interface Seeded {
  readonly org: Row;
  readonly admin: Row;
  readonly agent: Row;
  readonly customer: Row;
  readonly tickets: readonly Row[];
  readonly tags: readonly Row[];
}

/** A user as an actor: the record without its (hidden) password hash, as sign-in hands it out. */
const asActor = ({ hashedPassword: _hash, ...user }: Row): Row => user;

/**
 * Seeds the demo org "Acme" — admin@acme.test, agent@acme.test and customer@acme.test, password
 * `password123` — with a few tickets, comments and tags. Everything goes through the actions, with the users
 * as actors, so it is all in the event log (metadata `{ source: "seed" }`), in one transaction. When
 * admin@acme.test exists it does nothing and answers undefined, so calling it twice is harmless.
 *
 * @example const seeded = await seed(app); // seeded?.admin.email === "admin@acme.test"
 */
export async function seed(app: AppCore): Promise<Seeded | undefined> {
  const e = app.engine;
  const existing = await e.read(User, "read", { filter: { email: "admin@acme.test" }, authorize: false });
  if (existing.length) return undefined;
  const context = { eventMetadata: { source: "seed" } };
  return app.transaction(async () => {
    const admin = asActor(
      await e.create(
        User,
        "register",
        { email: "admin@acme.test", name: "Avery Admin", password: DEMO_PASSWORD, orgName: "Acme" },
        { context },
      ),
    );
    const as = (actor: Row) => ({ actor, context });
    const invite = async (email: string, name: string, role: string) =>
      asActor(await e.create(User, "invite", { email, name, role, password: DEMO_PASSWORD }, as(admin)));
    const agent = await invite("agent@acme.test", "Alex Agent", "agent");
    const customer = await invite("customer@acme.test", "Casey Customer", "customer");

    const tags: Row[] = [];
    for (const name of ["hardware", "network", "billing"])
      tags.push(await e.create(Tag, "create", { name }, as(agent)));
    const [hardware, network, billing] = tags as [Row, Row, Row];

    const open = (input: Row, actor = customer) => e.create(Ticket, "open", input, as(actor));
    const comment = (ticket: Row, body: string, actor: Row) =>
      e.create(Comment, "create", { ticketId: ticket.id, body }, as(actor));
    const tag = (ticket: Row, tag: Row) =>
      e.update(Ticket, "addTags", ticket.id as string, { tags: [tag.id] }, as(agent));

    // Opened urgent: the urgent comment is added by the ticket's own hook.
    const fire = await open({
      subject: "Printer on fire",
      body: "Third floor, next to the kitchen.",
      priority: "urgent",
    });
    await comment(fire, "On my way with an extinguisher.", agent);
    await e.update(Ticket, "assign", fire.id as string, { assigneeId: agent.id }, as(agent));
    await tag(fire, hardware);

    const vpn = await open({
      subject: "VPN drops every hour",
      body: "Since Monday's update.",
      priority: "high",
    });
    await comment(vpn, "Which client version do you run?", agent);
    await comment(vpn, "4.2.1 on macOS.", customer);
    await tag(vpn, network);

    const invoice = await open({ subject: "Invoice shows the wrong address", priority: "low" });
    await tag(invoice, billing);
    await comment(invoice, "Fixed; a corrected invoice is on its way.", agent);
    await e.update(Ticket, "close", invoice.id as string, {}, as(agent));

    const tls = await open({ subject: "Renew the TLS certificate", priority: "normal" }, agent);
    await e.update(Ticket, "update", tls.id as string, { internalNotes: "Expires on the 30th." }, as(agent));

    const org = await e.fetch(Org, admin.orgId as string, { authorize: false });
    return { org, admin, agent, customer, tickets: [fire, vpn, invoice, tls], tags };
  });
}
