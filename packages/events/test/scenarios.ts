import { actorAttributeEquals, always, authorizeIf, type DataLayer, policy } from "@ashlar/core";
import { ReplayError } from "@ashlar/events";
import { beforeEach, describe, expect, it } from "vitest";
import { accountsApp, makeLog, SignupAudit, SystemActor, User, UserRole } from "./fixture.js";

type Row = Record<string, unknown>;
export type LayerFactory = () => Promise<DataLayer>;

/** The event log's behaviour, as AshEvents' own suite checks it, on any data layer. */
export function eventScenarios(makeLayer: LayerFactory): void {
  let ctx: Awaited<ReturnType<typeof accountsApp>>;
  const events = async () => (await ctx.engine.read(ctx.log.resource, "read", { sort: ["id"] })) as Row[];
  const users = async () =>
    (await ctx.engine.read(User, "read", { sort: ["email"] })).map(({ updatedAt, ...u }) => u);
  const roles = async () => (await ctx.engine.read(UserRole, "read", { sort: ["id"] })) as Row[];
  const register = (email: string, extra: Row = {}, options: Row = {}) =>
    ctx.engine.create(User, "create", { email, name: email.split("@")[0], ...extra }, options);

  beforeEach(async () => {
    ctx = await accountsApp(await makeLayer());
  });

  describe("writing events", () => {
    it("a user whose hook creates a role: two events in that order, the role's with the same actor, no metadata", async () => {
      const admin = await register("admin@x.test");
      const before = (await events()).length;
      const user = await register(
        "ann@x.test",
        {},
        { actor: admin, context: { eventMetadata: { why: "signup" } } },
      );
      const [u, r] = (await events()).slice(before);
      expect([u?.resource, u?.actionType, u?.recordId]).toEqual(["user", "create", user.id]);
      expect(r?.resource).toBe("userRole");
      expect((r?.id as number) > (u?.id as number) || String(r?.id) > String(u?.id)).toBe(true);
      expect(u?.userId).toBe(admin.id);
      expect(r?.userId).toBe(admin.id);
      expect(u?.metadata).toEqual({ why: "signup" });
      expect(r?.metadata).toEqual({});
    });

    it("actor attribution: a user fills its column, the system actor its own, no actor neither", async () => {
      const admin = await register("admin@x.test");
      await register("a@x.test", {}, { actor: admin });
      await register("b@x.test", {}, { actor: SystemActor });
      await register("c@x.test");
      const created = (await events()).filter((e) => e.resource === "user").slice(1);
      expect(created.map((e) => [e.userId, e.systemId])).toEqual([
        [admin.id, null],
        [null, "seeder"],
        [null, null],
      ]);
    });

    it("destroy with metadata: one event, the right recordId, empty data, metadata kept", async () => {
      const user = await register("gone@x.test");
      await ctx.engine.destroy(UserRole, "destroy", (await roles())[0] as Row);
      await ctx.engine.destroy(User, "destroy", user, {}, { context: { eventMetadata: { reason: "gdpr" } } });
      const last = (await events()).at(-1);
      expect(last).toMatchObject({
        actionType: "destroy",
        recordId: user.id,
        data: {},
        metadata: { reason: "gdpr" },
      });
    });

    it("defaults and derived values are changedAttributes; what the caller gave is data", async () => {
      const user = await register("Dee@x.test", { name: "Dee Lee" });
      const created = (await events()).find((e) => e.resource === "user") as Row;
      expect(created.data).toEqual({ email: "Dee@x.test", name: "Dee Lee" });
      const changed = created.changedAttributes as Row;
      expect(changed).toMatchObject({ id: user.id, slug: "dee-lee", status: "active" });
      expect(changed.insertedAt).toBe(user.insertedAt);
      expect(changed).not.toHaveProperty("email");
      await ctx.engine.update(User, "update", user, { status: "inactive" });
      const updated = (await events()).at(-1) as Row;
      expect(updated.data).toEqual({ status: "inactive" });
      expect(Object.keys(updated.changedAttributes as Row)).toEqual(["updatedAt"]);
    });

    it("bulk create, update and destroy write one event per record", async () => {
      const created = await ctx.engine.bulkCreate(User, "createV1", [
        { email: "b1@x.test", name: "b1" },
        { email: "b2@x.test", name: "b2" },
        { email: "b3@x.test", name: "b3" },
      ]);
      await ctx.engine.bulkUpdate(User, "update", created.records, { status: "inactive" });
      await ctx.engine.bulkDestroy(User, "destroy", created.records);
      const kinds = (await events()).map((e) => `${e.actionType}:${e.action}`);
      expect(kinds).toEqual([
        ...Array(3).fill("create:createV1"),
        ...Array(3).fill("update:update"),
        ...Array(3).fill("destroy:destroy"),
      ]);
    });

    it("a failing action writes no event: invalid input, and a failure after the write", async () => {
      await expect(ctx.engine.create(User, "create", { name: "no email" })).rejects.toThrow();
      await register("dup@x.test");
      const count = (await events()).length;
      await expect(register("dup@x.test")).rejects.toThrow(/already been taken/);
      await expect(
        ctx.engine.update(User, "update", (await users())[0] as Row, { status: "bogus" }),
      ).rejects.toThrow();
      expect((await events()).length).toBe(count);
    });

    it("sensitive values never appear in plain text; with the key, the history opens them", async () => {
      const user = await register("sec@x.test", { password: "hunter2-secret" });
      const stored = JSON.stringify(await events());
      const hash = (await ctx.engine.read(User, "read")).find((u) => u.id === user.id)
        ?.hashedPassword as string;
      expect(stored).not.toContain("hunter2-secret");
      expect(stored).not.toContain(hash);
      const [opened] = await ctx.log.history(ctx.app, User, user.id, { open: true });
      expect(opened?.data).toMatchObject({ password: "hunter2-secret" });
      expect((opened?.changedAttributes as Row | undefined)?.hashedPassword).toBe(hash);
    });
  });

  it("history: a record's events in order; the event resource's policies decide who reads them", async () => {
    const onlySystem = policy(always(), authorizeIf(actorAttributeEquals("kind", "system")));
    ctx = await accountsApp(await makeLayer(), makeLog({ policies: [onlySystem] }));
    const user = await register("h@x.test", {}, { actor: SystemActor });
    await ctx.engine.update(User, "update", user, { name: "H2" });
    const history = await ctx.log.history(ctx.app, User, user.id, { actor: SystemActor });
    expect(history.map((e) => e.actionType)).toEqual(["create", "update"]);
    expect(await ctx.log.history(ctx.app, User, user.id, { actor: user })).toEqual([]);
  });

  describe("replay", () => {
    /** A few users, their changes and a destroy; answers the state after each event. */
    async function story() {
      const states: { eventId: unknown; at: string; users: Row[]; roles: number }[] = [];
      const note = async () => {
        const last = (await events()).at(-1) as Row;
        states.push({
          eventId: last.id,
          at: last.occurredAt as string,
          users: await users(),
          roles: (await roles()).length,
        });
      };
      const a = await register("a@x.test", {
        password: "pw-a-123456",
        address: { street: "1 Main", city: "Oslo" },
      });
      await note();
      await ctx.engine.update(User, "update", a, { name: "A Renamed", status: "inactive" });
      await note();
      const b = await register("b@x.test", { settings: { theme: { dark: true, sizes: [1, 2] } } });
      await note();
      await ctx.engine.update(User, "update", b, { address: { street: "2 Side", city: "Rome" } });
      await note();
      return states;
    }

    it("to an event id, to a point in time and in full, each restores exactly that state; hooks do not run again", async () => {
      const states = await story();
      const full = states.at(-1)!;
      const before = (await events()).length;
      const result = await ctx.log.replay(ctx.app);
      expect(result.skipped).toEqual([]);
      expect(await users()).toEqual(full.users);
      expect((await roles()).length).toBe(full.roles);
      expect((await events()).length).toBe(before);
      for (const state of states.slice(0, -1)) {
        await ctx.log.replay(ctx.app, { untilEvent: state.eventId as number });
        expect(await users()).toEqual(state.users);
        expect((await roles()).length).toBe(state.roles);
      }
      await ctx.log.replay(ctx.app, { at: states[1]!.at });
      expect(await users()).toEqual(states[1]!.users);
      expect((await events()).length).toBe(before);
    });

    it("restores sensitive values, embedded values and nested maps", async () => {
      await story();
      const stored = await ctx.engine.read(User, "read", { sort: ["email"] });
      await ctx.log.replay(ctx.app);
      const replayed = await ctx.engine.read(User, "read", { sort: ["email"] });
      expect(replayed.map((u) => [u.hashedPassword, u.address, u.settings])).toEqual(
        stored.map((u) => [u.hashedPassword, u.address, u.settings]),
      );
      expect(replayed[0]?.hashedPassword).toMatch(/^[0-9a-f]{64}$/);
      expect(replayed[1]?.settings).toEqual({ theme: { dark: true, sizes: [1, 2] } });
    });

    it("upserts: two on one identity keep one record and two events; replay ends with the latest values", async () => {
      await ctx.engine.create(User, "upsert", { email: "up@x.test", name: "first" });
      await ctx.engine.create(User, "upsert", { email: "up@x.test", name: "second" });
      expect((await events()).filter((e) => e.action === "upsert")).toHaveLength(2);
      const expected = await users();
      expect(expected).toHaveLength(1);
      await ctx.log.replay(ctx.app);
      expect(await users()).toEqual(expected);
    });

    it("a missing record is reported and skipped", async () => {
      const user = await register("m@x.test");
      await ctx.engine.update(User, "update", user, { name: "M2" });
      // The create's event is gone (pruned by hand): the update has nothing to update.
      const createEvent = (await events()).find(
        (e) => e.resource === "user" && e.actionType === "create",
      ) as Row;
      await ctx.app.dataLayer.destroy(ctx.engine.runtimeOf(ctx.log.resource).table, { id: createEvent.id });
      const result = await ctx.log.replay(ctx.app);
      expect(result.skipped).toMatchObject([{ resource: "user", action: "update" }]);
      expect(await users()).toEqual([]);
    });

    it("a replay that fails midway is rolled back whole; the previous state is untouched", async () => {
      await story();
      const before = { users: await users(), roles: (await roles()).length };
      const target = (await events()).find((e) => e.actionType === "update") as Row;
      const table = ctx.engine.runtimeOf(ctx.log.resource).table;
      await ctx.app.dataLayer.update(table, { id: target.id }, { data: { status: "bogus" } });
      const error = await ctx.log.replay(ctx.app).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReplayError);
      expect((error as Error).message).toContain(`event ${String(target.id)}`);
      expect({ users: await users(), roles: (await roles()).length }).toEqual(before);
    });

    it("replay without a way to clear records fails with a clear error before changing anything", async () => {
      const layer = await makeLayer();
      const noClear = new Proxy(layer, {
        get: (target, key) => {
          if (key === "clear") return undefined;
          const v = Reflect.get(target, key, target);
          return typeof v === "function" ? v.bind(target) : v;
        },
      });
      ctx = await accountsApp(noClear);
      await register("keep@x.test");
      const before = await users();
      await expect(ctx.log.replay(ctx.app)).rejects.toThrow(
        /cannot clear.*clearRecordsForReplay.*Nothing was changed/,
      );
      expect(await users()).toEqual(before);
    });

    it("version routing: version 1 events replay through the legacy action and a second resource", async () => {
      const layer = await makeLayer();
      const v1 = await accountsApp(layer, makeLog({ userVersion: 1 }));
      await v1.engine.create(User, "create", { email: "old@x.test", name: "Old Timer" });
      ctx = await accountsApp(layer, makeLog());
      await register("new@x.test", { name: "New Comer" });
      const versions = (await events()).filter((e) => e.resource === "user").map((e) => e.version);
      expect(versions).toEqual([1, 2]);
      await ctx.log.replay(ctx.app);
      const byEmail = Object.fromEntries((await users()).map((u) => [u.email, u]));
      // createV1 has no slug change: the slug comes only from the recorded changedAttributes.
      expect(byEmail["old@x.test"]).toMatchObject({ name: "Old Timer", slug: "old-timer" });
      expect(byEmail["new@x.test"]).toMatchObject({ slug: "new-comer" });
      expect((await ctx.engine.read(SignupAudit, "read")).map((a) => a.email)).toEqual(["old@x.test"]);
    });

    it("without an encryption key sensitive values are redacted, and replay cannot restore them", async () => {
      ctx = await accountsApp(await makeLayer(), makeLog({ encrypt: false }));
      const user = await register("plain@x.test", { password: "pw-plain-123" });
      const [created] = await ctx.log.history(ctx.app, User, user.id);
      expect(created?.data).toMatchObject({ password: { $redacted: true } });
      expect((created?.changedAttributes as Row | undefined)?.hashedPassword).toEqual({ $redacted: true });
      await ctx.log.replay(ctx.app);
      expect((await ctx.engine.read(User, "read"))[0]?.hashedPassword).toBeNull();
    });
  });
}
