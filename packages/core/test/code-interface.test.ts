import {
  type AshlarError,
  action,
  change,
  create,
  createApp,
  define,
  destroy,
  domain,
  FrameworkError,
  InvalidError,
  lit,
  memory,
  op,
  read,
  ref,
  resource,
  set,
  t,
  UnknownError,
  update,
  uuidv7,
} from "@ashlar/core";
import { beforeEach, describe, expect, it } from "vitest";

/** Records who called and with what context: proves call options reach changes. */
const stamp = change({
  describe: () => "stamps the actor's name and the context's note",
  change: (cs) => {
    const actor = cs.actor as { name?: string } | undefined;
    if (actor?.name) cs.changeAttribute("by", actor.name);
    const note = cs.call.context.note;
    if (typeof note === "string") cs.changeAttribute("note", note);
  },
});

const Task = resource("task", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    title: t.string({ min: 1 }),
    priority: t.enum(["low", "normal", "high"]).default("normal"),
    code: t.string().optional(),
    rank: t.integer().default(0),
    done: t.boolean().default(false),
    note: t.string().optional(),
    by: t.string().optional(),
  },
  identities: { uniqueCode: ["code"] },
  actions: {
    read: read({ primary: true }),
    one: read({ get: true }),
    create: create({
      accept: ["title", "priority", "code", "rank", "note"],
      primary: true,
      changes: [stamp],
    }),
    edit: update({ accept: ["title", "priority", "note"], changes: [stamp] }),
    complete: update({ changes: [set("done", true)] }),
    remove: destroy({ primary: true }),
    echo: action({
      arguments: { text: t.string(), times: t.integer().default(1) },
      returns: t.string(),
      // Defaults are applied before run, so `times` is a plain number here.
      run: ({ arguments: a, actor, context }) =>
        `${a.text.repeat(a.times)}${actor ? ` by ${(actor as { name: string }).name}` : ""}${context.suffix ?? ""}`,
    }),
    explode: action({
      run: (): string => {
        throw new Error("kaboom");
      },
    }),
  },
});

const Tasks = domain("tasks", {
  resources: [Task],
  interface: {
    addTask: define(Task, "create", { args: ["title", "priority?"] }),
    listTasks: define(Task, "read"),
    getTask: define(Task, "read", { getBy: ["id"] }),
    taskByTitle: define(Task, "read", { getBy: ["title"] }),
    taskByCode: define(Task, "read", { getByIdentity: "uniqueCode" }),
    findOne: define(Task, "one"),
    editTask: define(Task, "edit"),
    renameByCode: define(Task, "edit", { getBy: ["code"], args: ["title"] }),
    completeTask: define(Task, "complete"),
    removeTask: define(Task, "remove"),
    removeByCode: define(Task, "remove", { getBy: ["code"] }),
    echo: define(Task, "echo", { args: ["text", "times?"] }),
    explode: define(Task, "explode"),
  },
});

let app: Awaited<ReturnType<typeof makeApp>>;
const makeApp = () => createApp({ domains: [Tasks], dataLayer: memory() });

beforeEach(async () => {
  app = await makeApp();
});

/** The leaf errors of a rejected call, with the class error checked. */
async function leavesOf(promise: Promise<unknown>, cls: new (...a: never[]) => AshlarError = InvalidError) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(cls);
  return (error as AshlarError).errors;
}

describe("create", () => {
  it("takes positional arguments, and an optional positional may be left out or undefined", async () => {
    const high = await app.tasks.addTask("Write", "high");
    expect(high).toMatchObject({ title: "Write", priority: "high", done: false, rank: 0 });
    const plain = await app.tasks.addTask("Read");
    expect(plain.priority).toBe("normal");
    const withInput = await app.tasks.addTask("Sing", undefined, { code: "S1", note: "loud" });
    expect(withInput).toMatchObject({ title: "Sing", priority: "normal", code: "S1", note: "loud" });
  });

  it("unset optional attributes hold null, as RecordOf says (`note: string | null`)", async () => {
    const task = await app.tasks.addTask("Plain");
    expect(task.note).toBeNull();
    expect((await app.tasks.getTask(task.id)).code).toBeNull();
  });
});

describe("update and destroy", () => {
  it("accept the record, its primary key, or getBy values", async () => {
    const task = await app.tasks.addTask("Draft", undefined, { code: "C1" });
    const byRecord = await app.tasks.editTask(task, { title: "Second" });
    expect(byRecord.title).toBe("Second");
    const byKey = await app.tasks.editTask(task.id, { priority: "low" });
    expect(byKey).toMatchObject({ id: task.id, title: "Second", priority: "low" });
    const byCode = await app.tasks.renameByCode("C1", "Third");
    expect(byCode).toMatchObject({ id: task.id, title: "Third", priority: "low" });
    const completed = await app.tasks.completeTask(task.id);
    expect(completed.done).toBe(true);
    expect((await app.tasks.getTask(task.id)).title).toBe("Third");
  });

  it("destroy by record, by key and by getBy removes the record", async () => {
    const a = await app.tasks.addTask("A");
    const b = await app.tasks.addTask("B");
    await app.tasks.addTask("C", undefined, { code: "C3" });
    expect((await app.tasks.removeTask(a)).id).toBe(a.id);
    expect((await app.tasks.removeTask(b.id)).id).toBe(b.id);
    expect((await app.tasks.removeByCode("C3")).title).toBe("C");
    expect(await app.tasks.listTasks()).toEqual([]);
  });

  it("an update of a missing key is not_found", async () => {
    const leaves = await leavesOf(app.tasks.editTask(uuidv7(), { title: "x" }));
    expect(leaves[0]?.code).toBe("not_found");
  });
});

describe("read", () => {
  beforeEach(async () => {
    for (const [i, title] of ["a", "b", "c", "d", "e"].entries()) {
      await app.tasks.addTask(title, i % 2 ? "high" : "low", { rank: i, code: `K${i}` });
    }
  });

  it("lists with an object filter, sort, limit and offset", async () => {
    const page = await app.tasks.listTasks({
      filter: { priority: "low" },
      sort: ["-rank"],
      limit: 2,
      offset: 1,
    });
    expect(page.map((r) => r.title)).toEqual(["c", "a"]);
    const ops = await app.tasks.listTasks({ filter: { rank: { gte: 1, lt: 4 } }, sort: [{ field: "rank" }] });
    expect(ops.map((r) => r.title)).toEqual(["b", "c", "d"]);
  });

  it("filters with an expression built from op, ref and lit", async () => {
    const expr = op("and", op(">=", ref("rank"), lit(2)), op("==", ref("priority"), lit("high")));
    const rows = await app.tasks.listTasks({ filter: expr, sort: ["title"] });
    expect(rows.map((r) => r.title)).toEqual(["d"]);
  });

  it("getBy answers one record, or throws InvalidError not_found", async () => {
    const [first] = await app.tasks.listTasks({ sort: ["rank"], limit: 1 });
    const found = await app.tasks.getTask(first!.id);
    expect(found).toEqual(first);
    const leaves = await leavesOf(app.tasks.getTask(uuidv7()));
    expect(leaves.map((l) => l.code)).toEqual(["not_found"]);
  });

  it("getBy over a non-unique field with several matches is multiple_results", async () => {
    await app.tasks.addTask("a");
    const leaves = await leavesOf(app.tasks.taskByTitle("a"));
    expect(leaves[0]?.code).toBe("multiple_results");
  });

  it("getByIdentity finds by the identity's keys", async () => {
    expect((await app.tasks.taskByCode("K3")).title).toBe("d");
    expect((await leavesOf(app.tasks.taskByCode("nope")))[0]?.code).toBe("not_found");
  });

  it("read({ get: true }) answers a single record", async () => {
    expect((await app.tasks.findOne({ filter: { code: "K2" } })).title).toBe("c");
    expect((await leavesOf(app.tasks.findOne({ filter: { code: "zz" } })))[0]?.code).toBe("not_found");
    expect((await leavesOf(app.tasks.findOne()))[0]?.code).toBe("multiple_results");
  });

  it("rejects unknown filter and sort fields as InvalidError", async () => {
    const filter = await leavesOf(app.tasks.listTasks({ filter: { nope: 1 } as never }));
    expect(filter[0]).toMatchObject({ code: "invalid_filter", field: "nope" });
    const exprFilter = await leavesOf(app.tasks.listTasks({ filter: op("==", ref("ghost"), lit(1)) }));
    expect(exprFilter[0]).toMatchObject({ code: "invalid_filter", field: "ghost" });
    const sort = await leavesOf(app.tasks.listTasks({ sort: ["-nope" as never] }));
    expect(sort[0]).toMatchObject({ code: "invalid_sort", field: "nope" });
  });
});

describe("generic actions", () => {
  it("take positional arguments and answer the cast result", async () => {
    expect(await app.tasks.echo("ab", 3)).toBe("ababab");
    expect(await app.tasks.echo("ab")).toBe("ab");
  });
});

describe(".safe", () => {
  it("answers { ok: true, value } on success", async () => {
    expect(await app.tasks.echo.safe("x", 2)).toEqual({ ok: true, value: "xx" });
    const created = await app.tasks.addTask.safe("Fine");
    expect(created.ok && created.value.title).toBe("Fine");
  });

  it("answers { ok: false, error } and never throws", async () => {
    const invalid = await app.tasks.addTask.safe("");
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) expect(invalid.error).toBeInstanceOf(InvalidError);
    const missing = await app.tasks.getTask.safe(uuidv7());
    expect(!missing.ok && missing.error.errors[0]?.code).toBe("not_found");
    const thrown = await app.tasks.explode.safe();
    expect(thrown.ok).toBe(false);
    if (!thrown.ok) {
      expect(thrown.error).toBeInstanceOf(UnknownError);
      expect(thrown.error.message).toContain("kaboom");
    }
    const noRecord = await app.tasks.editTask.safe(undefined as never);
    expect(!noRecord.ok && noRecord.error).toBeInstanceOf(FrameworkError);
  });
});

describe("call options", () => {
  it("actor and context reach changes on create and update", async () => {
    const created = await app.tasks.addTask(
      "T",
      undefined,
      {},
      { actor: { name: "ann" }, context: { note: "ctx" } },
    );
    expect(created).toMatchObject({ by: "ann", note: "ctx" });
    const edited = await app.tasks.editTask(created, { title: "U" }, { actor: { name: "bob" } });
    expect(edited).toMatchObject({ title: "U", by: "bob", note: "ctx" });
    const byGetBy = await app.tasks.addTask("V", undefined, { code: "V1" });
    const renamed = await app.tasks.renameByCode("V1", "W", {}, { actor: { name: "dee" } });
    expect(renamed).toMatchObject({ id: byGetBy.id, title: "W", by: "dee" });
  });

  it("actor and context reach generic actions", async () => {
    expect(
      await app.tasks.echo("hi", undefined, {}, { actor: { name: "ann" }, context: { suffix: "!" } }),
    ).toBe("hi by ann!");
  });
});

describe("unknown input", () => {
  it("an unknown key is no_such_input, naming the accepted inputs", async () => {
    const leaves = await leavesOf(app.tasks.addTask("T", undefined, { bogus: 1 } as never));
    expect(leaves).toHaveLength(1);
    expect(leaves[0]).toMatchObject({ code: "no_such_input", field: "bogus" });
    expect(leaves[0]?.message).toContain("title, priority, code, rank, note");
  });

  it("an attribute the action does not accept is no_such_input too", async () => {
    const task = await app.tasks.addTask("T");
    const leaves = await leavesOf(app.tasks.editTask(task, { done: true } as never));
    expect(leaves[0]).toMatchObject({ code: "no_such_input", field: "done" });
    expect(leaves[0]?.message).toContain("is not accepted by task.edit");
    expect((await app.tasks.getTask(task.id)).done).toBe(false);
  });

  it("an unknown argument of a generic action is no_such_input", async () => {
    const leaves = await leavesOf(app.tasks.echo("x", 1, { loud: true } as never));
    expect(leaves[0]).toMatchObject({ code: "no_such_input", field: "loud" });
    expect(leaves[0]?.message).toContain("text, times");
  });
});
