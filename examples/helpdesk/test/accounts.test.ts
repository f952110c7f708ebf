import { verifyPassword } from "@ashlar/auth";
import { FORBIDDEN_FIELD, ForbiddenError, InvalidError } from "@ashlar/core";
import { Org, User } from "example-helpdesk";
import { describe, expect, it } from "vitest";
import { allEvents, asActor, failure, helpdeskApp, PASSWORD, twoOrgs } from "./fixture.js";

describe("register", () => {
  it("founds the org and makes the user its admin, both in the event log, org first", async () => {
    const w = await helpdeskApp();
    const user = await w.e.create(User, "register", {
      email: "Ann@Example.test",
      name: "Ann",
      password: PASSWORD,
      orgName: "Example Ltd",
    });
    expect(user).toMatchObject({ email: "Ann@Example.test", name: "Ann", role: "admin" });
    const org = await w.e.fetch(Org, user.orgId as string, { actor: asActor(user) });
    expect(org).toMatchObject({ name: "Example Ltd" });
    expect(typeof org.insertedAt).toBe("string");
    const events = await allEvents(w);
    expect(events.map((e) => [e.resource, e.action, e.recordId])).toEqual([
      ["org", "register", org.id],
      ["user", "register", user.id],
    ]);
  });

  it("stores the password only as a slow salted hash, which no actor can read", async () => {
    const w = await helpdeskApp();
    const user = await w.e.create(User, "register", {
      email: "ann@example.test",
      name: "Ann",
      password: PASSWORD,
      orgName: "Example",
    });
    const [stored] = await w.e.read(User, "read", { authorize: false, filter: { id: user.id as string } });
    expect(String(stored?.hashedPassword)).toMatch(/^scrypt\$/);
    expect(await verifyPassword(PASSWORD, stored?.hashedPassword)).toBe(true);
    const [seen] = await w.e.read(User, "read", { actor: asActor(user) });
    expect(seen?.hashedPassword).toBe(FORBIDDEN_FIELD);
    expect(JSON.stringify(seen)).not.toContain("scrypt");
    await expect(
      w.e.read(User, "read", { actor: asActor(user), filter: { hashedPassword: { isNil: false } } }),
    ).rejects.toThrow(/not a field/);
  });

  it("fails on a bad email, a short password or a missing org name, and writes nothing", async () => {
    const w = await helpdeskApp();
    const error = await failure(
      w.e.create(User, "register", { email: "nope", name: "Ann", password: "short", orgName: "" }),
    );
    expect(error).toBeInstanceOf(InvalidError);
    expect((error.errors ?? []).map((e) => e.field).sort()).toEqual(["email", "orgName", "password"]);
    expect(await w.e.read(Org, "read", { authorize: false })).toEqual([]);
    expect(await allEvents(w)).toEqual([]);
  });

  it("refuses an email already taken, whatever its case, and leaves no org behind", async () => {
    const w = await helpdeskApp();
    const input = { name: "Ann", password: PASSWORD, orgName: "First" };
    await w.e.create(User, "register", { ...input, email: "ann@example.test" });
    const error = await failure(
      w.e.create(User, "register", { ...input, email: "ANN@example.test", orgName: "Second" }),
    );
    expect(error).toBeInstanceOf(InvalidError);
    expect(error.errors?.[0]).toMatchObject({ field: "email" });
    const orgs = await w.e.read(Org, "read", { authorize: false });
    expect(orgs.map((o) => o.name)).toEqual(["First"]);
    expect(await allEvents(w)).toHaveLength(2);
  });
});

describe("invite", () => {
  it("adds a user with a role to the admin's own org", async () => {
    const w = await twoOrgs();
    const { acme } = w;
    expect(acme.agent).toMatchObject({ role: "agent", orgId: acme.orgId, email: "agent@acme.test" });
    expect(acme.customer).toMatchObject({ role: "customer", orgId: acme.orgId });
    const [stored] = await w.e.read(User, "read", {
      authorize: false,
      filter: { id: acme.agent.id as string },
    });
    expect(await verifyPassword(PASSWORD, stored?.hashedPassword)).toBe(true);
  });

  it("takes no org from the input: the invited user is always in the inviter's org", async () => {
    const { e, acme, globex } = await twoOrgs();
    const error = await failure(
      e.create(
        User,
        "invite",
        { email: "x@acme.test", name: "X", role: "agent", password: PASSWORD, orgId: globex.orgId },
        { actor: acme.admin },
      ),
    );
    expect(error).toBeInstanceOf(InvalidError);
    expect(await e.read(User, "read", { actor: globex.admin, filter: { email: "x@acme.test" } })).toEqual([]);
  });

  it("is for admins: agents and customers are forbidden, and nothing is written", async () => {
    const w = await twoOrgs();
    const before = (await allEvents(w)).length;
    for (const actor of [w.acme.agent, w.acme.customer]) {
      const error = await failure(
        w.e.create(
          User,
          "invite",
          { email: "new@acme.test", name: "New", role: "admin", password: PASSWORD },
          { actor },
        ),
      );
      expect(error).toBeInstanceOf(ForbiddenError);
    }
    expect(await w.e.read(User, "read", { authorize: false, filter: { email: "new@acme.test" } })).toEqual(
      [],
    );
    expect(await allEvents(w)).toHaveLength(before);
  });

  it("rejects a password shorter than 8 characters on the password field", async () => {
    const { e, acme } = await twoOrgs();
    const error = await failure(
      e.create(
        User,
        "invite",
        { email: "new@acme.test", name: "New", role: "agent", password: "1234567" },
        { actor: acme.admin },
      ),
    );
    expect(error.errors?.[0]).toMatchObject({ field: "password", code: "too_short" });
  });
});

describe("changeRole", () => {
  it("lets an admin change a role in their org", async () => {
    const { e, acme } = await twoOrgs();
    const changed = await e.update(
      User,
      "changeRole",
      acme.customer.id as string,
      { role: "agent" },
      {
        actor: acme.admin,
      },
    );
    expect(changed.role).toBe("agent");
  });

  it("is forbidden to agents and customers, and finds no user of another org", async () => {
    const w = await twoOrgs();
    const { e, acme, globex } = w;
    const before = (await allEvents(w)).length;
    for (const actor of [acme.agent, acme.customer])
      expect(
        await failure(e.update(User, "changeRole", acme.other.id as string, { role: "admin" }, { actor })),
      ).toBeInstanceOf(ForbiddenError);
    const error = await failure(
      e.update(User, "changeRole", globex.customer.id as string, { role: "admin" }, { actor: acme.admin }),
    );
    expect(error.errors?.[0]).toMatchObject({ code: "not_found" });
    const roles = await e.read(User, "read", {
      authorize: false,
      filter: { id: { in: [acme.other.id, globex.customer.id] as string[] } },
    });
    expect(roles.map((u) => u.role)).toEqual(["customer", "customer"]);
    expect(await allEvents(w)).toHaveLength(before);
  });
});

describe("orgs and users", () => {
  it("each user reads their own org and its users only", async () => {
    const { e, acme, globex } = await twoOrgs();
    for (const actor of [acme.admin, acme.agent, acme.customer]) {
      const orgs = await e.read(Org, "read", { actor });
      expect(orgs.map((o) => o.name)).toEqual(["Acme"]);
      const users = await e.read(User, "read", { actor, sort: ["email"] });
      expect(users.map((u) => u.email)).toEqual([
        "admin@acme.test",
        "agent@acme.test",
        "customer@acme.test",
        "other@acme.test",
      ]);
    }
    await expect(e.fetch(Org, globex.orgId, { actor: acme.admin })).rejects.toMatchObject({
      errors: [{ code: "not_found" }],
    });
    await expect(e.fetch(User, globex.admin.id as string, { actor: acme.admin })).rejects.toMatchObject({
      errors: [{ code: "not_found" }],
    });
  });

  it("memberCount counts the org's users", async () => {
    const { e, acme } = await twoOrgs();
    const [org] = await e.read(Org, "read", { actor: acme.admin, load: ["memberCount"] });
    expect(org?.memberCount).toBe(4);
  });
});
