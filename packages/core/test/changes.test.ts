import {
  belongsTo,
  create,
  createApp,
  defaults,
  define,
  domain,
  increment,
  memory,
  read,
  relateActor,
  resource,
  set,
  setNew,
  t,
  update,
} from "@ashlar/core";
import { beforeEach, describe, expect, it } from "vitest";
import { invalidFrom } from "./support.js";

/** Built-in changes: set, setNew, increment, relateActor. */

const Member = resource("member", {
  attributes: { id: t.uuidv7().primaryKey(), handle: t.string() },
  actions: { ...defaults("read", "create") },
});

const slugOf = (title: unknown) => String(title).toLowerCase().replace(/\s+/g, "-");
let setNewCalls = 0;

const Post = resource("post", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    title: t.string(),
    status: t.enum(["draft", "review", "published"]).default("draft"),
    slug: t.string().optional(),
    views: t.integer().default(0),
    counter: t.integer().optional(),
  },
  relationships: {
    owner: belongsTo(() => Member),
    reviewer: belongsTo(() => Member),
  },
  actions: {
    read: read({ primary: true }),
    seed: create({ accept: ["title", "slug", "views", "counter"] }),
    submit: create({
      accept: ["title", "status"],
      changes: [set("status", "review"), set("slug", async (cs) => slugOf(cs.getAttribute("title")))],
    }),
    badSet: create({ accept: ["title"], changes: [set("views", "lots")] }),
    draft: create({
      accept: ["title", "slug"],
      changes: [
        setNew("slug", (cs) => {
          setNewCalls++;
          return slugOf(cs.getAttribute("title"));
        }),
      ],
    }),
    draftTwice: create({ accept: ["title"], changes: [set("slug", "first"), setNew("slug", "second")] }),
    retitle: update({ accept: ["title"], changes: [setNew("slug", "fallback")] }),
    view: update({ changes: [increment("views")] }),
    boost: update({ changes: [increment("views", { amount: 5 })] }),
    sink: update({ changes: [increment("views", { amount: -2 })] }),
    spin: update({ changes: [increment("counter", { amount: 2, overflowLimit: 5 })] }),
    write: create({ accept: ["title"], changes: [relateActor("owner")] }),
    writeAnon: create({ accept: ["title"], changes: [relateActor("owner", { allowNil: true })] }),
    writeFor: create({ accept: ["title"], changes: [relateActor("reviewer", { field: "memberId" })] }),
  },
});

const Blog = domain("blog", {
  resources: [Member, Post],
  interface: {
    join: define(Member, "create", { args: ["handle"] }),
    seed: define(Post, "seed", { args: ["title"] }),
    submit: define(Post, "submit", { args: ["title"] }),
    badSet: define(Post, "badSet", { args: ["title"] }),
    draft: define(Post, "draft", { args: ["title"] }),
    draftTwice: define(Post, "draftTwice", { args: ["title"] }),
    retitle: define(Post, "retitle"),
    view: define(Post, "view"),
    boost: define(Post, "boost"),
    sink: define(Post, "sink"),
    spin: define(Post, "spin"),
    write: define(Post, "write", { args: ["title"] }),
    writeAnon: define(Post, "writeAnon", { args: ["title"] }),
    writeFor: define(Post, "writeFor", { args: ["title"] }),
    posts: define(Post, "read"),
    post: define(Post, "read", { getBy: ["id"] }),
  },
});

const makeApp = () => createApp({ domains: [Blog], dataLayer: memory() });
let app: Awaited<ReturnType<typeof makeApp>>;
beforeEach(async () => {
  app = await makeApp();
  setNewCalls = 0;
});

describe("set", () => {
  it("sets a constant, overriding the caller's input", async () => {
    const post = await app.blog.submit("Hello World", { status: "published" });
    expect(post.status).toBe("review");
    expect((await app.blog.post(post.id)).status).toBe("review");
  });

  it("sets the (awaited) result of a function of the changeset", async () => {
    const post = await app.blog.submit("Hello  Big World");
    expect(post.slug).toBe("hello-big-world");
    expect((await app.blog.post(post.id)).slug).toBe("hello-big-world");
  });

  it("casts the value with the attribute's type: a bad value is an error on the field, nothing written", async () => {
    const error = await invalidFrom(app.blog.badSet("Nope"));
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]).toMatchObject({ code: "invalid_type", field: "views", source: "post.badSet" });
    expect(error.errors[0]?.message).toMatch(/integer/);
    expect(await app.blog.posts()).toEqual([]);
  });

  it("describes itself", () => {
    expect(set("status", "published").describe()).toBe('sets status to "published"');
    expect(set("slug", () => "x").describe()).toBe("sets slug to a computed value");
  });
});

describe("setNew", () => {
  it("sets the value when nothing else does", async () => {
    const post = await app.blog.draft("Fresh Post");
    expect(post.slug).toBe("fresh-post");
    expect(setNewCalls).toBe(1);
  });

  it("does not override the caller's input (and does not compute the value)", async () => {
    const post = await app.blog.draft("Fresh Post", { slug: "my-own-slug" });
    expect(post.slug).toBe("my-own-slug");
    expect((await app.blog.post(post.id)).slug).toBe("my-own-slug");
    expect(setNewCalls).toBe(0);
  });

  it("does not override an earlier change", async () => {
    const post = await app.blog.draftTwice("Twice");
    expect(post.slug).toBe("first");
  });

  it("on update, does not override the record's existing value", async () => {
    const kept = await app.blog.seed("Kept", { slug: "kept" });
    const updated = await app.blog.retitle(kept, { title: "Kept, renamed" });
    expect(updated).toMatchObject({ title: "Kept, renamed", slug: "kept" });
    expect((await app.blog.post(kept.id)).slug).toBe("kept");
  });

  it("on update, fills a value the record lacks", async () => {
    const bare = await app.blog.seed("Bare");
    expect(bare.slug ?? null).toBeNull();
    await app.blog.retitle(bare, { title: "Bare, renamed" });
    expect((await app.blog.post(bare.id)).slug).toBe("fallback");
  });

  it("describes itself", () => {
    expect(setNew("slug", "x").describe()).toBe('sets slug to "x" unless it already has a value');
  });
});

describe("increment", () => {
  it("adds 1 by default, from the stored value", async () => {
    const post = await app.blog.seed("Counted");
    expect((await app.blog.view(post)).views).toBe(1);
    expect((await app.blog.view(post.id)).views).toBe(2);
    expect((await app.blog.post(post.id)).views).toBe(2);
  });

  it("adds the given amount", async () => {
    const post = await app.blog.seed("Boosted", { views: 3 });
    expect((await app.blog.boost(post.id)).views).toBe(8);
    expect((await app.blog.post(post.id)).views).toBe(8);
  });

  it("subtracts with a negative amount", async () => {
    const post = await app.blog.seed("Sunk", { views: 10 });
    await app.blog.sink(post.id);
    expect((await app.blog.sink(post.id)).views).toBe(6);
    expect((await app.blog.post(post.id)).views).toBe(6);
  });

  it("treats nil as 0", async () => {
    const post = await app.blog.seed("Nil");
    expect(post.counter ?? null).toBeNull();
    expect((await app.blog.spin(post.id)).counter).toBe(2);
  });

  it("wraps back to the amount when the result would pass overflowLimit", async () => {
    const post = await app.blog.seed("Spun", { counter: 0 });
    const seen: (number | null)[] = [];
    for (let i = 0; i < 4; i++) seen.push((await app.blog.spin(post.id)).counter);
    // 0 → 2 → 4 → (6 > 5) 2 → 4; reaching the limit exactly does not wrap
    expect(seen).toEqual([2, 4, 2, 4]);
    const atLimit = await app.blog.seed("At limit", { counter: 3 });
    expect((await app.blog.spin(atLimit.id)).counter).toBe(5);
    expect((await app.blog.post(post.id)).counter).toBe(4);
  });

  it("does not lose updates when two increments of the same record run concurrently", async () => {
    const post = await app.blog.seed("Busy");
    await Promise.all([app.blog.view(post.id), app.blog.view(post.id), app.blog.view(post.id)]);
    expect((await app.blog.post(post.id)).views).toBe(3);
  });

  it("describes itself", () => {
    expect(increment("views").describe()).toBe("adds 1 to views");
    expect(increment("views", { amount: -2 }).describe()).toBe("adds -2 to views");
  });
});

describe("relateActor", () => {
  it("sets the belongsTo foreign key from the actor's primary key", async () => {
    const ann = await app.blog.join("ann");
    const post = await app.blog.write("Mine", {}, { actor: ann });
    expect(post.ownerId).toBe(ann.id);
    expect((await app.blog.post(post.id)).ownerId).toBe(ann.id);
  });

  it("without an actor is an actor_required error on the foreign key; nothing is written", async () => {
    const error = await invalidFrom(app.blog.write("Orphan"));
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]).toMatchObject({
      code: "actor_required",
      field: "ownerId",
      message: "needs an actor to relate",
      source: "post.write",
    });
    expect(error.message).toBe("post.write: ownerId needs an actor to relate");
    expect(await app.blog.posts()).toEqual([]);
  });

  it("treats a null actor as no actor", async () => {
    const error = await invalidFrom(app.blog.write("Orphan", {}, { actor: null }));
    expect(error.errors[0]?.code).toBe("actor_required");
    expect(await app.blog.posts()).toEqual([]);
  });

  it("with allowNil, leaves the foreign key nil when there is no actor", async () => {
    const post = await app.blog.writeAnon("Anonymous");
    expect(post.ownerId ?? null).toBeNull();
    expect(await app.blog.posts()).toHaveLength(1);
    const bob = await app.blog.join("bob");
    expect((await app.blog.writeAnon("Signed", {}, { actor: bob })).ownerId).toBe(bob.id);
  });

  it("reads the key from the `field` option", async () => {
    const cat = await app.blog.join("cat");
    const actor = { id: "session-1", memberId: cat.id };
    const post = await app.blog.writeFor("Reviewed", {}, { actor });
    expect(post.reviewerId).toBe(cat.id);
    expect(post.ownerId ?? null).toBeNull();
  });

  it("is an invalid_actor error when the actor lacks the field; nothing is written", async () => {
    const cat = await app.blog.join("cat");
    const error = await invalidFrom(app.blog.writeFor("Reviewed", {}, { actor: cat }));
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]).toMatchObject({
      code: "invalid_actor",
      field: "reviewerId",
      message: 'needs an actor with a "memberId"',
    });
    expect(await app.blog.posts()).toEqual([]);
  });

  it("describes itself", () => {
    expect(relateActor("owner").describe()).toBe("relates the actor as owner");
  });
});
