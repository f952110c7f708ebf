import {
  action,
  belongsTo,
  create,
  createApp,
  defaults,
  define,
  destroy,
  domain,
  hasMany,
  memory,
  present,
  read,
  relateActor,
  resource,
  set,
  t,
  update,
} from "@ashlar/core";

export const User = resource("user", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    email: t.ciString({ max: 320 }),
    name: t.string({ min: 1, max: 100 }),
    role: t.enum(["customer", "agent", "admin"]).default("customer"),
  },
  identities: { uniqueEmail: ["email"] },
  relationships: { tickets: hasMany("ticket", { destinationAttribute: "reporterId" }) },
  actions: { ...defaults("read", "create", "update", "destroy") },
});

export const Ticket = resource("ticket", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    subject: t.string({ min: 1, max: 200 }),
    priority: t.enum(["low", "normal", "high", "urgent"]).default("normal"),
    status: t.enum(["open", "pending", "closed"]).default("open"),
    viewCount: t.integer({ min: 0 }).default(0),
    notes: t.string().optional(),
    insertedAt: t.createTimestamp(),
    updatedAt: t.updateTimestamp(),
  },
  relationships: { reporter: belongsTo(() => User) },
  actions: {
    read: read({ primary: true }),
    open: create({
      accept: ["subject", "priority", "notes"],
      changes: [relateActor("reporter")],
      validations: [present("subject")],
    }),
    close: update({
      accept: [],
      arguments: { reason: t.string().optional() },
      changes: [set("status", "closed")],
    }),
    edit: update({ accept: ["subject", "priority"] }),
    remove: destroy({}),
    countOpen: action({ returns: t.integer(), run: async () => 1 }),
  },
});

export const Support = domain("support", {
  resources: [User, Ticket],
  interface: {
    register: define(User, "create", { args: ["email", "name"] }),
    openTicket: define(Ticket, "open", { args: ["subject", "priority?"] }),
    listTickets: define(Ticket, "read"),
    getTicket: define(Ticket, "read", { getBy: ["id"] }),
    userByEmail: define(User, "read", { getByIdentity: "uniqueEmail" }),
    closeTicket: define(Ticket, "close"),
    editTicket: define(Ticket, "edit"),
    removeTicket: define(Ticket, "remove"),
    countOpen: define(Ticket, "countOpen"),
  },
});

export const makeApp = () => createApp({ domains: [Support], dataLayer: memory() });
