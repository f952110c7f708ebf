import { createApp, defaults, domain, memory, resource, t } from "@ashlar/core";
import { eventLog, track } from "@ashlar/events";
import { describe, expect, it } from "vitest";

/** A membership keyed by two columns: AshEvents cannot log these; ashlar stores the key as an object. */
const Membership = resource("membership", {
  attributes: {
    teamId: t.string().primaryKey(),
    userId: t.string().primaryKey(),
    role: t.enum(["member", "owner"]).default("member"),
  },
  actions: {
    ...defaults("read", "create", "destroy"),
    promote: { ...defaults("update").update, accept: ["role"] },
  },
});

const build = async (log: ReturnType<typeof eventLog>) =>
  createApp({
    domains: [domain("teams", { resources: [Membership, log.resource] })],
    dataLayer: memory(),
    recorders: [log],
  });

describe("event keys and record keys", () => {
  it("composite primary keys are recorded as an object (recordId json) and replay finds the record by it", async () => {
    const log = eventLog({ recordId: "json", primaryKey: "uuidv7", track: [track(Membership)] });
    const app = await build(log);
    const m = await app.engine.create(Membership, "create", { teamId: "t1", userId: "u1" });
    await app.engine.update(Membership, "promote", m, { role: "owner" });
    await app.engine.create(Membership, "create", { teamId: "t1", userId: "u2" });
    const history = await log.history(app, Membership, { teamId: "t1", userId: "u1" });
    expect(history.map((e) => [e.actionType, e.recordId])).toEqual([
      ["create", { teamId: "t1", userId: "u1" }],
      ["update", { teamId: "t1", userId: "u1" }],
    ]);
    const ids = (await app.engine.read(log.resource, "read", { sort: ["id"] })).map((e) => e.id as string);
    expect(ids.every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
    const before = await app.engine.read(Membership, "read", { sort: ["userId"] });
    await log.replay(app);
    expect(await app.engine.read(Membership, "read", { sort: ["userId"] })).toEqual(before);
    expect(before.map((r) => r.role)).toEqual(["owner", "member"]);
  });

  it("a composite key without recordId json is refused when the app is built", async () => {
    await expect(build(eventLog({ track: [track(Membership)] }))).rejects.toThrow(
      /membership has a composite primary key \(teamId, userId\); set recordId: "json"/,
    );
  });
});
