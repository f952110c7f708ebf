import { createApp, defaults, domain, memory, resource, t } from "@ashlar/core";
import { eventLog, track } from "@ashlar/events";
import { describe, expect, it } from "vitest";

const Project = resource("project", {
  attributes: { id: t.uuidv7().primaryKey(), orgId: t.string(), name: t.string() },
  multitenancy: { strategy: "attribute", attribute: "orgId" },
  actions: { ...defaults("read", "create", "update") },
});

const Note = resource("note", {
  attributes: { id: t.integer().primaryKey(), body: t.string() },
  multitenancy: { strategy: "context" },
  actions: { ...defaults("read", "create") },
});

describe("event log and multitenancy", () => {
  it("events keep the tenant, and replay writes each record for its own tenant", async () => {
    const log = eventLog({ track: [track(Project)] });
    const app = await createApp({
      domains: [domain("work", { resources: [Project, log.resource] })],
      dataLayer: memory(),
      recorders: [log],
    });
    const a = await app.engine.create(Project, "create", { name: "alpha" }, { tenant: "acme" });
    await app.engine.update(Project, "update", a, { name: "alpha 2" }, { tenant: "acme" });
    await app.engine.create(Project, "create", { name: "beta" }, { tenant: "globex" });
    const events = await app.engine.read(log.resource, "read", { sort: ["id"] });
    expect(events.map((e) => e.tenant)).toEqual(["acme", "acme", "globex"]);
    const before = await app.engine.read(Project, "read", { sort: ["name"], tenant: "acme" });
    await log.replay(app);
    expect(await app.engine.read(Project, "read", { sort: ["name"], tenant: "acme" })).toEqual(before);
    const globex = await app.engine.read(Project, "read", { tenant: "globex" });
    expect(globex.map((p) => [p.name, p.orgId])).toEqual([["beta", "globex"]]);
  });

  it("a context-multitenant resource cannot be tracked yet: the app is not built, and the error says why", async () => {
    const log = eventLog({ track: [track(Note)] });
    await expect(
      createApp({ domains: [domain("work", { resources: [Note, log.resource] })], recorders: [log] }),
    ).rejects.toThrow(/note keeps each tenant in its own schema.*attribute strategy/);
  });

  it("a tracked resource or the log's own resource missing from the app is reported when it is built", async () => {
    const log = eventLog({ track: [track(Project)] });
    await expect(
      createApp({ domains: [domain("work", { resources: [Note] })], recorders: [log] }),
    ).rejects.toThrow(
      /event: its resource "event" is not in the app[\s\S]*event: tracks project, which is not in the app/,
    );
  });
});
