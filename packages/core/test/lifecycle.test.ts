import {
  action,
  afterAction,
  afterTransaction,
  beforeAction,
  beforeTransaction,
  type Changeset,
  change,
  create,
  createApp,
  destroy,
  domain,
  type Engine,
  FrameworkError,
  InvalidError,
  MemoryDataLayer,
  type Outcome,
  read,
  resource,
  type TableSpec,
  type Transaction,
  t,
  UnknownError,
  update,
  validation,
} from "@ashlar/core";
import { beforeEach, describe, expect, it } from "vitest";

/** Everything that happens, in order: hooks, data-layer writes, commits and rollbacks, deliveries. */
const log: string[] = [];
const outcomes: Outcome[] = [];

const wrote = <T>(spec: TableSpec, result: T): T => {
  log.push(`write:${spec.table}`);
  return result;
};

/** Records writes and outermost commits/rollbacks of the real in-memory data layer. */
class RecordingLayer extends MemoryDataLayer {
  override create(...args: Parameters<MemoryDataLayer["create"]>) {
    return wrote(args[0], super.create(...args));
  }
  override update(...args: Parameters<MemoryDataLayer["update"]>) {
    return wrote(args[0], super.update(...args));
  }
  override destroy(...args: Parameters<MemoryDataLayer["destroy"]>) {
    return wrote(args[0], super.destroy(...args));
  }
  override async transaction<T>(fn: (tx: Transaction) => Promise<T>, parent?: Transaction): Promise<T> {
    try {
      const result = await super.transaction(fn, parent);
      if (!parent) log.push("commit");
      return result;
    } catch (error) {
      if (!parent) log.push("rollback");
      throw error;
    }
  }
}

let current: Engine | undefined;
const engine = () => {
  if (!current) throw new Error("no app");
  return current;
};

/** A stage records itself, then throws or adds an error when the call's context asks it to. */
function step(cs: Changeset, stage: string): void {
  log.push(stage);
  if (cs.call.context.failAt === stage) throw new Error(`boom at ${stage}`);
  if (cs.call.context.errorAt === stage) cs.addError({ code: "refused", message: `refused at ${stage}` });
}

const lifecycle = [
  change({ describe: () => "records the change stage", change: () => void log.push("change") }),
  beforeTransaction((cs) => step(cs, "beforeTransaction")),
  beforeAction((cs) => step(cs, "beforeAction")),
  afterAction((cs) => step(cs, "afterAction")),
  afterTransaction((cs, outcome) => {
    log.push(`afterTransaction:${outcome.ok ? "ok" : "error"}`);
    outcomes.push(outcome);
    const ctx = cs.call.context;
    if (ctx.rescue && !outcome.ok) return { ok: true, record: { id: "rescued", title: "rescued" } };
    if (ctx.spoil && outcome.ok) return { ok: false, error: new Error("spoiled") };
    if (ctx.decorate && outcome.ok) return { ok: true, record: { ...outcome.record, decorated: true } };
    return undefined;
  }),
];
const recordValidation = validation({
  describe: () => "records the validation stage",
  validate: (cs) => {
    log.push("validation");
    return cs.call.context.invalid ? { field: "title", message: "is rejected" } : undefined;
  },
});
const notifier = {
  name: "recorder",
  notify: (n: { resource: string; action: string }) => void log.push(`notify:${n.resource}.${n.action}`),
};

/** A generic action creating `count` notes, then failing when asked to; answers `result` or the count. */
const seeder = (transaction: boolean, result?: string) =>
  action({
    arguments: { count: t.integer(), fail: t.boolean().optional() },
    returns: t.integer(),
    transaction,
    run: async ({ arguments: args }) => {
      for (let i = 0; i < args.count; i++) await engine().create(Note, "plainCreate", { title: `seed ${i}` });
      log.push("run finished");
      if (args.fail) throw new Error("seed failed");
      return result ?? args.count;
    },
  });
const failAfterAction = (message: string) =>
  afterAction(() => {
    throw new Error(message);
  });

const Audit = resource("audit", {
  attributes: { id: t.uuidv7().primaryKey(), message: t.string({ min: 1 }) },
  notifiers: [notifier],
  actions: {
    read: read({ primary: true }),
    create: create({ accept: ["message"] }),
    createThenFail: create({ accept: ["message"], changes: [failAfterAction("audit failed after writing")] }),
  },
});

const Note = resource("note", {
  attributes: { id: t.uuidv7().primaryKey(), title: t.string({ min: 1 }) },
  notifiers: [notifier],
  actions: {
    read: read({ primary: true }),
    create: create({ accept: ["title"], changes: lifecycle, validations: [recordValidation] }),
    update: update({ accept: ["title"], changes: lifecycle, validations: [recordValidation] }),
    destroy: destroy({ changes: lifecycle, validations: [recordValidation] }),
    plainCreate: create({ accept: ["title"] }),
    createAudited: create({
      accept: ["title"],
      changes: [
        afterAction(async (cs, record) => {
          await engine().create(Audit, "create", { message: `created ${record.title}` });
          if (cs.call.context.failAfterNested) throw new Error("failed after the nested action");
        }),
      ],
    }),
    createWithInvalidNested: create({
      accept: ["title"],
      changes: [afterAction(async () => void (await engine().create(Audit, "create", { message: "" })))],
    }),
    createCatchingNested: create({
      accept: ["title"],
      changes: [
        afterAction(async () => {
          await engine()
            .create(Audit, "createThenFail", { message: "lost" })
            .catch(() => log.push("nested failure caught"));
        }),
      ],
    }),
    seed: seeder(true),
    seedLoose: seeder(false),
    seedBadReturn: seeder(true, "not a number"),
    castReturn: action({ returns: t.integer(), run: () => "12" }),
    badReturn: action({ returns: t.integer(), run: () => "twelve" }),
    nullReturn: action({ returns: t.integer(), run: () => null }),
    optionalReturn: action({ returns: t.integer().optional(), run: () => null }),
  },
});

const Lab = domain("lab", { resources: [Note, Audit] });

let app: Awaited<ReturnType<typeof makeApp>>;
const makeApp = () => createApp({ domains: [Lab], dataLayer: new RecordingLayer() });
const notes = () => app.engine.read(Note, "read");
const createNote = (context: Record<string, unknown> = {}, action = "create", title = "x") =>
  app.engine.create(Note, action, { title }, { context });
const audits = () => app.engine.read(Audit, "read");
/** The notifier's and the subscriber's entries for each "resource.action", in delivery order. */
const delivered = (...actions: string[]) => actions.flatMap((a) => [`notify:${a}`, `subscriber:${a}`]);
const deliveries = () => log.filter((e) => e.startsWith("notify:") || e.startsWith("subscriber:"));
const seedNote = async (title = "first") => {
  const note = await app.engine.create(Note, "plainCreate", { title });
  log.length = 0;
  return note;
};

beforeEach(async () => {
  app = await makeApp();
  current = app.engine;
  app.pubsub.subscribe({}, (n) => void log.push(`subscriber:${n.resource}.${n.action}`));
  log.length = 0;
  outcomes.length = 0;
});

const expectedOrder = (action: string) =>
  "change validation beforeTransaction beforeAction write:note afterAction commit afterTransaction:ok"
    .split(" ")
    .concat([`notify:note.${action}`, `subscriber:note.${action}`]);

describe("hook order", () => {
  it("create: changes → validations → hooks around the write → commit → afterTransaction → notifications", async () => {
    const note = await app.engine.create(Note, "create", { title: "hello" });
    expect(log).toEqual(expectedOrder("create"));
    expect(outcomes).toEqual([{ ok: true, record: note }]);
  });

  it("update runs the same order", async () => {
    const note = await seedNote();
    const updated = await app.engine.update(Note, "update", note, { title: "second" });
    expect(updated.title).toBe("second");
    expect(log).toEqual(expectedOrder("update"));
  });

  it("destroy runs the same order", async () => {
    const note = await seedNote();
    await app.engine.destroy(Note, "destroy", note);
    expect(log).toEqual(expectedOrder("destroy"));
    expect(await notes()).toEqual([]);
  });

  it("an invalid changeset stops before any hook or write", async () => {
    await expect(createNote({ invalid: true })).rejects.toBeInstanceOf(InvalidError);
    expect(log).not.toContain("beforeTransaction");
    expect(log.filter((e) => e.startsWith("write:"))).toEqual([]);
    expect(deliveries()).toEqual([]);
    expect(await notes()).toEqual([]);
  });

  it("a throwing beforeTransaction hook never opens the transaction; afterTransaction sees the error", async () => {
    await expect(createNote({ failAt: "beforeTransaction" })).rejects.toBeInstanceOf(UnknownError);
    expect(log).toEqual(["change", "validation", "beforeTransaction", "afterTransaction:error"]);
    expect(outcomes[0]?.ok).toBe(false);
  });
});

describe("afterTransaction", () => {
  it("receives the failure and can replace it with a success", async () => {
    const record = await createNote({ failAt: "afterAction", rescue: true });
    expect(record).toEqual({ id: "rescued", title: "rescued" });
    const failure = outcomes[0];
    expect(failure?.ok).toBe(false);
    if (failure && !failure.ok) expect((failure.error as Error).message).toBe("boom at afterAction");
    expect(await notes()).toEqual([]);
  });

  it("can replace a success with another record or with a failure", async () => {
    expect((await createNote({ decorate: true })).decorated).toBe(true);
    await expect(createNote({ spoil: true })).rejects.toThrow("spoiled");
  });
});

describe("rollback", () => {
  const stages = ["beforeAction", "afterAction"] as const;
  const modes = [
    { mode: "throws", key: "failAt", error: UnknownError },
    { mode: "adds an error", key: "errorAt", error: InvalidError },
  ] as const;
  for (const stage of stages) {
    for (const { mode, key, error } of modes) {
      it(`create: ${stage} ${mode} → nothing written, nothing notified`, async () => {
        await expect(createNote({ [key]: stage })).rejects.toBeInstanceOf(error);
        expect(await notes()).toEqual([]);
        expect(log.includes("write:note")).toBe(stage === "afterAction");
        expect(log).toContain("rollback");
        expect(log).not.toContain("commit");
        expect(log.at(-1)).toBe("afterTransaction:error");
        expect(deliveries()).toEqual([]);
      });

      it(`update: ${stage} ${mode} → the record keeps its old values`, async () => {
        const note = await seedNote("original");
        const context = { [key]: stage };
        await expect(
          app.engine.update(Note, "update", note, { title: "changed" }, { context }),
        ).rejects.toBeInstanceOf(error);
        expect(await notes()).toEqual([note]);
        expect(deliveries()).toEqual([]);
      });

      it(`destroy: ${stage} ${mode} → the record survives`, async () => {
        const note = await seedNote();
        const call = app.engine.destroy(Note, "destroy", note, {}, { context: { [key]: stage } });
        await expect(call).rejects.toBeInstanceOf(error);
        expect(await notes()).toEqual([note]);
        expect(deliveries()).toEqual([]);
      });
    }
  }

  it("a nested action that succeeded inside afterAction is rolled back when the parent then fails", async () => {
    await expect(createNote({ failAfterNested: true }, "createAudited")).rejects.toThrow(
      "failed after the nested action",
    );
    expect(log).toEqual(["write:note", "write:audit", "rollback"]);
    expect(await notes()).toEqual([]);
    expect(await audits()).toEqual([]);
  });

  it("a failing nested action inside afterAction fails and rolls back the parent", async () => {
    await expect(createNote({}, "createWithInvalidNested")).rejects.toBeInstanceOf(InvalidError);
    expect(await notes()).toEqual([]);
    expect(deliveries()).toEqual([]);
  });

  it("a nested failure the parent catches rolls back only the nested savepoint", async () => {
    const note = await app.engine.create(Note, "createCatchingNested", { title: "kept" });
    expect(log).toContain("nested failure caught");
    expect(await notes()).toEqual([note]);
    expect(await audits()).toEqual([]);
    expect(deliveries()).toEqual(delivered("note.createCatchingNested"));
  });

  it("a nested action that succeeds commits with the parent; its notification comes after the outer commit", async () => {
    await app.engine.create(Note, "createAudited", { title: "x" });
    expect(log.filter((e) => e === "commit")).toHaveLength(1);
    const commit = log.indexOf("commit");
    expect(log.indexOf("write:audit")).toBeLessThan(commit);
    expect(log.indexOf("notify:audit.create")).toBeGreaterThan(commit);
    expect(log.indexOf("subscriber:audit.create")).toBeGreaterThan(commit);
    expect(deliveries()).toHaveLength(4);
    expect(await audits()).toMatchObject([{ message: "created x" }]);
  });
});

describe("app.transaction", () => {
  it("commits every action together and notifies only after the commit", async () => {
    const seenInside: unknown[] = [];
    const result = await app.transaction(async () => {
      await app.engine.create(Note, "plainCreate", { title: "a" });
      await app.engine.create(Audit, "create", { message: "b" });
      seenInside.push(
        deliveries(),
        (await notes()).map((n) => n.title),
      );
      return "done";
    });
    expect(result).toBe("done");
    expect(seenInside).toEqual([[], ["a"]]);
    expect(log.filter((e) => e === "commit")).toHaveLength(1);
    expect(log.indexOf("commit")).toBeLessThan(log.indexOf("notify:note.plainCreate"));
    expect(deliveries()).toEqual(delivered("note.plainCreate", "audit.create"));
    expect(await notes()).toHaveLength(1);
    expect(await audits()).toHaveLength(1);
  });

  it("rolls everything back and notifies nothing when it throws", async () => {
    const run = app.transaction(async () => {
      await app.engine.create(Note, "plainCreate", { title: "a" });
      await app.engine.create(Audit, "create", { message: "b" });
      throw new Error("abort");
    });
    await expect(run).rejects.toThrow("abort");
    expect(await notes()).toEqual([]);
    expect(await audits()).toEqual([]);
    expect(deliveries()).toEqual([]);
  });

  it("a failed action caught inside keeps the rest", async () => {
    await app.transaction(async () => {
      await app.engine.create(Note, "plainCreate", { title: "kept" });
      await expect(createNote({ failAt: "afterAction" }, "create", "lost")).rejects.toThrow("boom");
    });
    expect((await notes()).map((n) => n.title)).toEqual(["kept"]);
    expect(deliveries()).toEqual(delivered("note.plainCreate"));
  });
});

describe("generic actions", () => {
  it("with transaction: true, commits the records it creates and notifies after commit", async () => {
    expect(await app.engine.run(Note, "seed", { count: 2 })).toBe(2);
    expect(await notes()).toHaveLength(2);
    expect(log.indexOf("run finished")).toBeLessThan(log.indexOf("commit"));
    expect(log.indexOf("commit")).toBeLessThan(log.indexOf("notify:note.plainCreate"));
    expect(deliveries()).toHaveLength(4);
  });

  it("with transaction: true, a run that throws after creating records leaves nothing", async () => {
    await expect(app.engine.run(Note, "seed", { count: 2, fail: true })).rejects.toThrow("seed failed");
    expect(await notes()).toEqual([]);
    expect(deliveries()).toEqual([]);
  });

  it("without a transaction, records written before the throw stay", async () => {
    await expect(app.engine.run(Note, "seedLoose", { count: 2, fail: true })).rejects.toThrow("seed failed");
    expect(await notes()).toHaveLength(2);
  });

  it("casts the result with its `returns` type; a result it rejects is a FrameworkError", async () => {
    expect(await app.engine.run(Note, "castReturn")).toBe(12);
    expect(await app.engine.run(Note, "optionalReturn")).toBeNull();
    await expect(app.engine.run(Note, "badReturn")).rejects.toBeInstanceOf(FrameworkError);
    await expect(app.engine.run(Note, "nullReturn")).rejects.toBeInstanceOf(FrameworkError);
  });

  it("a rejected result inside a transaction rolls back the records the run created", async () => {
    await expect(app.engine.run(Note, "seedBadReturn", { count: 1 })).rejects.toBeInstanceOf(FrameworkError);
    expect(await notes()).toEqual([]);
    expect(deliveries()).toEqual([]);
  });
});
