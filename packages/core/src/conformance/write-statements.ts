import { beforeEach, describe, expect, it } from "vitest";
import { afterAction } from "../changes/hooks.js";
import { set } from "../changes/set.js";
import {
  actionIs,
  always,
  authorizeIf,
  belongsTo,
  change,
  create,
  createApp,
  defaults,
  domain,
  expr,
  policy,
  read,
  resource,
  t,
  update,
} from "../index.js";
import { type CountingLayer, countingLayer } from "./counting-layer.js";
import type { LayerFactory } from "./helpdesk.js";

const Team = resource("team", {
  attributes: { id: t.uuidv7().primaryKey(), name: t.string(), open: t.boolean().default(true) },
  actions: { ...defaults("read", "create") },
});

/** Notes of a team: its author writes them; `pinned` notes need an open team (a policy on a related record). */
const Note = resource("note", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    body: t.string(),
    authorId: t.uuid(),
    done: t.boolean().default(false),
  },
  relationships: { team: belongsTo(() => Team, { attribute: t.uuid() }) },
  actions: {
    read: read({ primary: true }),
    write: create({ accept: ["body", "authorId", "teamId"] }),
    pin: create({ accept: ["body", "authorId", "teamId"] }),
    logged: create({
      accept: ["body", "authorId", "teamId"],
      changes: [afterAction(async (_cs, record) => void log.push(String(record.body)))],
    }),
    finish: update({ changes: [set("done", true)] }),
    /** `atomic`, yet it asks for the record when the body is given: then the record is read first. */
    edit: update({
      accept: ["body"],
      changes: [
        change({
          atomic: true,
          describe: () => "refuses an unchanged body",
          change: (cs) => {
            if ("body" in cs.attributes && cs.data?.body === cs.attributes.body)
              cs.addError({ code: "unchanged", field: "body", message: "is unchanged" });
          },
        }),
      ],
    }),
  },
  policies: [
    policy(always(), authorizeIf(expr`authorId == ^actor(id)`)),
    policy(actionIs("pin"), authorizeIf(expr`team.open == true`)),
  ],
});

const log: string[] = [];

const build = (dataLayer: CountingLayer) =>
  createApp({ domains: [domain("notes", { resources: [Team, Note] })], dataLayer });

/**
 * A write that is one statement with nothing else inside its transaction (no hooks there, no recorder, no
 * check left for after the insert, no enclosing transaction) opens none: the statement is its own
 * transaction. A create's policy filter on its own columns is decided on the would-be record in memory.
 */
export function writeStatementScenarios(makeLayer: LayerFactory): void {
  describe("writes of one statement", () => {
    let layer: CountingLayer;
    let app: Awaited<ReturnType<typeof build>>;
    let team: Record<string, unknown>;
    const me = { id: "0190e5a0-0000-7000-8000-000000000001" };
    const someoneElse = "0190e5a0-0000-7000-8000-000000000002";
    const bodies = async () =>
      (await app.engine.read(Note, "read", { authorize: false })).map((n) => String(n.body)).sort();
    /** A note I write through `action` (its author and team as given). */
    const note = (body: string, action = "write", authorId = me.id, teamId = team.id as string) =>
      app.engine.create(Note, action, { body, authorId, teamId }, { actor: me });
    beforeEach(async () => {
      layer = countingLayer(await makeLayer());
      app = await build(layer);
      team = await app.engine.create(Team, "create", { name: "a" });
      layer.outermost = 0;
      layer.counts = 0;
      log.length = 0;
    });

    it("a create whose policy reads only its own columns: no transaction, no count", async () => {
      const written = await note("mine");
      expect(written.authorId).toBe(me.id);
      expect([layer.outermost, layer.counts]).toEqual([0, 0]);
      await expect(note("theirs", "write", someoneElse)).rejects.toMatchObject({ class: "forbidden" });
      expect([layer.outermost, layer.counts]).toEqual([0, 0]);
      expect(await bodies()).toEqual(["mine"]);
    });

    it("a create whose policy reads a related record is counted after the insert, in a transaction", async () => {
      await note("pinned", "pin");
      expect([layer.outermost, layer.counts]).toEqual([1, 1]);
      const closed = await app.engine.create(Team, "create", { name: "b", open: false });
      await expect(note("refused", "pin", me.id, closed.id as string)).rejects.toMatchObject({
        class: "forbidden",
      });
      expect(await bodies()).toEqual(["pinned"]);
    });

    it("an after-action hook keeps the transaction; so does an enclosing one", async () => {
      await note("hooked", "logged");
      expect(layer.outermost).toBe(1);
      expect(log).toEqual(["hooked"]);
      await app.engine.transaction(async () => {
        await note("inner");
      });
      expect(layer.outermost).toBe(2);
      expect(await bodies()).toEqual(["hooked", "inner"]);
    });

    it("an update by key: its policy is part of the update's condition, no transaction", async () => {
      const written = await note("x");
      layer.reads = 0;
      const done = await app.engine.update(Note, "finish", written.id as string, {}, { actor: me });
      expect(done.done).toBe(true);
      // Its changes need no record: one UPDATE, no read first.
      expect([layer.outermost, layer.reads]).toEqual([0, 0]);
      // Someone else cannot see it (not found by key); given the whole record, the update's condition fails.
      await expect(
        app.engine.update(Note, "finish", written.id as string, {}, { actor: { id: someoneElse } }),
      ).rejects.toMatchObject({ errors: [{ code: "not_found" }] });
      await expect(
        app.engine.update(Note, "finish", written, {}, { actor: { id: someoneElse } }),
      ).rejects.toMatchObject({ class: "forbidden" });
      expect(layer.outermost).toBe(0);
      expect(await app.engine.read(Note, "read", { authorize: false })).toMatchObject([{ done: true }]);
    });

    it("an update by key whose change asks for the record reads it first, then runs as usual", async () => {
      const written = await note("x");
      layer.reads = 0;
      await expect(
        app.engine.update(Note, "edit", written.id as string, { body: "x" }, { actor: me }),
      ).rejects.toMatchObject({ errors: [{ field: "body", message: "is unchanged" }] });
      expect(layer.reads).toBe(1);
      const edited = await app.engine.update(
        Note,
        "edit",
        written.id as string,
        { body: "y" },
        { actor: me },
      );
      expect(edited.body).toBe("y");
      expect(layer.reads).toBe(2);
      // Not readable by the actor: not found, as when the record is read first.
      await expect(
        app.engine.update(Note, "edit", written.id as string, {}, { actor: { id: someoneElse } }),
      ).rejects.toMatchObject({ errors: [{ code: "not_found" }] });
    });
  });
}
