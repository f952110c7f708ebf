import {
  belongsTo,
  create,
  defaults,
  define,
  domain,
  hasMany,
  numericality,
  present,
  read,
  relateActor,
  resource,
  set,
  t,
  update,
} from "@ashlar/core";

/** People who report tickets. */
export const User = resource("user", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    email: t.ciString({ max: 320, pattern: /^[^@\s]+@[^@\s]+$/ }),
    name: t.string({ min: 1, max: 100 }),
    role: t.enum(["customer", "agent", "admin"]).default("customer"),
  },
  identities: { uniqueEmail: ["email"] },
  relationships: { tickets: hasMany("ticket", { destinationAttribute: "reporterId" }) },
  actions: {
    ...defaults("read"),
    register: create({ accept: ["email", "name", "role"], primary: true }),
  },
});

/** A support ticket. */
export const Ticket = resource("ticket", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    subject: t.string({ min: 1, max: 200 }),
    priority: t.enum(["low", "normal", "high", "urgent"]).default("normal"),
    status: t.enum(["open", "pending", "closed"]).default("open"),
    estimateHours: t.decimal({ scale: 2 }).optional(),
    insertedAt: t.createTimestamp(),
    updatedAt: t.updateTimestamp(),
  },
  relationships: { reporter: belongsTo(() => User) },
  actions: {
    read: read({ primary: true }),
    open: create({
      accept: ["subject", "priority", "estimateHours"],
      changes: [relateActor("reporter")],
      validations: [numericality("estimateHours", { greaterThan: 0 })],
    }),
    close: update({ changes: [set("status", "closed")], validations: [present("subject")] }),
  },
});

export const Support = domain("support", {
  resources: [User, Ticket],
  interface: {
    register: define(User, "register", { args: ["email", "name"] }),
    openTicket: define(Ticket, "open", { args: ["subject"] }),
    listTickets: define(Ticket, "read"),
    getTicket: define(Ticket, "read", { getBy: ["id"] }),
    closeTicket: define(Ticket, "close"),
  },
});
