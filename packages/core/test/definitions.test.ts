import {
  type AnyDomain,
  belongsTo,
  create,
  createApp,
  defaults,
  define,
  domain,
  FrameworkError,
  hasMany,
  InvalidError,
  manyToMany,
  memory,
  present,
  read,
  relateActor,
  resource,
  set,
  t,
} from "@ashlar/core";
import { describe, expect, it } from "vitest";

const pk = () => t.uuidv7().primaryKey();

/** Builds an app that must fail verification; answers the problems' messages. */
async function problems(...domains: AnyDomain[]): Promise<string[]> {
  const error = await createApp({ domains, dataLayer: memory() }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FrameworkError);
  const fe = error as FrameworkError;
  expect(fe.errors.length).toBeGreaterThan(0);
  for (const leaf of fe.errors) {
    expect(leaf.code).toBe("invalid_definition");
    expect(leaf.class).toBe("framework");
    expect(fe.message).toContain(leaf.message);
  }
  return fe.errors.map((e) => e.message);
}

const only = (d: AnyDomain) => problems(d);

describe("createApp verification: one mistake each, naming resource, section and field", () => {
  it("an unknown accepted attribute", async () => {
    const R = resource("note", {
      attributes: { id: pk(), title: t.string() },
      actions: { add: create({ accept: ["titel"] as never }) },
    });
    expect(await only(domain("d", { resources: [R] }))).toEqual([
      expect.stringMatching(
        /^note \(actions\.add\.accept\): "titel" is not an attribute; attributes are id, title/,
      ),
    ]);
  });

  it("a non-writable accepted attribute", async () => {
    const R = resource("note", {
      attributes: { id: pk(), title: t.string(), locked: t.boolean().default(false).writable(false) },
      actions: { add: create({ accept: ["title", "locked"] }) },
    });
    expect(await only(domain("d", { resources: [R] }))).toEqual([
      expect.stringMatching(/^note \(actions\.add\.accept\): "locked" is not writable/),
    ]);
  });

  it("an unknown identity key", async () => {
    const R = resource("note", {
      attributes: { id: pk(), title: t.string() },
      identities: { uniqueTitle: ["titel"] as never },
    });
    expect(await only(domain("d", { resources: [R] }))).toEqual([
      expect.stringMatching(/^note \(identities\.uniqueTitle\): "titel" is not an attribute/),
    ]);
  });

  it("an unknown relationship destination, by name or by thunk", async () => {
    const Stray = resource("stray", { attributes: { id: pk() } });
    const R = resource("note", {
      attributes: { id: pk() },
      relationships: { owner: belongsTo("ghost"), stray: belongsTo(() => Stray) },
    });
    expect(await only(domain("d", { resources: [R] }))).toEqual([
      expect.stringMatching(
        /^note \(relationships\.owner\): destination "ghost" is not a resource of this app/,
      ),
      expect.stringMatching(/^note \(relationships\.stray\): destination .* is not a resource of this app/),
    ]);
  });

  it("a missing primary key", async () => {
    const R = resource("note", { attributes: { title: t.string() } });
    expect(await only(domain("d", { resources: [R] }))).toEqual([
      expect.stringMatching(/^note \(attributes\): has no primary key/),
    ]);
  });

  it("a change or validation referring to an unknown field, in an action or on the resource", async () => {
    const R = resource("note", {
      attributes: { id: pk(), title: t.string() },
      actions: {
        add: create({
          accept: ["title"],
          changes: [set("titel" as never, "x")],
          validations: [present("body" as never)],
        }),
      },
      changes: [set("stamp" as never, 1)],
      validations: [present("size" as never)],
    });
    expect(await only(domain("d", { resources: [R] }))).toEqual([
      'note (actions.add.changes): set refers to "titel", which is not an attribute or argument here',
      'note (actions.add.validations): present refers to "body", which is not an attribute or argument here',
      'note (changes): set refers to "stamp", which is not an attribute or argument here',
      'note (validations): present refers to "size", which is not an attribute or argument here',
    ]);
  });

  it("relateActor on a hasMany relationship", async () => {
    const Item = resource("item", { attributes: { id: pk() }, relationships: { list: belongsTo("list") } });
    const List = resource("list", {
      attributes: { id: pk() },
      relationships: { items: hasMany("item") },
      actions: { add: create({ changes: [relateActor("items")] }) },
    });
    expect(await only(domain("d", { resources: [List, Item] }))).toEqual([
      expect.stringMatching(
        /^list \(actions\.add\.changes\): relateActor\("items"\) needs a belongsTo .*hasMany/,
      ),
    ]);
  });

  it("two primary actions of one type", async () => {
    const R = resource("note", {
      attributes: { id: pk() },
      actions: { all: read({ primary: true }), every: read({ primary: true }) },
    });
    expect(await only(domain("d", { resources: [R] }))).toEqual([
      expect.stringMatching(
        /^note \(actions\.every\): is a second primary read action \(all is one already\)/,
      ),
    ]);
  });

  it("interface args that are not inputs, and getBy over an unknown attribute", async () => {
    const R = resource("note", {
      attributes: { id: pk(), title: t.string() },
      actions: { ...defaults("read", "create") },
    });
    const d = domain("notes", {
      resources: [R],
      interface: {
        add: define(R, "create", { args: ["titel"] as never }),
        // The generated primary key is not an input of an `accept: "*"` create either.
        addWithId: define(R, "create", { args: ["id"] as never }),
        byTitle: define(R, "read", { getBy: ["titel"] as never }),
      },
    });
    expect(await only(d)).toEqual([
      expect.stringMatching(
        /^notes \(interface\.add\): args: "titel" is not an input of note\.create; inputs are title$/,
      ),
      expect.stringMatching(/^notes \(interface\.addWithId\): args: "id" is not an input of note\.create/),
      expect.stringMatching(/^notes \(interface\.byTitle\): getBy: "titel" is not an attribute of note/),
    ]);
  });

  it("an interface over a resource that is not in the domain", async () => {
    const A = resource("alpha", { attributes: { id: pk() }, actions: { ...defaults("read") } });
    const B = resource("beta", { attributes: { id: pk() } });
    const home = domain("home", { resources: [A] });
    const away = domain("away", { resources: [B], interface: { listAlpha: define(A, "read") } });
    expect(await problems(home, away)).toEqual([
      expect.stringMatching(/^away \(interface\.listAlpha\): alpha is not one of the domain's resources/),
    ]);
  });

  it("two different resources with one name; one resource in two domains is fine", async () => {
    const A = resource("dup", { attributes: { id: pk() } });
    const B = resource("dup", { attributes: { id: pk() } });
    expect(await problems(domain("one", { resources: [A] }), domain("two", { resources: [B] }))).toEqual([
      expect.stringMatching(/^dup: two different resources are named "dup"/),
    ]);
    const app = await createApp({
      domains: [domain("one", { resources: [A] }), domain("two", { resources: [A] })],
    });
    expect([...app.resources.keys()]).toEqual(["dup"]);
  });

  it("reports several mistakes together", async () => {
    const R = resource("note", {
      attributes: { title: t.string() },
      identities: { u: ["slug"] as never },
      actions: { add: create({ accept: ["body"] as never }), ...defaults("read") },
    });
    const d = domain("notes", {
      resources: [R],
      interface: { get: define(R, "read", { getBy: ["slug"] as never }) },
    });
    const found = await problems(d);
    expect(found).toHaveLength(4);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining("note (attributes): has no primary key"),
        expect.stringContaining('note (identities.u): "slug"'),
        expect.stringContaining('note (actions.add.accept): "body"'),
        expect.stringContaining('notes (interface.get): getBy: "slug"'),
      ]),
    );
    const error = await createApp({ domains: [d] }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/4 problem/);
  });
});

// Relationship resolution: destinations by name and by thunk, in a cycle, with every default.
const SupportTicket = resource("support_ticket", {
  attributes: { id: pk(), subject: t.string() },
  relationships: {
    comments: hasMany(() => Comment),
    labels: manyToMany("label", { through: () => TicketLabel }),
  },
  actions: { ...defaults("read", "create") },
});
const Comment = resource("comment", {
  attributes: { id: pk(), body: t.string() },
  relationships: {
    supportTicket: belongsTo("support_ticket"),
    ticket: belongsTo(() => SupportTicket, { sourceAttribute: "otherTicketKey" }),
  },
  actions: { ...defaults("read", "create") },
});
const Label = resource("label", {
  attributes: { id: pk(), name: t.string() },
  relationships: { tickets: manyToMany(() => SupportTicket, { through: "ticket_label" }) },
});
const TicketLabel = resource("ticket_label", {
  attributes: { id: pk() },
  relationships: { supportTicket: belongsTo("support_ticket"), label: belongsTo(() => Label) },
});
const Desk = domain("desk", { resources: [SupportTicket, Comment, Label, TicketLabel] });

describe("relationship resolution", () => {
  it("fills in default attribute names and finds destinations by name and thunk, in cycles", async () => {
    const app = await createApp({ domains: [Desk] });
    const ticket = app.engine.runtimeOf(SupportTicket).relationships;
    expect(ticket.comments).toMatchObject({
      kind: "hasMany",
      sourceAttribute: "id",
      destinationAttribute: "supportTicketId",
    });
    expect(ticket.comments?.destination).toBe(Comment);
    expect(ticket.labels).toMatchObject({
      kind: "manyToMany",
      sourceAttribute: "id",
      destinationAttribute: "id",
      sourceAttributeOnJoin: "supportTicketId",
      destinationAttributeOnJoin: "labelId",
    });
    expect(ticket.labels?.through).toBe(TicketLabel);
    expect(ticket.labels?.destination).toBe(Label);

    const comment = app.engine.runtimeOf(Comment).relationships;
    expect(comment.supportTicket).toMatchObject({
      sourceAttribute: "supportTicketId",
      destinationAttribute: "id",
    });
    expect(comment.supportTicket?.destination).toBe(SupportTicket);
    expect(comment.ticket).toMatchObject({ sourceAttribute: "otherTicketKey", destinationAttribute: "id" });
    expect(comment.ticket?.destination).toBe(SupportTicket);

    const label = app.engine.runtimeOf(Label).relationships;
    expect(label.tickets).toMatchObject({
      sourceAttributeOnJoin: "labelId",
      destinationAttributeOnJoin: "supportTicketId",
    });
    expect(label.tickets?.through).toBe(TicketLabel);
  });

  it("the foreign keys belongsTo adds are real attributes", async () => {
    const app = await createApp({ domains: [Desk] });
    const t1 = await app.engine.create(SupportTicket, "create", { subject: "Help" });
    const c = await app.engine.create(Comment, "create", { body: "On it", supportTicketId: t1.id });
    expect(c.supportTicketId).toBe(t1.id);
    const other = await app.engine.create(Comment, "create", { body: "Also", otherTicketKey: t1.id });
    expect(other.otherTicketKey).toBe(t1.id);
    expect(Object.keys(Comment.attributes).sort()).toEqual([
      "body",
      "id",
      "otherTicketKey",
      "supportTicketId",
    ]);
  });

  it("a hasMany whose default foreign key is missing on the destination is reported", async () => {
    const Post = resource("blog_post", {
      attributes: { id: pk() },
      relationships: { replies: hasMany("reply") },
    });
    const Reply = resource("reply", {
      attributes: { id: pk() },
      relationships: { post: belongsTo("blog_post") },
    });
    expect(await only(domain("d", { resources: [Post, Reply] }))).toEqual([
      expect.stringMatching(
        /^blog_post \(relationships\.replies\): destination attribute "blogPostId" is not an attribute of reply/,
      ),
    ]);
  });
});

describe("identities", () => {
  const Member = resource("member", {
    attributes: { id: pk(), email: t.ciString(), handle: t.string() },
    identities: { uniqueEmail: ["email"], uniqueHandle: ["handle"] },
    actions: { ...defaults("read", "create", "update") },
  });
  const makeApp = () =>
    createApp({ domains: [domain("club", { resources: [Member] })], dataLayer: memory() });

  it("a duplicate email is InvalidError code unique on field email", async () => {
    const app = await makeApp();
    await app.engine.create(Member, "create", { email: "ann@x.test", handle: "ann" });
    const error = await app.engine
      .create(Member, "create", { email: "ann@x.test", handle: "ann2" })
      .catch((e) => e);
    expect(error).toBeInstanceOf(InvalidError);
    expect((error as InvalidError).errors).toEqual([
      expect.objectContaining({ code: "unique", field: "email" }),
    ]);
    expect(await app.engine.read(Member, "read")).toHaveLength(1);
  });

  it("a ciString identity ignores case; a string identity does not", async () => {
    const app = await makeApp();
    const ann = await app.engine.create(Member, "create", { email: "Ann@X.test", handle: "ann" });
    const upper = await app.engine
      .create(Member, "create", { email: "ANN@x.TEST", handle: "other" })
      .catch((e) => e);
    expect((upper as InvalidError).errors?.[0]).toMatchObject({ code: "unique", field: "email" });
    const bob = await app.engine.create(Member, "create", { email: "bob@x.test", handle: "ANN" });
    expect(bob.handle).toBe("ANN");
    const renamed = await app.engine.update(Member, "update", bob, { email: "ann@x.TEST" }).catch((e) => e);
    expect((renamed as InvalidError).errors?.[0]).toMatchObject({ code: "unique", field: "email" });
    expect(await app.engine.update(Member, "update", ann, { email: "ANN@X.TEST" })).toMatchObject({
      email: "ANN@X.TEST",
    });
  });
});
