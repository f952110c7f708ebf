import { describe, expect, it } from "vitest";
import {
  actionIs,
  actionType,
  actorAttributeEquals,
  actorPresent,
  always,
  authorizeIf,
  belongsTo,
  bypass,
  count,
  create,
  createApp,
  defaults,
  define,
  destroy,
  domain,
  expr,
  FORBIDDEN_FIELD,
  ForbiddenError,
  fieldPolicy,
  forbidIf,
  forbidUnless,
  hasMany,
  policy,
  read,
  relatesToActorVia,
  relatingToActor,
  resource,
  set,
  t,
  update,
} from "../index.js";
import type { LayerFactory } from "./helpdesk.js";

const Member = resource("member", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    name: t.string(),
    role: t.enum(["customer", "agent", "admin"]),
    banned: t.boolean().default(false),
  },
  actions: { ...defaults("read", "create") },
});

const Case = resource("case", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    subject: t.string(),
    status: t.enum(["open", "closed"]).default("open"),
    internalNotes: t.string().optional(),
    contactPhone: t.string().optional(),
  },
  fieldPolicies: [
    fieldPolicy(["internalNotes"], authorizeIf(actorAttributeEquals("role", "agent"))),
    fieldPolicy(
      ["contactPhone"],
      authorizeIf(relatesToActorVia("reporter")),
      authorizeIf(actorAttributeEquals("role", "agent")),
    ),
  ],
  relationships: { reporter: belongsTo("member"), notes: hasMany("caseNote") },
  aggregates: {
    noteCount: count("notes"),
    allNotes: count("notes", { authorize: false }),
  },
  actions: {
    read: read({ primary: true }),
    strictRead: read({ strict: true }),
    open: create({ accept: ["subject", "reporterId"] }),
    close: update({ changes: [set("status", "closed")] }),
    remove: destroy({ primary: true }),
    seed: create({ accept: ["subject", "reporterId", "status", "internalNotes", "contactPhone"] }),
  },
  policies: [
    bypass(actorAttributeEquals("role", "admin"), authorizeIf(always())),
    policy(
      actionType("read"),
      authorizeIf(relatesToActorVia("reporter")),
      authorizeIf(actorAttributeEquals("role", "agent")),
    ),
    policy(actionIs("open"), forbidUnless(actorPresent()), authorizeIf(relatingToActor("reporter"))),
    policy(
      actionIs("close"),
      authorizeIf(relatesToActorVia("reporter")),
      authorizeIf(actorAttributeEquals("role", "agent")),
    ),
    policy(actionIs("remove"), forbidIf(always())),
  ],
});

const CaseNote = resource("caseNote", {
  attributes: { id: t.uuidv7().primaryKey(), body: t.string(), internal: t.boolean().default(false) },
  relationships: { case: belongsTo("case", { attribute: t.uuid() }) },
  actions: { ...defaults("read", "create") },
  policies: [
    policy(
      actionType("read"),
      authorizeIf(expr`internal == false`),
      authorizeIf(actorAttributeEquals("role", "agent")),
    ),
  ],
});

/** Policies before a bypass still have to pass. */
const Vault = resource("vault", {
  attributes: { id: t.uuidv7().primaryKey(), label: t.string() },
  actions: { ...defaults("read", "create") },
  policies: [
    policy(always(), forbidIf(actorAttributeEquals("banned", true)), authorizeIf(always())),
    bypass(actorAttributeEquals("role", "admin"), authorizeIf(always())),
    policy(actionType("read"), authorizeIf(actorAttributeEquals("role", "agent"))),
  ],
});

const Cases = domain("cases", {
  resources: [Member, Case, CaseNote, Vault],
  interface: { closeCase: define(Case, "close"), openCase: define(Case, "open", { args: ["subject"] }) },
});

async function world(makeLayer: LayerFactory) {
  const app = await createApp({ domains: [Cases], dataLayer: await makeLayer() });
  const e = app.engine;
  const trusted = { authorize: false };
  const ann = await e.create(Member, "create", { name: "Ann", role: "customer" });
  const bob = await e.create(Member, "create", { name: "Bob", role: "customer" });
  const ada = await e.create(Member, "create", { name: "Ada", role: "agent" });
  const root = await e.create(Member, "create", { name: "Root", role: "admin" });
  const annCase = await e.create(
    Case,
    "seed",
    { subject: "Ann's printer", reporterId: ann.id, internalNotes: "VIP", contactPhone: "555-0100" },
    trusted,
  );
  const bobCase = await e.create(
    Case,
    "seed",
    { subject: "Bob's secret", reporterId: bob.id, contactPhone: "555-0199" },
    trusted,
  );
  await e.create(CaseNote, "create", { caseId: annCase.id, body: "public" }, trusted);
  await e.create(CaseNote, "create", { caseId: annCase.id, body: "agents only", internal: true }, trusted);
  await e.create(CaseNote, "create", { caseId: bobCase.id, body: "bob public" }, trusted);
  return { app, e, ann, bob, ada, root, annCase, bobCase };
}

const subjects = (rows: Record<string, unknown>[]) => rows.map((r) => r.subject).sort();

/** Ash's policy semantics, as behaviour: filtered reads, forbidden writes, bypasses, loads and aggregates. */
export function policyScenarios(makeLayer: LayerFactory): void {
  describe("policies", () => {
    it("filters reads: each actor sees what the policies allow, and a hidden record is not found", async () => {
      const { e, ann, ada, root, bobCase } = await world(makeLayer);
      expect(subjects(await e.read(Case, "read", { actor: ann }))).toEqual(["Ann's printer"]);
      expect(subjects(await e.read(Case, "read", { actor: ada }))).toEqual(["Ann's printer", "Bob's secret"]);
      expect(subjects(await e.read(Case, "read", { actor: root }))).toHaveLength(2);
      expect(await e.read(Case, "read")).toEqual([]);
      await expect(e.fetch(Case, bobCase.id as string, { actor: ann })).rejects.toMatchObject({
        errors: [{ code: "not_found" }],
      });
    });

    it("a strict read is Forbidden, with an explanation for developers that is never serialised", async () => {
      const { e, ann } = await world(makeLayer);
      const error = (await e
        .read(Case, "strictRead", { actor: ann })
        .catch((x: unknown) => x)) as ForbiddenError;
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(error.explanation).toContain("authorizeIf(record relates to the actor via reporter");
      expect(error.explanation).toContain("depends on the record");
      expect(JSON.stringify(error)).not.toContain("relates to the actor");
    });

    it("forbids writes the policies do not allow, and they change nothing", async () => {
      const { e, ann, bob, ada, root, annCase, bobCase } = await world(makeLayer);
      await expect(e.update(Case, "close", bobCase, {}, { actor: ann })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      expect((await e.read(Case, "read", { actor: bob }))[0]?.status).toBe("open");
      expect((await e.update(Case, "close", annCase, {}, { actor: ann })).status).toBe("closed");
      expect((await e.update(Case, "close", bobCase, {}, { actor: ada })).status).toBe("closed");
      await expect(e.destroy(Case, "remove", bobCase, {}, { actor: ada })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      expect(await e.read(Case, "read", { actor: ada })).toHaveLength(2);
      await e.destroy(Case, "remove", bobCase, {}, { actor: root });
      expect(await e.read(Case, "read", { actor: ada })).toHaveLength(1);
    });

    it("checks a create against the would-be record and rolls it back when it does not match", async () => {
      const { app, e, ann, bob } = await world(makeLayer);
      const seen: string[] = [];
      app.pubsub.subscribe({ resource: "case" }, (n) => void seen.push(n.action));
      await expect(e.create(Case, "open", { subject: "anonymous" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        e.create(Case, "open", { subject: "for Bob", reporterId: bob.id }, { actor: ann }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      expect(await e.read(Case, "read", { authorize: false })).toHaveLength(2);
      expect(seen).toEqual([]);
      await e.create(Case, "open", { subject: "mine", reporterId: ann.id }, { actor: ann });
      expect(seen).toEqual(["open"]);
    });

    it("loads and aggregates only see related records the actor may read; trusted counts see all", async () => {
      const { e, ann, ada } = await world(makeLayer);
      const [mine] = await e.read(Case, "read", { actor: ann, load: ["notes", "noteCount", "allNotes"] });
      expect(((mine?.notes ?? []) as { body: string }[]).map((n) => n.body)).toEqual(["public"]);
      expect(mine).toMatchObject({ noteCount: 1, allNotes: 2 });
      const agentView = await e.read(Case, "read", { actor: ada, load: ["noteCount"], sort: ["subject"] });
      expect(agentView.map((c) => c.noteCount)).toEqual([2, 1]);
      const withInternal = await e.read(Case, "read", {
        actor: ann,
        filter: expr`exists(notes, internal == true)`,
      });
      expect(withInternal).toEqual([]);
    });

    it("filtering on a path the actor cannot read does not reveal it", async () => {
      const { e, ann } = await world(makeLayer);
      // Ann may read Bob's public note, but not Bob's case: its subject must not be matchable through the note.
      const notes = await e.read(CaseNote, "read", {
        actor: ann,
        filter: expr`case.subject == "Bob's secret"`,
      });
      expect(notes).toEqual([]);
      const all = await e.read(CaseNote, "read", { actor: ann });
      expect(all.map((n) => n.body).sort()).toEqual(["bob public", "public"]);
    });

    it("runs policies before a bypass: a banned admin is still forbidden", async () => {
      const { e, ada, root } = await world(makeLayer);
      await e.create(Vault, "create", { label: "gold" }, { authorize: false });
      const bannedAdmin = { ...root, banned: true };
      expect(await e.read(Vault, "read", { actor: root })).toHaveLength(1);
      expect(await e.read(Vault, "read", { actor: ada })).toHaveLength(1);
      expect(await e.read(Vault, "read", { actor: bannedAdmin })).toEqual([]);
      expect(await e.read(Vault, "read", { actor: { role: "customer" } })).toEqual([]);
    });

    it("trusted calls skip policies; a domain may require them always, or an actor", async () => {
      const { e } = await world(makeLayer);
      expect(await e.read(Case, "read", { authorize: false })).toHaveLength(2);
      const strictDomain = domain("strict", {
        resources: [Member, Case, CaseNote],
        authorization: { authorize: "always", requireActor: true },
      });
      const app = await createApp({ domains: [strictDomain], dataLayer: await makeLayer() });
      await app.engine.create(Case, "seed", { subject: "x" }, { actor: { role: "admin" } });
      expect(await app.engine.read(Case, "read", { authorize: false })).toEqual([]);
      expect(await app.engine.read(Case, "read", { actor: { role: "admin" } })).toHaveLength(1);
    });

    it("field policies hide fields with a distinct marker, per actor or per record, and never reveal them", async () => {
      const { e, ann, ada, annCase } = await world(makeLayer);
      const [mine] = await e.read(Case, "read", { actor: ann });
      expect(mine?.internalNotes).toBe(FORBIDDEN_FIELD);
      expect(mine?.contactPhone).toBe("555-0100");
      expect(JSON.parse(JSON.stringify(mine))).not.toHaveProperty("internalNotes");
      const asAgent = await e.read(Case, "read", { actor: ada, sort: ["subject"] });
      expect(asAgent.map((c) => [c.internalNotes, c.contactPhone])).toEqual([
        ["VIP", "555-0100"],
        [null, "555-0199"],
      ]);
      // Hidden outright: filtering or sorting on it is as if the field did not exist.
      await expect(e.read(Case, "read", { actor: ann, filter: { internalNotes: "VIP" } })).rejects.toThrow(
        /not a field/,
      );
      await expect(e.read(Case, "read", { actor: ann, sort: ["internalNotes"] })).rejects.toThrow(
        /not a field/,
      );
      // The action's own answer hides it too.
      const closed = await e.update(Case, "close", annCase, {}, { actor: ann });
      expect(closed.internalNotes).toBe(FORBIDDEN_FIELD);
    });

    it("a field readable only on some records reads as nil in filters on the others", async () => {
      const { e, bob, ada } = await world(makeLayer);
      const someoneElse = { ...bob, id: "00000000-0000-7000-8000-000000000000", role: "agent" };
      expect(await e.read(Case, "read", { actor: ada, filter: { contactPhone: "555-0199" } })).toHaveLength(
        1,
      );
      expect(await e.read(Case, "read", { actor: bob, filter: { contactPhone: "555-0199" } })).toHaveLength(
        1,
      );
      const stranger = { id: "00000000-0000-7000-8000-000000000001", role: "customer" };
      void someoneElse;
      expect(await e.read(Case, "read", { actor: stranger, filter: { contactPhone: "555-0199" } })).toEqual(
        [],
      );
    });

    it("answers can without running the action: simple checks at once, filters against the record", async () => {
      const { app, e, ann, bob, ada, root, bobCase } = await world(makeLayer);
      expect(await e.can(Case, "close", { actor: ann, record: bobCase })).toBe(false);
      expect(await e.can(Case, "close", { actor: bob, record: bobCase.id as string })).toBe(true);
      expect(await e.can(Case, "close", { actor: ada, record: bobCase })).toBe(true);
      expect(await e.can(Case, "remove", { actor: ada, record: bobCase })).toBe(false);
      expect(await e.can(Case, "remove", { actor: root, record: bobCase })).toBe(true);
      expect(await e.can(Case, "open", { input: { subject: "x" } })).toBe(false);
      expect(await e.can(Case, "open", { actor: ann, input: { subject: "x", reporterId: ann.id } })).toBe(
        true,
      );
      expect(await e.can(Case, "open", { actor: ann, input: { subject: "x", reporterId: bob.id } })).toBe(
        false,
      );
      expect(await e.can(Case, "read", { actor: ann, record: bobCase })).toBe(false);
      expect(await e.can(Case, "read", { actor: ann })).toBe(true);
      // Through the code interface, with the same parameters as the call itself; nothing was changed.
      expect(await app.cases.closeCase.can(bobCase.id as string, {}, { actor: ann })).toBe(false);
      expect(await app.cases.closeCase.can(bobCase.id as string, {}, { actor: bob })).toBe(true);
      expect(await app.cases.openCase.can("y", { reporterId: ann.id as string }, { actor: ann })).toBe(true);
      expect((await e.read(Case, "read", { actor: ada })).map((c) => c.status)).toEqual(["open", "open"]);
    });
  });
}
