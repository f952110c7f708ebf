import {
  belongsTo,
  create,
  createApp,
  destroy,
  domain,
  hasMany,
  hasOne,
  type ManageRelationshipOptions,
  manageRelationship,
  manyToMany,
  type Notification,
  read,
  resource,
  t,
  update,
  validation,
} from "../index.js";
import type { LayerFactory } from "./helpdesk.js";

/**
 * A desk for the manageRelationship scenarios: tickets with comments (hasMany, nil-able foreign key), tasks
 * (hasMany, required foreign key), tags (manyToMany through ticketTag) and an assignee (belongsTo). Each
 * ticket action manages one relationship one way.
 */
type Row = Record<string, unknown>;

/** What the notifiers received, with how many tickets were committed at that moment. */
export const delivered: { resource: string; action: string; committedTickets: number }[] = [];
/** Counts the committed tickets (read outside any transaction); set by `makeDesk`. */
let committedTickets: () => Promise<number> = async () => 0;
const recorder = {
  name: "recorder",
  notify: async (n: Notification) => {
    delivered.push({ resource: n.resource, action: n.action, committedTickets: await committedTickets() });
  },
};

const list = () => t.array(t.json()).optional();
const manage = (arg: "comments" | "tasks" | "tags", options: ManageRelationshipOptions) =>
  update({ arguments: { [arg]: list() }, changes: [manageRelationship(arg, arg, options)] });

export const User = resource("user", {
  attributes: { id: t.uuidv7().primaryKey(), name: t.string() },
  actions: { read: read({ primary: true }), create: create({ primary: true, accept: ["name"] }) },
});

export const Ticket = resource("ticket", {
  attributes: { id: t.uuidv7().primaryKey(), subject: t.string({ min: 1 }) },
  relationships: {
    comments: hasMany("comment"),
    tasks: hasMany("task"),
    tags: manyToMany("tag", { through: "ticketTag" }),
    assignee: belongsTo("user"),
    survey: hasOne("survey"),
  },
  notifiers: [recorder],
  actions: {
    read: read({ primary: true }),
    create: create({ primary: true, accept: ["subject", "assigneeId"] }),
    // hasMany, nil-able foreign key
    appendComments: manage("comments", { type: "append" }),
    setComments: manage("comments", { type: "appendAndRemove" }),
    removeComments: manage("comments", { type: "remove" }),
    editComments: manage("comments", { type: "directControl" }),
    editCommentsUnrelate: manage("comments", { type: "directControl", onMissing: "unrelate" }),
    editCommentsKeep: manage("comments", { type: "directControl", onMissing: "ignore" }),
    addComments: manage("comments", { type: "create" }),
    openWithComments: create({
      accept: ["subject"],
      arguments: { comments: list() },
      changes: [manageRelationship("comments", "comments", { type: "directControl" })],
    }),
    // hasMany, required foreign key
    setTasks: manage("tasks", { type: "appendAndRemove", onMissing: "destroy" }),
    // manyToMany
    appendTags: manage("tags", { type: "append" }),
    setTags: manage("tags", { type: "appendAndRemove" }),
    removeTags: manage("tags", { type: "remove" }),
    editTags: manage("tags", { type: "directControl" }),
    editTagsUnrelate: manage("tags", { type: "directControl", onMissing: "unrelate" }),
    addTags: manage("tags", { type: "create" }),
    openWithTags: create({
      accept: ["subject"],
      arguments: { tags: list() },
      changes: [manageRelationship("tags", "tags", { type: "append" })],
    }),
    openWithNewTags: create({
      accept: ["subject"],
      arguments: { tags: list() },
      changes: [manageRelationship("tags", "tags", { type: "create" })],
    }),
    // belongsTo
    assign: update({
      arguments: { assignee: t.json().optional() },
      changes: [manageRelationship("assignee", "assignee", { type: "append" })],
    }),
    reassign: update({
      arguments: { assignee: t.json().optional() },
      changes: [manageRelationship("assignee", "assignee", { type: "appendAndRemove" })],
    }),
    unassign: update({
      arguments: { assignee: t.json().optional() },
      changes: [manageRelationship("assignee", "assignee", { type: "remove" })],
    }),
    openAssigned: create({
      accept: ["subject"],
      arguments: { assignee: t.uuid() },
      changes: [manageRelationship("assignee", "assignee", { type: "append" })],
    }),
    // hasOne
    setSurvey: update({
      arguments: { survey: t.json().optional() },
      changes: [manageRelationship("survey", "survey", { type: "directControl" })],
    }),
  },
});

/** A pinned comment may not be destroyed. */
const notPinned = validation({
  describe: () => "the comment is not pinned",
  validate: (cs) => (cs.data?.body === "pinned" ? { field: "body", message: "is pinned" } : undefined),
});

export const Comment = resource("comment", {
  attributes: { id: t.uuidv7().primaryKey(), body: t.string({ min: 1 }) },
  relationships: { ticket: belongsTo("ticket") },
  notifiers: [recorder],
  actions: {
    read: read({ primary: true }),
    create: create({ primary: true, accept: ["body", "ticketId"] }),
    update: update({ primary: true, accept: ["body", "ticketId"] }),
    destroy: destroy({ primary: true, validations: [notPinned] }),
  },
});

export const Task = resource("task", {
  attributes: { id: t.uuidv7().primaryKey(), title: t.string() },
  relationships: { ticket: belongsTo("ticket", { attribute: t.uuid() }) },
  actions: {
    read: read({ primary: true }),
    create: create({ primary: true, accept: ["title", "ticketId"] }),
    update: update({ primary: true, accept: ["title", "ticketId"] }),
    destroy: destroy({ primary: true }),
  },
});

export const Survey = resource("survey", {
  attributes: { id: t.uuidv7().primaryKey(), score: t.integer({ min: 1, max: 5 }) },
  relationships: { ticket: belongsTo("ticket") },
  actions: {
    read: read({ primary: true }),
    create: create({ primary: true, accept: ["score", "ticketId"] }),
    update: update({ primary: true, accept: ["score", "ticketId"] }),
    destroy: destroy({ primary: true }),
  },
});

export const Tag = resource("tag", {
  attributes: { id: t.uuidv7().primaryKey(), name: t.string({ min: 1 }) },
  notifiers: [recorder],
  actions: {
    read: read({ primary: true }),
    create: create({ primary: true, accept: ["name"] }),
    update: update({ primary: true, accept: ["name"] }),
    destroy: destroy({ primary: true }),
  },
});

export const TicketTag = resource("ticketTag", {
  attributes: { id: t.uuidv7().primaryKey() },
  relationships: {
    ticket: belongsTo("ticket", { attribute: t.uuid() }),
    tag: belongsTo("tag", { attribute: t.uuid() }),
  },
  notifiers: [recorder],
  actions: {
    read: read({ primary: true }),
    create: create({ primary: true, accept: ["ticketId", "tagId"] }),
    destroy: destroy({ primary: true }),
  },
});

export const Desk = domain("desk", { resources: [User, Ticket, Comment, Task, Survey, Tag, TicketTag] });

/**
 * A fresh app on a fresh data layer; `committedTickets` reads the data layer outside any transaction, so it
 * sees committed rows only.
 */
export async function makeDesk(makeLayer: LayerFactory) {
  const dataLayer = await makeLayer();
  const app = await createApp({ domains: [Desk], dataLayer });
  const tickets = app.engine.runtimeOf(Ticket).table;
  committedTickets = async () => (await dataLayer.read(tickets, {})).length;
  delivered.length = 0;
  const e = app.engine;
  const all = async (r: (typeof Desk)["resources"][number]) => e.read(r, "read", { sort: ["id"] });
  return {
    app,
    e,
    all,
    /** The bodies of a ticket's comments, sorted. */
    commentsOf: async (ticket: Row) =>
      (await e.read(Comment, "read", { filter: { ticketId: ticket.id } })).map((c) => c.body).sort(),
    /** The names of a ticket's tags, sorted (loaded through the relationship). */
    tagsOf: async (ticket: Row) => {
      const [row] = await e.read(Ticket, "read", { filter: { id: ticket.id }, load: ["tags"] });
      return ((row?.tags ?? []) as Row[]).map((tag) => tag.name).sort();
    },
    /** How many join records point at the ticket. */
    joinsOf: async (ticket: Row) =>
      (await e.read(TicketTag, "read", { filter: { ticketId: ticket.id } })).length,
  };
}

/** What `makeDesk` answers. */
export type DeskContext = Awaited<ReturnType<typeof makeDesk>>;

export { invalidFrom } from "./support.js";
