/**
 * Fills the helpdesk's tables through ashlar bulk actions (`authorize: false`, no event log, no
 * notifications), the same rows for every contender: orgs, users (1 admin and ~10% agents per org, the rest
 * customers), tags, tickets opened by customers (a third of them then closed), comments (ticket n has
 * 1 + n % 5 of them, 3 on average, alternately by its reporter and an agent) and a tag on every other ticket.
 */
import { hashPassword } from "@ashlar/auth";
import { type AnyResource, type AppCore, create, createApp, domain, resource } from "@ashlar/core";
import { PostgresDataLayer, type SqlClient } from "@ashlar/postgres";
import { createHelpdesk, DEMO_PASSWORD } from "../../examples/helpdesk/src/index.js";
import { eventKeyOf } from "../../examples/helpdesk/src/server/env.js";
import type { DataSize } from "../lib/options.js";
import { sharedClient } from "../lib/query-counter.js";

type Row = Record<string, unknown>;

export interface SeedSummary {
  readonly orgs: number;
  readonly users: number;
  readonly tags: number;
  readonly tickets: number;
  readonly closedTickets: number;
  readonly comments: number;
  readonly ticketTags: number;
  readonly seconds: number;
}

const PRIORITIES = ["low", "normal", "high"] as const;

/** A small deterministic generator (mulberry32), so every run makes the same data. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const groupBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
};

/** Runs `fn` over the items, three at a time (the server works while the engine prepares the next batch). */
async function inParallel<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return results;
}

/** Bulk-creates and insists that every record made it. */
async function bulk(app: AppCore, resource: AnyResource, action: string, inputs: Row[], actor?: Row) {
  const result = await app.engine.bulkCreate(resource, action, inputs, {
    actor,
    authorize: false,
    notify: false,
    batchSize: 500,
  });
  if (result.status !== "success")
    throw new Error(
      `seeding ${resource.name}.${action} failed: ${result.errorCount} errors, first: ${String(result.errors[0]?.error.message)}`,
    );
  return result.records;
}

/** Seeds an empty, migrated helpdesk database. */
export async function seedHelpdesk(
  client: SqlClient,
  size: DataSize,
  progress: (line: string) => void = () => undefined,
): Promise<SeedSummary> {
  const started = performance.now();
  const step = (what: string) =>
    progress(`  seeded ${what} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const helpdesk = createHelpdesk({ encryptionKey: eventKeyOf({}) });
  const { Org, User, Ticket, Comment, Tag, TicketTag } = helpdesk.resources;
  const layer = () => new PostgresDataLayer(sharedClient(client), { createTables: false });
  // Without recorders: the seed is not in the event log (as after a bulk import).
  const app = await createApp({ domains: helpdesk.domains, dataLayer: layer() });
  // register and invite hash each password with scrypt (~50 ms apiece: minutes for 10,000 users), so users
  // go in through a seeding twin of the user resource that takes the hash as given — the same hash of the
  // demo password for all, so every user can sign in.
  const SeedUser = resource("user", {
    attributes: User.attributes,
    identities: { uniqueEmail: { keys: ["email"] } },
    actions: { seed: create({ accept: ["email", "name", "role", "hashedPassword", "orgId"] }) },
  });
  const seeding = await createApp({
    domains: [domain("seeding", { resources: [SeedUser] })],
    dataLayer: layer(),
  });
  const rand = random(42);

  const orgs = await bulk(
    app,
    Org,
    "register",
    Array.from({ length: size.orgs }, (_, o) => ({ name: `Org ${o}` })),
  );
  step("orgs");
  const hashedPassword = await hashPassword(DEMO_PASSWORD);
  const perOrg = Math.floor(size.users / size.orgs);
  const agentsPerOrg = Math.max(1, Math.round(perOrg / 10));
  const userInputs = orgs.flatMap((org, o) =>
    Array.from({ length: perOrg }, (_, u) => ({
      email: `user${u}@org${o}.bench.test`,
      name: `User ${u} of org ${o}`,
      role: u === 0 ? "admin" : u <= agentsPerOrg ? "agent" : "customer",
      hashedPassword,
      orgId: org.id,
    })),
  );
  const users = await bulk(seeding, SeedUser, "seed", userInputs);
  const staffOf = groupBy(
    users.filter((u) => u.role !== "customer"),
    (u) => String(u.orgId),
  );
  const customersOf = groupBy(
    users.filter((u) => u.role === "customer"),
    (u) => String(u.orgId),
  );

  step("users");
  const tagsOf = new Map<string, Row[]>();
  for (const org of orgs) {
    const admin = staffOf.get(String(org.id))?.[0];
    const names = Array.from({ length: size.tagsPerOrg }, (_, k) => ({ name: `tag-${k}` }));
    tagsOf.set(String(org.id), await bulk(app, Tag, "create", names, admin));
  }

  step("tags");
  // Tickets: each org's share, handed round its customers; opened by each customer in one bulk action.
  const ticketsPerOrg = Math.floor(size.tickets / size.orgs);
  const planned: { reporter: Row; input: Row }[] = [];
  for (const org of orgs) {
    const customers = customersOf.get(String(org.id)) ?? [];
    for (let k = 0; k < ticketsPerOrg; k++) {
      const reporter = customers[k % customers.length] as Row;
      const priority = PRIORITIES[Math.floor(rand() * PRIORITIES.length)];
      planned.push({
        reporter,
        input: { subject: `Ticket ${k} of ${String(org.name)}`, body: `Body of ticket ${k}.`, priority },
      });
    }
  }
  const byReporter = [...groupBy(planned, (p) => String(p.reporter.id)).values()];
  const tickets = (
    await inParallel(byReporter, (group) =>
      bulk(
        app,
        Ticket,
        "open",
        group.map((p) => p.input),
        group[0]?.reporter,
      ),
    )
  ).flat();

  step("tickets");
  // A third closed, by an agent of the ticket's org.
  let closedTickets = 0;
  for (const [orgId, group] of groupBy(tickets, (t) => String(t.orgId))) {
    const agent = staffOf.get(orgId)?.[1] ?? staffOf.get(orgId)?.[0];
    const closing = group.filter((_, k) => k % 3 === 2);
    const result = await app.engine.bulkUpdate(
      Ticket,
      "close",
      closing,
      {},
      {
        actor: agent,
        authorize: false,
        notify: false,
        returnRecords: false,
        batchSize: 500,
      },
    );
    if (result.status !== "success") throw new Error(`closing tickets failed: ${result.errorCount} errors`);
    closedTickets += closing.length;
  }

  step("closed tickets");
  // Comments: 1 + n % 5 per ticket, alternately by the reporter and an agent; created per author.
  const usersById = new Map(users.map((u) => [u.id, u]));
  const comments: { author: Row; input: Row }[] = [];
  tickets.forEach((ticket, n) => {
    const staff = staffOf.get(String(ticket.orgId)) ?? [];
    const reporter = usersById.get(ticket.reporterId) as Row;
    for (let c = 0; c < 1 + (n % 5); c++) {
      const author = c % 2 === 0 ? reporter : (staff[1 + (n % Math.max(1, staff.length - 1))] ?? staff[0]);
      comments.push({
        author: author as Row,
        input: { ticketId: ticket.id, body: `Comment ${c} on ${String(ticket.subject)}` },
      });
    }
  });
  await inParallel([...groupBy(comments, (c) => String(c.author.id)).values()], (group) =>
    bulk(
      app,
      Comment,
      "create",
      group.map((c) => c.input),
      group[0]?.author,
    ),
  );

  step("comments");
  // A tag on every other ticket, linked by an admin of its org.
  let ticketTags = 0;
  for (const [orgId, group] of groupBy(tickets, (t) => String(t.orgId))) {
    const tags = tagsOf.get(orgId) ?? [];
    const links = group
      .filter((_, k) => k % 2 === 0)
      .map((t, k) => ({ ticketId: t.id, tagId: (tags[k % tags.length] as Row).id }));
    await bulk(app, TicketTag, "create", links, staffOf.get(orgId)?.[0]);
    ticketTags += links.length;
  }
  step("ticket tags");
  await client.query("ANALYZE");
  return {
    orgs: orgs.length,
    users: users.length,
    tags: [...tagsOf.values()].reduce((n, t) => n + t.length, 0),
    tickets: tickets.length,
    closedTickets,
    comments: comments.length,
    ticketTags,
    seconds: (performance.now() - started) / 1000,
  };
}
