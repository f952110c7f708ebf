import {
  belongsTo,
  calculation,
  count,
  createApp,
  type DataLayer,
  defaults,
  define,
  domain,
  hasMany,
  lit,
  manyToMany,
  max,
  op,
  read,
  ref,
  resource,
  t,
} from "../index.js";
import { countingLayer } from "./counting-layer.js";

/** A small helpdesk domain shared by the query-engine scenarios (written once, for every data layer). */
export const User = resource("user", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    name: t.string(),
    role: t.enum(["customer", "agent", "admin"]).default("customer"),
  },
  relationships: { tickets: hasMany("ticket", { destinationAttribute: "reporterId" }) },
  aggregates: { ticketCount: count("tickets") },
  actions: { ...defaults("read", "create") },
});

export const Ticket = resource("ticket", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    subject: t.string(),
    priority: t.enum(["low", "normal", "high", "urgent"]).default("normal"),
    status: t.enum(["open", "pending", "closed"]).default("open"),
    estimate: t.decimal().optional(),
  },
  relationships: {
    reporter: belongsTo("user"),
    comments: hasMany("comment"),
    tags: manyToMany("tag", { through: "ticketTag" }),
  },
  calculations: {
    isUrgent: calculation(
      t.boolean(),
      op("and", op("==", ref("priority"), lit("urgent")), op("!=", ref("status"), lit("closed"))),
    ),
    shout: calculation(t.string(), {
      load: ["subject"],
      compute: (rows) => rows.map((r) => String(r.subject).toUpperCase()),
    }),
  },
  aggregates: {
    commentCount: count("comments"),
    lastCommentAt: max("comments", "insertedAt"),
  },
  actions: {
    ...defaults("read", "create", "update", "destroy"),
    pages: read({ pagination: { defaultLimit: 2, maxLimit: 3, required: true } }),
    noCursor: read({ pagination: { keyset: false, countable: false } }),
  },
});

export const Comment = resource("comment", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    body: t.string(),
    likes: t.integer().default(0),
    insertedAt: t.createTimestamp(),
  },
  relationships: { ticket: belongsTo("ticket", { attribute: t.uuid() }), author: belongsTo("user") },
  actions: { ...defaults("read", "create") },
});

export const Tag = resource("tag", {
  attributes: { id: t.uuidv7().primaryKey(), name: t.string() },
  actions: { ...defaults("read", "create") },
});

export const TicketTag = resource("ticketTag", {
  attributes: { id: t.uuidv7().primaryKey() },
  relationships: {
    ticket: belongsTo("ticket", { attribute: t.uuid() }),
    tag: belongsTo("tag", { attribute: t.uuid() }),
  },
  actions: { ...defaults("read", "create") },
});

export const Helpdesk = domain("helpdesk", {
  resources: [User, Ticket, Comment, Tag, TicketTag],
  interface: {
    listTickets: define(Ticket, "read"),
    pageTickets: define(Ticket, "pages"),
    getTicket: define(Ticket, "read", { getBy: ["id"] }),
    listUsers: define(User, "read"),
    openTicket: define(Ticket, "create", { args: ["subject"] }),
  },
});

/** Creates the helpdesk app on a data layer and seeds a few users, tickets, comments and tags through actions. */
export async function seededApp(dataLayer: DataLayer) {
  const counted = countingLayer(dataLayer);
  const app = await createApp({ domains: [Helpdesk], dataLayer: counted });
  const e = app.engine;
  const ann = await e.create(User, "create", { name: "Ann", role: "agent" });
  const bob = await e.create(User, "create", { name: "Bob" });
  const fire = await e.create(Ticket, "create", {
    subject: "Printer on fire",
    priority: "urgent",
    reporterId: bob.id,
  });
  const vpn = await e.create(Ticket, "create", {
    subject: "VPN down",
    priority: "high",
    reporterId: bob.id,
    estimate: "1.5",
  });
  const pw = await e.create(Ticket, "create", {
    subject: "Password",
    priority: "low",
    reporterId: ann.id,
    status: "closed",
  });
  for (const [ticket, author, body, likes] of [
    [fire, ann, "On it", 3],
    [fire, bob, "Thanks", 0],
    [fire, ann, "Fixed", 7],
    [vpn, ann, "Rebooting", 1],
  ] as const) {
    await e.create(Comment, "create", { ticketId: ticket.id, authorId: author.id, body, likes });
  }
  const hw = await e.create(Tag, "create", { name: "hardware" });
  const net = await e.create(Tag, "create", { name: "network" });
  await e.create(TicketTag, "create", { ticketId: fire.id, tagId: hw.id });
  await e.create(TicketTag, "create", { ticketId: vpn.id, tagId: net.id });
  await e.create(TicketTag, "create", { ticketId: vpn.id, tagId: hw.id });
  counted.reads = 0;
  return { app, layer: counted, ann, bob, fire, vpn, pw, hw, net };
}

/** Makes a fresh, empty data layer for one scenario. */
export type LayerFactory = () => DataLayer | Promise<DataLayer>;
