import {
  type ActionInput,
  type ActionResult,
  action,
  belongsTo,
  create,
  createApp,
  defaults,
  define,
  domain,
  embedded,
  memory,
  present,
  type RecordOf,
  type Result,
  read,
  resource,
  set,
  t,
  update,
} from "@ashlar/core";
import * as v from "valibot";
import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const Address = embedded("address", {
  attributes: { street: t.string(), city: t.string(), zip: t.string().optional() },
});

const Org = resource("org", {
  attributes: { id: t.uuidv7().primaryKey(), name: t.string() },
  actions: { ...defaults("read", "create") },
});

const Kitchen = resource("kitchen", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    str: t.string(),
    ci: t.ciString(),
    int: t.integer(),
    flt: t.float(),
    dec: t.decimal(),
    bool: t.boolean(),
    level: t.enum(["low", "mid", "high"]),
    ref4: t.uuid(),
    ref7: t.uuidv7(),
    day: t.date(),
    at: t.datetime(),
    clock: t.time(),
    span: t.duration(),
    blob: t.json(),
    typedBlob: t.json<{ a: number[] }>(),
    bag: t.map(),
    tags: t.array(t.string()),
    home: t.embedded(Address),
    stops: t.array(t.embedded(Address)),
    point: t.custom(z.object({ x: z.number(), y: z.number() })),
    code: t.custom(v.pipe(v.string(), v.length(3))),
    note: t.string().optional(),
  },
  relationships: {
    owner: belongsTo("user"),
    org: belongsTo(() => Org, { attribute: t.uuid() }),
    parent: belongsTo("kitchen", { sourceAttribute: "parentKey" }),
  },
  actions: { ...defaults("read", "create") },
});

type K = RecordOf<typeof Kitchen>;

describe("RecordOf", () => {
  it("maps every attribute type to its TypeScript value type", () => {
    expectTypeOf<K["id"]>().toEqualTypeOf<string>();
    expectTypeOf<K["str"]>().toEqualTypeOf<string>();
    expectTypeOf<K["ci"]>().toEqualTypeOf<string>();
    expectTypeOf<K["int"]>().toEqualTypeOf<number>();
    expectTypeOf<K["flt"]>().toEqualTypeOf<number>();
    // Decimals stay exact: canonical strings, never floats.
    expectTypeOf<K["dec"]>().toEqualTypeOf<string>();
    expectTypeOf<K["bool"]>().toEqualTypeOf<boolean>();
    expectTypeOf<K["level"]>().toEqualTypeOf<"low" | "mid" | "high">();
    expectTypeOf<K["ref4"]>().toEqualTypeOf<string>();
    expectTypeOf<K["ref7"]>().toEqualTypeOf<string>();
    expectTypeOf<K["day"]>().toEqualTypeOf<string>();
    expectTypeOf<K["at"]>().toEqualTypeOf<string>();
    expectTypeOf<K["clock"]>().toEqualTypeOf<string>();
    expectTypeOf<K["span"]>().toEqualTypeOf<string>();
    expectTypeOf<K["blob"]>().toEqualTypeOf<Json>();
    expectTypeOf<K["typedBlob"]>().toEqualTypeOf<{ a: number[] }>();
    expectTypeOf<K["bag"]>().toEqualTypeOf<{ [key: string]: Json }>();
    expectTypeOf<K["tags"]>().toEqualTypeOf<string[]>();
    expectTypeOf<K["home"]>().toEqualTypeOf<{ street: string; city: string; zip: string | null }>();
    // Nil-able (and defaulted) embedded fields may be left out when writing: optional keys in the input.
    expectTypeOf<ActionInput<typeof Kitchen, "create">["home"]>().toEqualTypeOf<{
      street: string;
      city: string;
      zip?: string | null | undefined;
    }>();
    expectTypeOf<K["stops"]>().toEqualTypeOf<{ street: string; city: string; zip: string | null }[]>();
    expectTypeOf<K["point"]>().toEqualTypeOf<{ x: number; y: number }>();
    expectTypeOf<K["code"]>().toEqualTypeOf<string>();
  });

  it("adds null for optional() attributes and nothing else", () => {
    expectTypeOf<K["note"]>().toEqualTypeOf<string | null>();
    expectTypeOf<K["str"]>().not.toEqualTypeOf<string | null>();
  });

  it("adds belongsTo foreign keys: optional by default, required with an attribute, renamed by sourceAttribute", () => {
    expectTypeOf<K["ownerId"]>().toEqualTypeOf<string | null>();
    expectTypeOf<K["orgId"]>().toEqualTypeOf<string>();
    expectTypeOf<K["parentKey"]>().toEqualTypeOf<string | null>();
    expectTypeOf<K>().not.toHaveProperty("parentId");
    expectTypeOf<K>().not.toHaveProperty("owner");
  });

  it("agrees with the runtime: foreign keys exist and values come back as their inferred types", async () => {
    expect(Object.keys(Kitchen.attributes)).toEqual(
      expect.arrayContaining(["ownerId", "orgId", "parentKey"]),
    );
    expect(Object.keys(Kitchen.attributes)).not.toContain("parentId");
    expect(Kitchen.attributes.orgId?.config.optional).toBe(false);
    expect(Kitchen.attributes.ownerId?.config.optional).toBe(true);
    const app = await makeApp();
    const org = await app.engine.create(Org, "create", { name: "Acme" });
    const row = (await app.engine.create(Kitchen, "create", {
      str: "s",
      ci: "Ci",
      int: "3",
      flt: 1.5,
      dec: 12.5,
      bool: true,
      level: "mid",
      ref4: "5F0C6E4A-1D2B-4C3D-8E9F-0A1B2C3D4E5F",
      ref7: "01890a5d-ac96-774b-bcce-b302099a8057",
      day: "2026-11-22",
      at: "2026-11-22T02:31:34Z",
      clock: "14:05",
      span: "P1D",
      blob: [1, "two"],
      typedBlob: { a: [1] },
      bag: { k: "v" },
      tags: ["a"],
      home: { street: "1 Main", city: "Town" },
      stops: [],
      point: { x: 1, y: 2 },
      code: "abc",
      orgId: org.id,
    })) as K;
    expect(row).toMatchObject({ int: 3, dec: "12.5", level: "mid", day: "2026-11-22", clock: "14:05:00" });
    expect(row.ref4).toBe("5f0c6e4a-1d2b-4c3d-8e9f-0a1b2c3d4e5f");
    expect(row.home).toEqual({ street: "1 Main", city: "Town", zip: null });
    expect(typeof row.at).toBe("string");
  });
});

const Post = resource("post", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    title: t.string(),
    body: t.string().optional(),
    views: t.integer().default(0),
    secret: t.string().optional().public(false),
    locked: t.boolean().default(false).writable(false),
    seq: t.integer().generated(),
    insertedAt: t.createTimestamp(),
  },
  relationships: { author: belongsTo("user") },
  identities: { uniqueTitle: ["title"] },
  actions: {
    read: read({ primary: true }),
    one: read({ get: true, arguments: { q: t.string() } }),
    create: create({ accept: "*", primary: true }),
    publish: create({
      accept: ["title", "body"],
      arguments: { notify: t.boolean(), channel: t.string().optional(), retries: t.integer().default(3) },
      changes: [set("views", 1)],
      validations: [present("title")],
    }),
    edit: update({ accept: "*" }),
    rename: update({ accept: ["title"], arguments: { reason: t.string() } }),
    score: action({ arguments: { factor: t.float() }, run: async ({ arguments: a }) => a.factor * 2 }),
  },
});

describe("RecordOf, whole", () => {
  it("has exactly the declared attributes plus foreign keys, and no index signature", () => {
    expectTypeOf<RecordOf<typeof Post>>().toEqualTypeOf<{
      id: string;
      title: string;
      body: string | null;
      views: number;
      secret: string | null;
      locked: boolean;
      seq: number;
      insertedAt: string;
      authorId: string | null;
    }>();
  });
});

describe("ActionInput", () => {
  it('accept "*" takes public writable attributes only, and foreign keys', () => {
    expectTypeOf<ActionInput<typeof Post, "create">>().toEqualTypeOf<{
      title: string;
      body?: string | null | undefined;
      views?: number | undefined;
      authorId?: string | null | undefined;
    }>();
    // Private, non-writable, generated, timestamps and the generated primary key are all left out.
    expectTypeOf<ActionInput<typeof Post, "create">>().not.toHaveProperty("secret");
    expectTypeOf<ActionInput<typeof Post, "create">>().not.toHaveProperty("locked");
    expectTypeOf<ActionInput<typeof Post, "create">>().not.toHaveProperty("id");
  });

  it("create requires required accepted attributes and arguments; defaulted and optional ones may be left out", () => {
    expectTypeOf<ActionInput<typeof Post, "publish">>().toEqualTypeOf<{
      title: string;
      body?: string | null | undefined;
      notify: boolean;
      channel?: string | null | undefined;
      retries?: number | undefined;
    }>();
  });

  it("update input is all optional, except required arguments", () => {
    expectTypeOf<ActionInput<typeof Post, "edit">>().toEqualTypeOf<{
      title?: string | undefined;
      body?: string | null | undefined;
      views?: number | undefined;
      authorId?: string | null | undefined;
    }>();
    expectTypeOf<ActionInput<typeof Post, "rename">>().toEqualTypeOf<{
      title?: string | undefined;
      reason: string;
    }>();
  });

  it("read and generic action inputs are their arguments; results follow the action type", () => {
    expectTypeOf<ActionInput<typeof Post, "one">>().toEqualTypeOf<{ q: string }>();
    expectTypeOf<ActionInput<typeof Post, "score">>().toEqualTypeOf<{ factor: number }>();
    expectTypeOf<ActionResult<typeof Post, "score">>().toEqualTypeOf<number>();
    expectTypeOf<ActionResult<typeof Post, "read">>().toEqualTypeOf<RecordOf<typeof Post>[]>();
    expectTypeOf<ActionResult<typeof Post, "publish">>().toEqualTypeOf<RecordOf<typeof Post>>();
  });
});

const User = resource("user", {
  attributes: { id: t.uuidv7().primaryKey(), email: t.ciString(), name: t.string() },
  identities: { uniqueEmail: ["email"] },
  actions: { ...defaults("read", "create", "update", "destroy") },
});

const Blog = domain("blog", {
  resources: [Post, User, Org, Kitchen],
  interface: {
    publish: define(Post, "publish", { args: ["title", "notify", "channel?"] }),
    createPost: define(Post, "create"),
    listPosts: define(Post, "read"),
    getPost: define(Post, "read", { getBy: ["id"] }),
    onePost: define(Post, "one", { args: ["q"] }),
    renamePost: define(Post, "rename", { args: ["reason"] }),
    renameByTitle: define(Post, "rename", { getBy: ["title"] }),
    score: define(Post, "score", { args: ["factor"] }),
    userByEmail: define(User, "read", { getByIdentity: "uniqueEmail" }),
    register: define(User, "create", { args: ["email", "name"] }),
  },
});

const makeApp = () => createApp({ domains: [Blog], dataLayer: memory() });
type BlogApi = Awaited<ReturnType<typeof makeApp>>["blog"];
type PostRecord = RecordOf<typeof Post>;

describe("code-interface signatures", () => {
  it("takes positional arguments in order, optional ones marked with ?", () => {
    type P = Parameters<BlogApi["publish"]>;
    expectTypeOf<P[0]>().toEqualTypeOf<string>();
    expectTypeOf<P[1]>().toEqualTypeOf<boolean>();
    expectTypeOf<P[2]>().toEqualTypeOf<string | null | undefined>();
    // The rest of the input (not taken positionally) then the call options.
    expectTypeOf<NonNullable<P[3]>>().toEqualTypeOf<{
      body?: string | null | undefined;
      retries?: number | undefined;
    }>();
    expectTypeOf<ReturnType<BlogApi["publish"]>>().toEqualTypeOf<Promise<PostRecord>>();
  });

  it("requires the input object when it has required keys", () => {
    type P = Parameters<BlogApi["createPost"]>;
    expectTypeOf<P[0]>().toEqualTypeOf<ActionInput<typeof Post, "create">>();
  });

  it("reads answer arrays; getBy, getByIdentity and get: true answer one record", () => {
    expectTypeOf<ReturnType<BlogApi["listPosts"]>>().toEqualTypeOf<Promise<PostRecord[]>>();
    expectTypeOf<ReturnType<BlogApi["getPost"]>>().toEqualTypeOf<Promise<PostRecord>>();
    expectTypeOf<Parameters<BlogApi["getPost"]>[0]>().toEqualTypeOf<string>();
    expectTypeOf<ReturnType<BlogApi["onePost"]>>().toEqualTypeOf<Promise<PostRecord>>();
    expectTypeOf<Parameters<BlogApi["userByEmail"]>[0]>().toEqualTypeOf<string>();
    expectTypeOf<ReturnType<BlogApi["userByEmail"]>>().toEqualTypeOf<Promise<RecordOf<typeof User>>>();
  });

  it("updates take the record (or its key) first, or the getBy values", () => {
    type P = Parameters<BlogApi["renamePost"]>;
    expectTypeOf<PostRecord>().toExtend<P[0]>();
    expectTypeOf<string>().toExtend<P[0]>();
    expectTypeOf<P[1]>().toEqualTypeOf<string>();
    expectTypeOf<Parameters<BlogApi["renameByTitle"]>[0]>().toEqualTypeOf<string>();
  });

  it("generic actions answer their run's type; .safe answers a Result", () => {
    expectTypeOf<ReturnType<BlogApi["score"]>>().toEqualTypeOf<Promise<number>>();
    expectTypeOf<ReturnType<BlogApi["score"]["safe"]>>().toEqualTypeOf<Promise<Result<number>>>();
    expectTypeOf<ReturnType<BlogApi["listPosts"]["safe"]>>().toEqualTypeOf<Promise<Result<PostRecord[]>>>();
  });

  it("runs with the inferred types", async () => {
    const app = await makeApp();
    const post = await app.blog.publish("Hello", true, undefined, { body: "x" });
    expect(post.views).toBe(1);
    expect(post.body).toBe("x");
    expect(await app.blog.score(2.5)).toBe(5);
    const r = await app.blog.score.safe(1);
    expect(r).toEqual({ ok: true, value: 2 });
  });
});

describe("negative type tests: each mistake is a compile error", () => {
  it("rejects misspellings in definitions, which createApp also reports at runtime", async () => {
    const typo1 = resource("typo1", {
      attributes: { id: t.uuidv7().primaryKey(), title: t.string() },
      actions: {
        // A misspelt accepted attribute.
        // @ts-expect-error "titel" is not an attribute
        add: create({ accept: ["titel"] }),
      },
    });
    const typo2 = resource("typo2", {
      attributes: { id: t.uuidv7().primaryKey(), title: t.string() },
      actions: {
        // A misspelt field in set().
        // @ts-expect-error "titel" is not an attribute or argument
        add: create({ accept: ["title"], changes: [set("titel", "x")] }),
      },
    });
    const typo3 = resource("typo3", {
      attributes: { id: t.uuidv7().primaryKey(), title: t.string() },
      actions: {
        // A misspelt field in a validation.
        // @ts-expect-error "titel" is not an attribute or argument
        add: create({ accept: ["title"], validations: [present("titel")] }),
      },
    });
    const typo4 = resource("typo4", {
      attributes: { id: t.uuidv7().primaryKey(), email: t.string() },
      identities: {
        // A misspelt identity key.
        // @ts-expect-error "emial" is not an attribute
        uniqueEmail: ["emial"],
      },
    });
    const typos = domain("typos", {
      resources: [typo1, typo2, typo3, typo4, Post, User],
      interface: {
        // A misspelt action name.
        // @ts-expect-error Post has no action "publsh"
        a: define(Post, "publsh"),
        // A misspelt positional argument.
        // @ts-expect-error "titel" is not an input of publish
        b: define(Post, "publish", { args: ["titel"] }),
        // A misspelt identity name.
        // @ts-expect-error User has no identity "uniqueMail"
        c: define(User, "read", { getByIdentity: "uniqueMail" }),
      },
    });
    const error = await createApp({ domains: [typos] }).catch((e: unknown) => e);
    const messages = (error as { errors?: { message: string }[] }).errors?.map((e) => e.message);
    expect(messages).toEqual([
      expect.stringContaining('typo1 (actions.add.accept): "titel"'),
      expect.stringContaining('typo2 (actions.add.changes): set refers to "titel"'),
      expect.stringContaining('typo3 (actions.add.validations): present refers to "titel"'),
      expect.stringContaining('typo4 (identities.uniqueEmail): "emial"'),
      expect.stringContaining('typos (interface.a): post has no action "publsh"'),
      expect.stringContaining('typos (interface.b): args: "titel"'),
      expect.stringContaining('typos (interface.c): getByIdentity: user has no identity "uniqueMail"'),
    ]);
  });

  it("rejects misspelt filters, wrong value types and missing inputs in calls", async () => {
    const app = await makeApp();
    await expect(
      // A misspelt filter field.
      // @ts-expect-error "titel" is not a field of post
      app.blog.listPosts({ filter: { titel: "x" } }),
    ).rejects.toMatchObject({ class: "invalid" });
    await expect(
      // A wrong value type for an input.
      // @ts-expect-error notify is a boolean
      app.blog.publish("Hello", "yes"),
    ).rejects.toMatchObject({ class: "invalid" });
    await expect(
      // A missing required input: register takes email and name.
      // @ts-expect-error name is missing
      app.blog.register("a@b.test"),
    ).rejects.toMatchObject({ class: "invalid" });
    await expect(
      // A missing required input in the input object.
      // @ts-expect-error title is required by create
      app.blog.createPost({ body: "no title" }),
    ).rejects.toMatchObject({ class: "invalid" });
  });
});
