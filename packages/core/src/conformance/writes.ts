import { describe, expect, it } from "vitest";
import {
  create,
  createApp,
  defaults,
  define,
  destroy,
  domain,
  expr,
  InvalidError,
  optimisticLock,
  read,
  resource,
  set,
  t,
  update,
} from "../index.js";
import type { LayerFactory } from "./helpdesk.js";

const Account = resource("account", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    email: t.ciString(),
    name: t.string(),
    balance: t.decimal().default("0"),
    logins: t.integer().default(0),
    version: t.integer().default(1),
    archivedAt: t.datetime().optional(),
    insertedAt: t.createTimestamp(),
    updatedAt: t.updateTimestamp(),
  },
  identities: { uniqueEmail: ["email"] },
  baseFilter: expr`isNil(archivedAt)`,
  actions: {
    ...defaults("read", "create"),
    archived: read({ baseFilter: false }),
    register: create({ accept: ["email", "name"], upsert: { identity: "uniqueEmail", fields: ["name"] } }),
    sync: create({ accept: ["email", "name", "balance"], upsert: { identity: "uniqueEmail" } }),
    login: update({ changes: [set("logins", expr`logins + 1`)] }),
    deposit: update({
      arguments: { amount: t.decimal() },
      changes: [
        set(
          "balance",
          expr`if(balance + ^arg(amount) < 0, error("would overdraw the account"), balance + ^arg(amount))`,
        ),
      ],
    }),
    rename: update({ accept: ["name"], changes: [optimisticLock("version")] }),
    archive: destroy({ soft: true, changes: [set("archivedAt", () => new Date())] }),
    purge: destroy({}),
  },
});

const Bank = domain("bank", {
  resources: [Account],
  interface: {
    register: define(Account, "register", { args: ["email", "name"] }),
    sync: define(Account, "sync"),
    login: define(Account, "login"),
    deposit: define(Account, "deposit", { args: ["amount"] }),
    rename: define(Account, "rename", { args: ["name"] }),
    archive: define(Account, "archive"),
    list: define(Account, "read"),
    archivedToo: define(Account, "archived"),
  },
});

/** Upserts, atomic updates, optimistic locking, soft destroys and base filters. */
export function writeScenarios(makeLayer: LayerFactory): void {
  describe("upserts", () => {
    it("inserts, then updates only the chosen fields of the record with the same identity", async () => {
      const app = await createApp({ domains: [Bank], dataLayer: await makeLayer() });
      const first = await app.bank.register("ann@example.test", "Ann");
      const again = await app.bank.register("ANN@example.test", "Ann B");
      expect(again.id).toBe(first.id);
      expect(again.name).toBe("Ann B");
      expect(again.email).toBe("ann@example.test");
      expect(again.insertedAt).toBe(first.insertedAt);
      expect(await app.bank.list()).toHaveLength(1);
    });

    it("by default replaces what the create sets, but never keys or creation timestamps", async () => {
      const app = await createApp({ domains: [Bank], dataLayer: await makeLayer() });
      const a = await app.bank.sync({ email: "bob@example.test", name: "Bob", balance: "10" });
      const b = await app.bank.sync({ email: "bob@example.test", name: "Bobby", balance: "12.5" });
      expect(b).toMatchObject({ id: a.id, name: "Bobby", balance: "12.5", insertedAt: a.insertedAt });
    });

    it("serialises concurrent upserts of one identity into one record", async () => {
      const app = await createApp({ domains: [Bank], dataLayer: await makeLayer() });
      await Promise.all(
        Array.from({ length: 5 }, (_, i) => app.bank.register("cat@example.test", `Cat ${i}`)),
      );
      expect(await app.bank.list()).toHaveLength(1);
    });
  });

  describe("atomic updates", () => {
    it("computes expression changes from the row as written: concurrent updates lose nothing", async () => {
      const app = await createApp({ domains: [Bank], dataLayer: await makeLayer() });
      const acct = await app.bank.register("dan@example.test", "Dan");
      await Promise.all(Array.from({ length: 8 }, () => app.bank.login(acct)));
      const [after] = await app.bank.list();
      expect(after?.logins).toBe(8);
    });

    it("runs error() inside an atomic expression as a validation: nothing is written", async () => {
      const app = await createApp({ domains: [Bank], dataLayer: await makeLayer() });
      const acct = await app.bank.register("eve@example.test", "Eve");
      expect((await app.bank.deposit(acct, "10.10")).balance).toBe("10.1");
      const attempt = await app.bank.deposit.safe(acct, "-20");
      expect(attempt.ok).toBe(false);
      if (!attempt.ok) {
        expect(attempt.error).toBeInstanceOf(InvalidError);
        expect(attempt.error.message).toContain("would overdraw the account");
      }
      expect((await app.bank.list())[0]?.balance).toBe("10.1");
    });
  });

  describe("optimistic locking", () => {
    it("lets the first save win and fails the second, stale one with stale_record", async () => {
      const app = await createApp({ domains: [Bank], dataLayer: await makeLayer() });
      const acct = await app.bank.register("fay@example.test", "Fay");
      const seenByBoth = (await app.bank.list())[0];
      if (!seenByBoth) throw new Error("missing");
      const saved = await app.bank.rename(seenByBoth, "Fay A");
      expect(saved.version).toBe(2);
      const stale = await app.bank.rename.safe(seenByBoth, "Fay B");
      expect(stale.ok).toBe(false);
      if (!stale.ok) expect(stale.error.errors[0]?.code).toBe("stale_record");
      const [now] = await app.bank.list();
      expect(now).toMatchObject({ id: acct.id, name: "Fay A", version: 2 });
      expect((await app.bank.rename(now as typeof saved, "Fay C")).version).toBe(3);
    });
  });

  describe("soft destroy and base filters", () => {
    it("archives instead of deleting; reads hide archived records unless the action opts out", async () => {
      const app = await createApp({ domains: [Bank], dataLayer: await makeLayer() });
      const gil = await app.bank.register("gil@example.test", "Gil");
      await app.bank.register("hal@example.test", "Hal");
      const archived = await app.bank.archive(gil);
      expect(archived.archivedAt).toMatch(/Z$/);
      expect((await app.bank.list()).map((a) => a.name)).toEqual(["Hal"]);
      expect((await app.bank.archivedToo({ sort: ["name"] })).map((a) => a.name)).toEqual(["Gil", "Hal"]);
      const again = await app.bank.archive.safe(gil.id);
      expect(again.ok).toBe(false);
      if (!again.ok) expect(again.error.errors[0]?.code).toBe("not_found");
    });
  });
}
