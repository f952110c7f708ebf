import {
  actorAttributeEquals,
  always,
  authorizeIf,
  create,
  createApp,
  define,
  domain,
  FORBIDDEN_FIELD,
  ForbiddenField,
  fieldPolicy,
  isForbiddenField,
  memory,
  policy,
  read,
  resource,
  t,
  update,
} from "@ashlar/core";
import { describe, expect, expectTypeOf, it } from "vitest";

const Note = resource("note", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    title: t.string(),
    secret: t.string().optional(),
    score: t.integer().default(0),
    draft: t.boolean().default(true),
  },
  fieldPolicies: [
    fieldPolicy(["secret"], authorizeIf(actorAttributeEquals("role", "admin"))),
    fieldPolicy(["score"], authorizeIf(actorAttributeEquals("role", "admin"))),
  ],
  actions: {
    read: read({ primary: true }),
    write: create({ accept: ["title", "secret", "score"] }),
    retitle: update({ accept: ["title"] }),
  },
  policies: [policy(always(), authorizeIf(always()))],
});

/** The same resource without field policies: nothing is typed as possibly hidden. */
const Plain = resource("plain", {
  attributes: { id: t.uuidv7().primaryKey(), secret: t.string().optional() },
  actions: { read: read({ primary: true }), write: create({ accept: ["secret"] }) },
});

const Notes = domain("notes", {
  resources: [Note, Plain],
  interface: {
    list: define(Note, "read"),
    get: define(Note, "read", { getBy: ["id"] }),
    write: define(Note, "write", { args: ["title"] }),
    retitle: define(Note, "retitle", { args: ["title"] }),
    listPlain: define(Plain, "read"),
  },
});

const admin = { role: "admin" };
const reader = { role: "reader" };

async function seeded() {
  const app = await createApp({ domains: [Notes], dataLayer: memory() });
  const note = await app.notes.write("hello", { secret: "s3cret", score: 7 }, { actor: admin });
  return { app, note };
}

describe("field policies in the types of the code interface", () => {
  it("a field covered by a field policy is T | ForbiddenField; other fields keep their plain types", async () => {
    const { app } = await seeded();
    const [n] = await app.notes.list({ actor: reader });
    if (!n) throw new Error("expected a note");
    expectTypeOf(n.secret).toEqualTypeOf<string | null | ForbiddenField>();
    expectTypeOf(n.score).toEqualTypeOf<number | ForbiddenField>();
    expectTypeOf(n.title).toEqualTypeOf<string>();
    expectTypeOf(n.draft).toEqualTypeOf<boolean>();
    expectTypeOf(n.id).toEqualTypeOf<string>();
    // The marker must be handled before the value is used as its plain type.
    // @ts-expect-error the score may be hidden
    const sum: number = n.score + 1;
    void sum;
    const score = isForbiddenField(n.score) ? 0 : n.score;
    expectTypeOf(score).toEqualTypeOf<number>();
  });

  it("every kind of answer is typed the same way: get, create and update", async () => {
    const { app, note } = await seeded();
    expectTypeOf(note.secret).toEqualTypeOf<string | null | ForbiddenField>();
    expectTypeOf(note.title).toEqualTypeOf<string>();
    const one = await app.notes.get(note.id, { actor: reader });
    expectTypeOf(one.score).toEqualTypeOf<number | ForbiddenField>();
    expectTypeOf(one.title).toEqualTypeOf<string>();
    const retitled = await app.notes.retitle(note.id, "renamed", {}, { actor: reader });
    expectTypeOf(retitled.secret).toEqualTypeOf<string | null | ForbiddenField>();
    expectTypeOf(retitled.draft).toEqualTypeOf<boolean>();
    const [plain] = await app.notes.listPlain();
    expectTypeOf(plain?.secret).toEqualTypeOf<string | null | undefined>();
  });
});

describe("the ForbiddenField marker at runtime", () => {
  it("hidden fields hold FORBIDDEN_FIELD, readable ones their values", async () => {
    const { app } = await seeded();
    const [asReader] = await app.notes.list({ actor: reader });
    expect(asReader?.secret).toBe(FORBIDDEN_FIELD);
    expect(asReader?.score).toBe(FORBIDDEN_FIELD);
    expect(asReader?.title).toBe("hello");
    const [asAdmin] = await app.notes.list({ actor: admin });
    expect(asAdmin).toMatchObject({ title: "hello", secret: "s3cret", score: 7 });
    // Trusted calls skip field policies as they skip policies.
    const [trusted] = await app.notes.list({ authorize: false });
    expect(trusted?.secret).toBe("s3cret");
  });

  it("isForbiddenField recognises the marker and nothing else: not nil, not look-alikes", () => {
    expect(isForbiddenField(FORBIDDEN_FIELD)).toBe(true);
    expect(isForbiddenField(ForbiddenField.instance)).toBe(true);
    expect(FORBIDDEN_FIELD).toBeInstanceOf(ForbiddenField);
    for (const other of [null, undefined, "", 0, false, {}, "[forbidden field]", { toJSON: () => undefined }])
      expect(isForbiddenField(other)).toBe(false);
    expect(Object.isFrozen(FORBIDDEN_FIELD)).toBe(true);
    expect(String(FORBIDDEN_FIELD)).toBe("[forbidden field]");
  });

  it("JSON omits a hidden field, while a nil field stays as null", async () => {
    const { app } = await seeded();
    await app.notes.write("empty", {}, { actor: admin });
    const rows = await app.notes.list({ actor: reader, sort: ["title"] });
    const json = JSON.parse(JSON.stringify(rows)) as Record<string, unknown>[];
    expect(json.map((r) => Object.keys(r).sort())).toEqual([
      ["draft", "id", "title"],
      ["draft", "id", "title"],
    ]);
    const asAdmin = JSON.parse(JSON.stringify(await app.notes.list({ actor: admin, sort: ["title"] })));
    expect(asAdmin).toMatchObject([
      { title: "empty", secret: null, score: 0 },
      { title: "hello", secret: "s3cret", score: 7 },
    ]);
    expect(JSON.stringify({ a: FORBIDDEN_FIELD, b: null })).toBe('{"b":null}');
    expect(JSON.stringify([FORBIDDEN_FIELD])).toBe("[null]");
  });

  it("the answer of a write hides the fields too", async () => {
    const { app, note } = await seeded();
    const retitled = await app.notes.retitle(note.id, "renamed", {}, { actor: reader });
    expect(retitled.title).toBe("renamed");
    expect(retitled.secret).toBe(FORBIDDEN_FIELD);
    expect(retitled.score).toBe(FORBIDDEN_FIELD);
    expect(JSON.parse(JSON.stringify(retitled))).not.toHaveProperty("secret");
  });
});
