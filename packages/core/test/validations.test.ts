import {
  absent,
  attributeEquals,
  changing,
  confirm,
  create,
  createApp,
  destroy,
  domain,
  match,
  memory,
  oneOf,
  present,
  read,
  resource,
  stringLength,
  t,
  update,
  validation,
} from "@ashlar/core";
import { beforeEach, describe, expect, it } from "vitest";
import { invalidFrom } from "./support.js";

/**
 * Built-in validations, custom ones and validation options. compare, numericality, confirm and validations
 * of (sensitive) arguments are in validations-compare.test.ts.
 */

const channels = ["email", "phone", "fax"] as const;

const fromExampleTest = validation({
  describe: () => "email must be an example.test address",
  validate: async (cs) => {
    const email = cs.get("email");
    return typeof email === "string" && !email.endsWith("@example.test")
      ? { field: "email", message: "must be an example.test address", value: email }
      : undefined;
  },
});

const nameIsNotEmail = validation({
  name: "nameIsNotEmail",
  describe: () => "name and email differ",
  validate: (cs) =>
    cs.get("name") !== undefined && cs.get("name") === cs.get("email")
      ? [
          { field: "name", code: "clash", message: "must differ from the email" },
          { message: "looks like a bot" },
        ]
      : [],
});

const Contact = resource("contact", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    name: t.string().optional(),
    email: t.string().optional(),
    phone: t.string().optional(),
    fax: t.string().optional(),
    tags: t.array(t.string()).optional(),
    slug: t.string().optional(),
    pin: t.string().optional(),
    currency: t.string().optional(),
    status: t.enum(["active", "archived"]).default("active"),
  },
  actions: {
    read: read({ primary: true }),
    seed: create({ accept: "*" }),
    needName: create({ accept: ["name"], validations: [present("name")] }),
    needBoth: create({ accept: ["name", "email"], validations: [present(["name", "email"])] }),
    reachable: create({ accept: channels, validations: [present(channels, { atLeast: 1 })] }),
    oneChannel: create({ accept: channels, validations: [present(channels, { atMost: 1 })] }),
    twoChannels: create({ accept: channels, validations: [present(channels, { exactly: 2 })] }),
    tagged: create({ accept: ["tags"], validations: [present("tags")] }),
    rename: update({ accept: ["name"], validations: [present("name")] }),
    noEmail: create({ accept: ["name", "email"], validations: [absent("email")] }),
    sparse: create({ accept: channels, validations: [absent(channels, { atLeast: 2 })] }),
    withSlug: create({ accept: ["slug"], validations: [match("slug", /^[a-z0-9-]+$/g)] }),
    withPin: create({
      accept: ["pin"],
      validations: [match("pin", /^\d+$/, "must contain digits only"), stringLength("pin", { exact: 4 })],
    }),
    withCurrency: create({ accept: ["currency"], validations: [oneOf("currency", ["EUR", "USD"])] }),
    withName: create({ accept: ["name"], validations: [stringLength("name", { min: 2, max: 5 })] }),
    setStatus: update({ accept: ["status"], validations: [changing("status")] }),
    purge: destroy({ validations: [attributeEquals("status", "archived")] }),
    custom: create({ accept: ["name", "email"], validations: [fromExampleTest, nameIsNotEmail] }),
    politely: create({
      accept: ["name"],
      validations: [present("name").message("please tell us your name")],
    }),
    signup: create({
      accept: ["email", "status"],
      validations: [present("email").where(attributeEquals("status", "active"))],
    }),
    strict: create({
      accept: ["name", "email"],
      validations: [present("name"), present("email").onlyWhenValid()],
    }),
  },
});

const Ledger = resource("ledger", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    title: t.string(),
    note: t.string().optional(),
    locked: t.boolean().default(false),
  },
  validations: [
    changing("title"),
    present("note").on("update"),
    attributeEquals("locked", false).on("destroy"),
  ],
  actions: {
    read: read({ primary: true }),
    create: create({ accept: ["title", "locked"], validations: [stringLength("title", { max: 10 })] }),
    update: update({ accept: ["title", "note"], validations: [stringLength("title", { max: 10 })] }),
    destroy: destroy({}),
  },
});

const Crm = domain("crm", { resources: [Contact, Ledger] });
const makeApp = () => createApp({ domains: [Crm], dataLayer: memory() });
let app: Awaited<ReturnType<typeof makeApp>>;
beforeEach(async () => {
  app = await makeApp();
});

type Row = Record<string, unknown>;
const add = (action: string, input: Row = {}) => app.engine.create(Contact, action, input);
const contacts = () => app.engine.read(Contact, "read");

const leaf = (code: string, field: string | undefined, message: string) => ({ code, field, message });

describe("present", () => {
  it("a single field: passes with a value, fails without one; nothing is written", async () => {
    expect((await add("needName", { name: "Ann" })).name).toBe("Ann");
    const error = await invalidFrom(add("needName", {}));
    expect(error.errors).toMatchObject([leaf("required", "name", "must be present")]);
    expect(error.errors[0]?.source).toBe("contact.needName");
    // an empty string casts to nil
    await invalidFrom(add("needName", { name: "   " }));
    expect(await contacts()).toHaveLength(1);
  });

  it("a list without counts: one error per missing field", async () => {
    const error = await invalidFrom(add("needBoth", {}));
    expect(error.errors).toMatchObject([
      leaf("required", "name", "must be present"),
      leaf("required", "email", "must be present"),
    ]);
    const one = await invalidFrom(add("needBoth", { name: "Ann" }));
    expect(one.errors.map((e) => e.field)).toEqual(["email"]);
    expect(await contacts()).toEqual([]);
  });

  it("atLeast / atMost / exactly count the fields with values", async () => {
    await add("reachable", { phone: "1" });
    expect((await invalidFrom(add("reachable", {}))).errors).toMatchObject([
      leaf("present", "email", "at least 1 of email, phone, fax must be present"),
    ]);
    await add("oneChannel", {});
    await add("oneChannel", { fax: "2" });
    expect((await invalidFrom(add("oneChannel", { email: "a@b", fax: "2" }))).errors).toMatchObject([
      leaf("present", "email", "at most 1 of email, phone, fax must be present"),
    ]);
    await add("twoChannels", { email: "a@b", phone: "1" });
    for (const input of [{ email: "a@b" }, { email: "a@b", phone: "1", fax: "2" }]) {
      expect((await invalidFrom(add("twoChannels", input))).errors).toMatchObject([
        leaf("present", "email", "exactly 2 of email, phone, fax must be present"),
      ]);
    }
    expect(await contacts()).toHaveLength(4);
  });

  it("an empty list is not present", async () => {
    await add("tagged", { tags: ["vip"] });
    expect((await invalidFrom(add("tagged", { tags: [] }))).errors[0]).toMatchObject({ field: "tags" });
    expect(await contacts()).toHaveLength(1);
  });

  it("on update, checks the value the record will have", async () => {
    const ann = await add("seed", { name: "Ann" });
    expect((await app.engine.update(Contact, "rename", ann, {})).name).toBe("Ann");
    const error = await invalidFrom(app.engine.update(Contact, "rename", ann, { name: "" }));
    expect(error.errors).toMatchObject([leaf("required", "name", "must be present")]);
    expect((await contacts())[0]?.name).toBe("Ann");
  });
});

describe("absent", () => {
  it("a single field must have no value", async () => {
    await add("noEmail", { name: "Ann" });
    const error = await invalidFrom(add("noEmail", { name: "Bob", email: "b@example.test" }));
    expect(error.errors).toMatchObject([leaf("absent", "email", "must be absent")]);
    expect((await contacts()).map((c) => c.name)).toEqual(["Ann"]);
  });

  it("with atLeast: that many fields must have no value", async () => {
    await add("sparse", { email: "a@b" });
    const error = await invalidFrom(add("sparse", { email: "a@b", phone: "1" }));
    expect(error.errors).toMatchObject([
      leaf("absent", "email", "at least 2 of email, phone, fax must be absent"),
    ]);
    expect(await contacts()).toHaveLength(1);
  });
});

describe("match", () => {
  it("checks the pattern (a global flag does not make repeated checks flip), nil is not checked", async () => {
    await add("withSlug", { slug: "hello-world" });
    await add("withSlug", { slug: "hello-world" });
    await add("withSlug", {});
    const error = await invalidFrom(add("withSlug", { slug: "Hello World" }));
    expect(error.errors).toMatchObject([leaf("invalid_format", "slug", "must match /^[a-z0-9-]+$/g")]);
    expect(await contacts()).toHaveLength(3);
  });

  it("uses the given message", async () => {
    const error = await invalidFrom(add("withPin", { pin: "12a4" }));
    expect(error.errors).toMatchObject([leaf("invalid_format", "pin", "must contain digits only")]);
  });
});

describe("oneOf", () => {
  it("accepts listed values and nil, rejects others with the value", async () => {
    await add("withCurrency", { currency: "EUR" });
    await add("withCurrency", {});
    const error = await invalidFrom(add("withCurrency", { currency: "GBP" }));
    expect(error.errors).toMatchObject([leaf("inclusion", "currency", 'must be one of "EUR", "USD"')]);
    expect(error.errors[0]?.value).toBe("GBP");
    expect(await contacts()).toHaveLength(2);
  });
});

describe("stringLength", () => {
  it("min and max", async () => {
    await add("withName", { name: "Al" });
    await add("withName", { name: "Alice" });
    for (const name of ["A", "Alicia"]) {
      const error = await invalidFrom(add("withName", { name }));
      expect(error.errors).toMatchObject([
        leaf("length", "name", "must be at least 2 and at most 5 characters long"),
      ]);
    }
    expect(await contacts()).toHaveLength(2);
  });

  it("exact", async () => {
    await add("withPin", { pin: "0042" });
    for (const pin of ["042", "00420"]) {
      expect((await invalidFrom(add("withPin", { pin }))).errors).toMatchObject([
        leaf("length", "pin", "must be exactly 4 characters long"),
      ]);
    }
  });

  it("counts characters, not UTF-16 units or bytes", async () => {
    const five = "😀🎉é中😀";
    expect(five.length).toBeGreaterThan(5);
    expect((await add("withName", { name: five })).name).toBe(five);
    const error = await invalidFrom(add("withName", { name: `${five}😀` }));
    expect(error.errors[0]?.code).toBe("length");
    expect(await contacts()).toHaveLength(1);
  });
});

describe("changing and attributeEquals", () => {
  it("changing: an update must change the attribute", async () => {
    const ann = await add("seed", { name: "Ann" });
    const archived = await app.engine.update(Contact, "setStatus", ann, { status: "archived" });
    expect(archived.status).toBe("archived");
    for (const input of [{ status: "archived" }, {}]) {
      const error = await invalidFrom(app.engine.update(Contact, "setStatus", archived, input));
      expect(error.errors).toMatchObject([leaf("not_changing", "status", "must be changing")]);
    }
  });

  it("attributeEquals: destroy only archived contacts", async () => {
    const ann = await add("seed", { name: "Ann" });
    const error = await invalidFrom(app.engine.destroy(Contact, "purge", ann));
    expect(error.errors).toMatchObject([leaf("not_equal", "status", 'must equal "archived"')]);
    expect(await contacts()).toHaveLength(1);
    const bob = await add("seed", { name: "Bob", status: "archived" });
    await app.engine.destroy(Contact, "purge", bob);
    expect((await contacts()).map((c) => c.name)).toEqual(["Ann"]);
  });
});

describe("custom validation", () => {
  it("may be async, report a value, several problems, and problems without field or code", async () => {
    await add("custom", { name: "Ann", email: "ann@example.test" });
    const one = await invalidFrom(add("custom", { email: "ann@elsewhere.test" }));
    expect(one.errors).toMatchObject([leaf("invalid", "email", "must be an example.test address")]);
    expect(one.errors[0]?.value).toBe("ann@elsewhere.test");
    const both = await invalidFrom(add("custom", { name: "x@example.test", email: "x@example.test" }));
    expect(both.errors).toMatchObject([
      leaf("clash", "name", "must differ from the email"),
      leaf("invalid", undefined, "looks like a bot"),
    ]);
    expect(both.message).toBe(
      "contact.custom: name must differ from the email\ncontact.custom: looks like a bot",
    );
    expect(await contacts()).toHaveLength(1);
  });

  it("describes itself", () => {
    expect(fromExampleTest.describe()).toBe("email must be an example.test address");
    expect(fromExampleTest.impl.name).toBe("custom");
    expect(nameIsNotEmail.impl.name).toBe("nameIsNotEmail");
    expect(present(["a", "b"], { atLeast: 1 }).describe()).toBe("at least 1 of a, b must be present");
    expect(stringLength("pin", { exact: 4 }).describe()).toBe("pin must be exactly 4 characters long");
    expect(confirm("password", "again").describe()).toBe("again must match password");
  });
});

describe("validation options", () => {
  it(".message replaces the message, keeps the code and field", async () => {
    const error = await invalidFrom(add("politely", {}));
    expect(error.errors).toMatchObject([leaf("required", "name", "please tell us your name")]);
  });

  it(".where applies the validation only when its conditions pass", async () => {
    await add("signup", { status: "archived" });
    const error = await invalidFrom(add("signup", { status: "active" }));
    expect(error.errors).toMatchObject([leaf("required", "email", "must be present")]);
    await invalidFrom(add("signup", {}));
    expect(await contacts()).toHaveLength(1);
  });

  it(".onlyWhenValid skips the validation once there are errors", async () => {
    expect((await invalidFrom(add("strict", {}))).errors.map((e) => e.field)).toEqual(["name"]);
    expect((await invalidFrom(add("strict", { name: "Ann" }))).errors.map((e) => e.field)).toEqual(["email"]);
    expect((await invalidFrom(add("needBoth", {}))).errors).toHaveLength(2);
  });

  it("resource-level: default on create and update, .on(...) narrows; action validations come first", async () => {
    const ledgers = () => app.engine.read(Ledger, "read");
    const q1 = await app.engine.create(Ledger, "create", { title: "Q1" });
    const tooLong = await invalidFrom(app.engine.create(Ledger, "create", { title: "Quarter one" }));
    expect(tooLong.errors).toMatchObject([leaf("length", "title", "must be at most 10 characters long")]);
    const update = await invalidFrom(app.engine.update(Ledger, "update", q1, { title: "Quarter one" }));
    expect(update.errors).toMatchObject([
      leaf("length", "title", "must be at most 10 characters long"),
      leaf("required", "note", "must be present"),
    ]);
    const same = await invalidFrom(app.engine.update(Ledger, "update", q1, { title: "Q1", note: "n" }));
    expect(same.errors).toMatchObject([leaf("not_changing", "title", "must be changing")]);
    expect(await ledgers()).toMatchObject([{ title: "Q1" }]);
    await app.engine.update(Ledger, "update", q1, { title: "Q1 final", note: "n" });
    const locked = await app.engine.create(Ledger, "create", { title: "Q2", locked: true });
    const error = await invalidFrom(app.engine.destroy(Ledger, "destroy", locked));
    expect(error.errors).toMatchObject([leaf("not_equal", "locked", "must equal false")]);
    // changing("title") would fail on a destroy, had it run
    await app.engine.destroy(Ledger, "destroy", q1.id as string);
    expect((await ledgers()).map((l) => l.title)).toEqual(["Q2"]);
  });
});
