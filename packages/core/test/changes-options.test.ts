import {
  afterAction,
  afterTransaction,
  attributeEquals,
  beforeAction,
  beforeTransaction,
  type Changeset,
  change,
  changing,
  create,
  createApp,
  define,
  destroy,
  domain,
  memory,
  read,
  resource,
  set,
  t,
  update,
} from "@ashlar/core";
import { beforeEach, describe, expect, it } from "vitest";
import { invalidFrom } from "./support.js";

/** Hook changes, custom changes, change options (where, onlyWhenValid, on) and the order changes run in. */

const FIXED = "2026-03-04T05:06:07.000000Z";
/** Each call passes its own log in the call context; changes and hooks append to it. */
const logOf = (cs: Changeset) => cs.call.context.log as string[];
const logs = (tag: string) =>
  change({ describe: () => `logs ${tag}`, change: (cs) => void logOf(cs).push(`${cs.actionType}:${tag}`) });

const Entry = resource("entry", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    title: t.string(),
    status: t.enum(["draft", "published"]).default("draft"),
    stamp: t.string().optional(),
    publishedAt: t.datetime().optional(),
  },
  actions: {
    read: read({ primary: true }),
    seed: create({ accept: ["title", "status"] }),
    viaHooks: create({
      accept: ["title"],
      changes: [
        beforeTransaction((cs) => {
          logOf(cs).push(`beforeTransaction:${cs.isValid}`);
          cs.changeAttribute("stamp", "bt");
        }),
        beforeAction((cs) => {
          logOf(cs).push("beforeAction");
          cs.changeAttribute("stamp", `${cs.getAttribute("stamp")}+ba`);
        }),
        afterAction((cs, record) => {
          logOf(cs).push(`afterAction:${typeof record.id}`);
          return { ...record, title: String(record.title).toUpperCase() };
        }),
        afterTransaction((cs, outcome) => {
          logOf(cs).push(`afterTransaction:${outcome.ok}`);
          return outcome.ok ? { ok: true, record: { ...outcome.record, seen: true } } : undefined;
        }),
      ],
    }),
    hooksOnInvalid: create({
      accept: ["title"],
      changes: [
        change({
          describe: () => "fails",
          change: (cs) => void cs.addError({ code: "nope", message: "no" }),
        }),
        beforeTransaction((cs) => void logOf(cs).push("beforeTransaction")),
        beforeAction((cs) => void logOf(cs).push("beforeAction")),
        afterAction((cs) => void logOf(cs).push("afterAction")),
        afterTransaction((cs, outcome) => void logOf(cs).push(`afterTransaction:${outcome.ok}`)),
      ],
    }),
    shout: create({
      accept: ["title"],
      changes: [
        change({
          name: "shout",
          describe: () => "upper-cases the title",
          change: async (cs) => {
            await new Promise((r) => setTimeout(r, 1));
            cs.changeAttribute("title", String(cs.getAttribute("title")).toUpperCase());
          },
        }),
      ],
    }),
    reject: create({
      accept: ["title"],
      changes: [
        change({
          describe: () => "rejects short titles",
          change: (cs) => {
            if (String(cs.getAttribute("title")).length < 3)
              cs.addError({ code: "too_short", field: "title", message: "is too short to publish" });
          },
        }),
      ],
    }),
    setStatus: update({
      accept: ["status"],
      changes: [set("publishedAt", FIXED).where(attributeEquals("status", "published"))],
    }),
    touch: update({
      accept: ["status", "title"],
      changes: [set("stamp", "status changed").where(changing("status"), attributeEquals("title", "go"))],
    }),
    guarded: create({
      accept: ["title"],
      changes: [
        change({
          describe: () => "adds an error on short titles",
          change: (cs) => {
            if (String(cs.getAttribute("title")).length < 3)
              cs.addError({ code: "short", field: "title", message: "is short" });
          },
        }),
        logs("always"),
        logs("whenValid").onlyWhenValid(),
      ],
    }),
  },
});

const Note = resource("note", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    body: t.string(),
    label: t.string().optional(),
  },
  changes: [
    logs("resourceDefault"),
    logs("resourceCreate").on("create"),
    logs("resourceUpdate").on("update"),
    logs("resourceDestroy").on("destroy"),
    set("label", (cs) => `${cs.getAttribute("label") ?? "none"}>resource`),
  ],
  actions: {
    read: read({ primary: true }),
    create: create({ accept: ["body"], changes: [logs("action"), set("label", "action")] }),
    update: update({ accept: ["body"], changes: [logs("action")] }),
    destroy: destroy({ changes: [logs("action")] }),
  },
});

const Journal = domain("journal", {
  resources: [Entry, Note],
  interface: {
    seed: define(Entry, "seed", { args: ["title"] }),
    viaHooks: define(Entry, "viaHooks", { args: ["title"] }),
    hooksOnInvalid: define(Entry, "hooksOnInvalid", { args: ["title"] }),
    shout: define(Entry, "shout", { args: ["title"] }),
    reject: define(Entry, "reject", { args: ["title"] }),
    setStatus: define(Entry, "setStatus", { args: ["status"] }),
    touch: define(Entry, "touch"),
    guarded: define(Entry, "guarded", { args: ["title"] }),
    entries: define(Entry, "read"),
    entry: define(Entry, "read", { getBy: ["id"] }),
    write: define(Note, "create", { args: ["body"] }),
    edit: define(Note, "update", { args: ["body"] }),
    remove: define(Note, "destroy"),
    notes: define(Note, "read"),
  },
});

const makeApp = () => createApp({ domains: [Journal], dataLayer: memory() });
let app: Awaited<ReturnType<typeof makeApp>>;
beforeEach(async () => {
  app = await makeApp();
});

const withLog = (log: string[]) => ({ context: { log } });

/** Creates an entry through an action without changes. */
const seedEntry = (title: string) => app.journal.seed(title);

describe("hook changes", () => {
  it("run each hook once, in lifecycle order, with their effects applied", async () => {
    const log: string[] = [];
    const result = await app.journal.viaHooks("hello", {}, withLog(log));
    expect(log).toEqual([
      "beforeTransaction:true",
      "beforeAction",
      "afterAction:string",
      "afterTransaction:true",
    ]);
    // before hooks changed what is written; after hooks replaced what the caller gets
    expect(result).toMatchObject({ title: "HELLO", stamp: "bt+ba", seen: true });
    const stored = await app.journal.entry(result.id);
    expect(stored).toMatchObject({ title: "hello", stamp: "bt+ba" });
    expect(stored).not.toHaveProperty("seen");
  });

  it("when the changeset is invalid: no before/after-action hook runs, after-transaction sees the failure", async () => {
    const log: string[] = [];
    const error = await invalidFrom(app.journal.hooksOnInvalid("x", {}, withLog(log)));
    expect(error.errors[0]).toMatchObject({ code: "nope", message: "no" });
    expect(log).toEqual(["afterTransaction:false"]);
    expect(await app.journal.entries()).toEqual([]);
  });

  it("describe themselves, with a default or a given description", () => {
    expect(beforeTransaction(() => {}).describe()).toBe("runs a before-transaction hook");
    expect(beforeAction(() => {}).describe()).toBe("runs a before-action hook");
    expect(afterAction(() => {}).describe()).toBe("runs an after-action hook");
    expect(afterTransaction(() => {}).describe()).toBe("runs an after-transaction hook");
    expect(afterAction(() => {}, "sends the welcome mail").describe()).toBe("sends the welcome mail");
    expect(beforeAction(() => {}).impl.name).toBe("beforeAction");
  });
});

describe("custom change", () => {
  it("runs (awaited) and describes itself", async () => {
    const entry = await app.journal.shout("quiet please");
    expect(entry.title).toBe("QUIET PLEASE");
    expect((await app.journal.entry(entry.id)).title).toBe("QUIET PLEASE");
    const def = Entry.actions.shout.changes[0];
    expect(def?.describe()).toBe("upper-cases the title");
    expect(def?.impl.name).toBe("shout");
    expect(change({ describe: () => "x", change: () => {} }).impl.name).toBe("custom");
  });

  it("can add an error: the action fails with it and nothing is written", async () => {
    const error = await invalidFrom(app.journal.reject("no"));
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]).toMatchObject({
      code: "too_short",
      field: "title",
      message: "is too short to publish",
      source: "entry.reject",
      class: "invalid",
    });
    expect(error.message).toBe("entry.reject: title is too short to publish");
    expect(await app.journal.entries()).toEqual([]);
    expect((await app.journal.reject("long enough")).title).toBe("long enough");
  });
});

describe("change options", () => {
  it("where: runs only when its validations pass, and a failing condition is not an error", async () => {
    const draft = await seedEntry("first");
    const stillDraft = await app.journal.setStatus(draft, "draft");
    expect(stillDraft.publishedAt ?? null).toBeNull();
    const published = await app.journal.setStatus(draft.id, "published");
    expect(published.publishedAt).toBe(FIXED);
    expect((await app.journal.entry(draft.id)).publishedAt).toBe(FIXED);
  });

  it("where with several validations: all must pass", async () => {
    const entry = await seedEntry("go");
    // status not changing → skipped
    expect((await app.journal.touch(entry, { status: "draft" })).stamp ?? null).toBeNull();
    // status changing but title is not "go" → skipped
    expect((await app.journal.touch(entry, { status: "published", title: "stop" })).stamp ?? null).toBeNull();
    // both hold → runs
    const fresh = await seedEntry("go");
    expect((await app.journal.touch(fresh, { status: "published" })).stamp).toBe("status changed");
    expect((await app.journal.entry(fresh.id)).stamp).toBe("status changed");
  });

  it("onlyWhenValid: skipped once the changeset has errors, run otherwise", async () => {
    const failing: string[] = [];
    const error = await invalidFrom(app.journal.guarded("ab", {}, withLog(failing)));
    expect(error.errors.map((e) => e.code)).toEqual(["short"]);
    expect(failing).toEqual(["create:always"]);
    const passing: string[] = [];
    await app.journal.guarded("abc", {}, withLog(passing));
    expect(passing).toEqual(["create:always", "create:whenValid"]);
  });

  it("describe() of a change with options is the change's own", () => {
    const def = set("stamp", "x").where(changing("status")).onlyWhenValid().on("update");
    expect(def.describe()).toBe('sets stamp to "x"');
    expect(def.options).toMatchObject({ on: ["update"], onlyWhenValid: true });
    expect(def.options.where).toHaveLength(1);
  });
});

describe("resource-level changes", () => {
  it("run on create: action changes first, then resource changes in declared order", async () => {
    const log: string[] = [];
    const note = await app.journal.write("hi", {}, withLog(log));
    expect(log).toEqual(["create:action", "create:resourceDefault", "create:resourceCreate"]);
    // the resource's set ran after the action's set, and saw its value
    expect(note.label).toBe("action>resource");
    expect((await app.journal.notes())[0]?.label).toBe("action>resource");
  });

  it("run on update: defaults and .on('update') ones, not .on('create')", async () => {
    const note = await app.journal.write("hi", {}, withLog([]));
    const log: string[] = [];
    const edited = await app.journal.edit(note, "hello", {}, withLog(log));
    expect(log).toEqual(["update:action", "update:resourceDefault", "update:resourceUpdate"]);
    expect(edited.label).toBe("action>resource>resource");
  });

  it("do not run on destroy unless declared .on('destroy')", async () => {
    const note = await app.journal.write("hi", {}, withLog([]));
    const log: string[] = [];
    await app.journal.remove(note, {}, withLog(log));
    expect(log).toEqual(["destroy:action", "destroy:resourceDestroy"]);
    expect(await app.journal.notes()).toEqual([]);
  });
});
