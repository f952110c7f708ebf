import {
  actionType,
  actorAttributeEquals,
  authorizeIf,
  belongsTo,
  calculation,
  count,
  create,
  createApp,
  type DataLayer,
  destroy,
  domain,
  expr,
  fieldPolicy,
  hasMany,
  manageRelationship,
  manyToMany,
  memory,
  policy,
  read,
  relateActor,
  relatesToActorVia,
  resource,
  set,
  t,
  update,
} from "@ashlar/core";
import { apiResource, jsonApi } from "@ashlar/json-api";
import { serve } from "@hono/node-server";

/** A small desk for the API's own tests: people, tickets with comments and tags, policies, a hidden field. */
export const Person = resource("person", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    name: t.string({ min: 1 }),
    role: t.enum(["customer", "agent"]).default("customer"),
    secret: t.string().optional().sensitive(),
  },
  actions: { read: read({ primary: true }), create: create({ accept: ["name", "role", "secret"] }) },
});

export const Tag = resource("tag", {
  attributes: { id: t.uuidv7().primaryKey(), name: t.string() },
  actions: { read: read({ primary: true }), create: create({ accept: ["name"] }) },
});

export const TicketTag = resource("ticketTag", {
  attributes: { id: t.uuidv7().primaryKey() },
  relationships: { ticket: belongsTo("ticket"), tag: belongsTo("tag") },
  actions: {
    read: read({ primary: true }),
    create: create({ accept: ["ticketId", "tagId"] }),
    destroy: destroy({ primary: true }),
  },
});

export const Comment = resource("comment", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    body: t.string({ min: 1, max: 5000 }),
    insertedAt: t.createTimestamp(),
  },
  relationships: { ticket: belongsTo("ticket"), author: belongsTo("person") },
  actions: {
    read: read({ primary: true }),
    create: create({ accept: ["body", "ticketId"], changes: [relateActor("author")] }),
  },
});

const ids = () => t.array(t.json()).optional();

export const Ticket = resource("ticket", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    subject: t.string({ min: 1, max: 200 }),
    priority: t.enum(["low", "normal", "high", "urgent"]).default("normal"),
    status: t.enum(["open", "closed"]).default("open"),
    internalNotes: t.string().optional(),
    estimate: t.decimal().optional(),
    insertedAt: t.createTimestamp(),
  },
  relationships: {
    reporter: belongsTo("person"),
    comments: hasMany("comment"),
    tags: manyToMany("tag", { through: "ticketTag" }),
  },
  calculations: { isUrgent: calculation(t.boolean(), expr`priority == "urgent" and status != "closed"`) },
  aggregates: { commentCount: count("comments") },
  fieldPolicies: [fieldPolicy(["internalNotes"], authorizeIf(actorAttributeEquals("role", "agent")))],
  policies: [
    policy(
      actionType("read"),
      authorizeIf(relatesToActorVia("reporter")),
      authorizeIf(actorAttributeEquals("role", "agent")),
    ),
    policy(
      actionType("create"),
      authorizeIf(actorAttributeEquals("role", "customer")),
      authorizeIf(actorAttributeEquals("role", "agent")),
    ),
    policy(
      actionType("update"),
      authorizeIf(actorAttributeEquals("role", "agent")),
      authorizeIf(relatesToActorVia("reporter")),
    ),
    policy(actionType("destroy"), authorizeIf(actorAttributeEquals("role", "agent"))),
  ],
  actions: {
    read: read({
      primary: true,
      pagination: { keyset: true, offset: true, defaultLimit: 25, maxLimit: 100 },
    }),
    open: create({ accept: ["subject", "priority", "estimate"], changes: [relateActor("reporter")] }),
    update: update({ accept: ["subject", "priority", "internalNotes"] }),
    close: update({ changes: [set("status", "closed")] }),
    addTags: update({
      arguments: { tagIds: ids() },
      changes: [manageRelationship("tagIds", "tags", { type: "append" })],
    }),
    removeTags: update({
      arguments: { tagIds: ids() },
      changes: [manageRelationship("tagIds", "tags", { type: "remove" })],
    }),
    destroy: destroy({ primary: true }),
  },
});

export const resources = [
  apiResource(Person, { type: "person", path: "people", routes: { index: "read", get: "read" } }),
  apiResource(Tag, { routes: { index: "read", get: "read", post: "create" } }),
  apiResource(Comment, { routes: { get: "read", post: "create" } }),
  apiResource(Ticket, {
    routes: {
      index: "read",
      get: "read",
      post: "open",
      patch: "update",
      delete: "destroy",
      member: { close: "close" },
      related: ["comments"],
      relationships: { tags: { post: "addTags", delete: "removeTags", argument: "tagIds" } },
    },
  }),
];

/** The app and its API served on 127.0.0.1 (a free port); the actor is the person named by `x-person`. */
export async function serveDesk(dataLayer: DataLayer = memory()) {
  const app = await createApp({
    domains: [domain("desk", { resources: [Person, Tag, TicketTag, Comment, Ticket] })],
    dataLayer,
  });
  const errors: unknown[] = [];
  const api = jsonApi(app, {
    resources,
    actor: async (c) => {
      const id = c.req.header("x-person");
      if (!id)
        return new Response(JSON.stringify({ errors: [{ status: "401", title: "Unauthorized" }] }), {
          status: 401,
        });
      const [person] = await app.engine.read(Person, "read", { filter: { id }, authorize: false });
      return person;
    },
    context: (c) => ({ eventMetadata: { source: "json_api", requestId: c.req.header("x-request-id") } }),
    openApi: { title: "desk", version: "1.0.0" },
    onError: (error) => errors.push(error),
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: api.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
  });
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  return {
    app,
    base,
    errors,
    close: async () => {
      await new Promise((r) => server.close(r));
      await app.close();
    },
  };
}

export type Desk = Awaited<ReturnType<typeof serveDesk>>;
