import { verifyPassword } from "@ashlar/auth";
import { Ticket, User } from "example-helpdesk";
import { describe, expect, it } from "vitest";
import { PASSWORD } from "./fixture.js";
import { buildHistory, snapshot, twoOrgs, urgentComments } from "./replay-scenario.js";

describe("replaying the event log", () => {
  it("restores every record, id, timestamp, relationship and aggregate; hooks do not run again", async () => {
    const w = await twoOrgs();
    const { becameUrgent } = await buildHistory(w);
    const before = await snapshot(w);
    expect(await urgentComments(w)).toBe(becameUrgent);

    const result = await w.log.replay(w.app);

    expect(result).toEqual({ applied: before.events.length, skipped: [] });
    expect(await snapshot(w)).toEqual(before);
    expect(await urgentComments(w)).toBe(becameUrgent);
  });

  it("users can still sign in: password hashes are restored from the sealed events", async () => {
    const w = await twoOrgs();
    await buildHistory(w);
    await w.log.replay(w.app);
    const users = await w.e.read(User, "read", { authorize: false });
    expect(users).toHaveLength(10);
    for (const user of users) expect(await verifyPassword(PASSWORD, user.hashedPassword)).toBe(true);
  });

  it("replays a prefix up to an event, and the full log again after it", async () => {
    const w = await twoOrgs();
    await buildHistory(w);
    const before = await snapshot(w);
    const destroyed = before.events.find((e) => e.resource === "ticket" && e.action === "destroy");
    await w.log.replay(w.app, { untilEvent: (destroyed?.id as number) - 1 });
    const subjects = (await w.e.read(Ticket, "read", { authorize: false })).map((t) => t.subject);
    expect(subjects).toContain("Doomed");
    await w.log.replay(w.app);
    expect(await snapshot(w)).toEqual(before);
  });
});
