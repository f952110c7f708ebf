import { describe, expect, it } from "vitest";
import { belongsTo, count, createApp, defaults, domain, hasMany, resource, t } from "../index.js";
import type { LayerFactory } from "./helpdesk.js";

const Project = resource("project", {
  attributes: { id: t.uuidv7().primaryKey(), orgId: t.string(), name: t.string() },
  multitenancy: { strategy: "attribute", attribute: "orgId" },
  relationships: { tasks: hasMany("task") },
  aggregates: { taskCount: count("tasks") },
  actions: { ...defaults("read", "create", "update", "destroy") },
});

const Task = resource("task", {
  attributes: { id: t.uuidv7().primaryKey(), orgId: t.string(), title: t.string() },
  multitenancy: { strategy: "attribute", attribute: "orgId" },
  relationships: { project: belongsTo("project") },
  actions: { ...defaults("read", "create") },
});

const Note = resource("note", {
  attributes: { id: t.integer().primaryKey(), body: t.string() },
  multitenancy: { strategy: "context" },
  actions: { ...defaults("read", "create", "update") },
});

const Setting = resource("setting", {
  attributes: { id: t.uuidv7().primaryKey(), orgId: t.string().optional(), key: t.string() },
  multitenancy: { strategy: "attribute", attribute: "orgId", global: true },
  actions: { ...defaults("read", "create") },
});

const Work = domain("work", { resources: [Project, Task, Note, Setting] });

/** Attribute and context multitenancy. */
export function multitenancyScenarios(makeLayer: LayerFactory): void {
  describe("attribute multitenancy", () => {
    it("sets the tenant on create and only ever reads and writes the call's tenant", async () => {
      const app = await createApp({ domains: [Work], dataLayer: await makeLayer() });
      const e = app.engine;
      const acme = await e.create(Project, "create", { name: "Rocket" }, { tenant: "acme" });
      await e.create(Project, "create", { name: "Anvil" }, { tenant: "acme" });
      const globex = await e.create(Project, "create", { name: "Doom" }, { tenant: "globex" });
      expect(acme.orgId).toBe("acme");
      expect((await e.read(Project, "read", { tenant: "acme", sort: ["name"] })).map((p) => p.name)).toEqual([
        "Anvil",
        "Rocket",
      ]);
      expect((await e.read(Project, "read", { tenant: "globex" })).map((p) => p.name)).toEqual(["Doom"]);
      await expect(
        e.update(Project, "update", globex, { name: "Mine now" }, { tenant: "acme" }),
      ).rejects.toMatchObject({ class: "invalid" });
      await expect(
        e.update(Project, "update", globex.id as string, { name: "Mine now" }, { tenant: "acme" }),
      ).rejects.toMatchObject({ class: "invalid" });
      expect((await e.read(Project, "read", { tenant: "globex" }))[0]?.name).toBe("Doom");
      await expect(e.destroy(Project, "destroy", globex, {}, { tenant: "acme" })).rejects.toMatchObject({
        class: "invalid",
      });
    });

    it("requires a tenant unless the resource is global", async () => {
      const app = await createApp({ domains: [Work], dataLayer: await makeLayer() });
      await expect(app.engine.read(Project, "read")).rejects.toThrow(/tenant/);
      await expect(app.engine.create(Project, "create", { name: "x" })).rejects.toThrow(/tenant/);
      await app.engine.create(Setting, "create", { key: "theme" });
      await app.engine.create(Setting, "create", { key: "lang" }, { tenant: "acme" });
      expect(await app.engine.read(Setting, "read")).toHaveLength(2);
      expect((await app.engine.read(Setting, "read", { tenant: "acme" })).map((s) => s.key)).toEqual([
        "lang",
      ]);
    });

    it("keeps loads and aggregates inside the tenant", async () => {
      const app = await createApp({ domains: [Work], dataLayer: await makeLayer() });
      const e = app.engine;
      const p = await e.create(Project, "create", { name: "Rocket" }, { tenant: "acme" });
      await e.create(Task, "create", { title: "Fuel", projectId: p.id }, { tenant: "acme" });
      // A record of another tenant pointing at the same project id (a corrupt or hostile write) stays invisible.
      await e.create(Task, "create", { title: "Sabotage", projectId: p.id }, { tenant: "globex" });
      const [loaded] = await e.read(Project, "read", { tenant: "acme", load: ["taskCount", "tasks"] });
      expect(loaded?.taskCount).toBe(1);
      expect(((loaded?.tasks ?? []) as { title: string }[]).map((x) => x.title)).toEqual(["Fuel"]);
    });
  });

  describe("context multitenancy", () => {
    it("keeps each tenant's records apart, even with the same keys", async () => {
      const app = await createApp({ domains: [Work], dataLayer: await makeLayer() });
      const e = app.engine;
      await e.create(Note, "create", { id: 1, body: "acme's" }, { tenant: "acme" });
      await e.create(Note, "create", { id: 1, body: "globex's" }, { tenant: "globex" });
      expect((await e.read(Note, "read", { tenant: "acme" })).map((n) => n.body)).toEqual(["acme's"]);
      await e.update(Note, "update", 1, { body: "edited" }, { tenant: "globex" });
      expect((await e.read(Note, "read", { tenant: "acme" }))[0]?.body).toBe("acme's");
      expect((await e.read(Note, "read", { tenant: "globex" }))[0]?.body).toBe("edited");
      await expect(e.read(Note, "read")).rejects.toThrow(/tenant/);
    });
  });
}
