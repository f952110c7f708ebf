import {
  compare,
  confirm,
  create,
  createApp,
  domain,
  InvalidError,
  memory,
  numericality,
  present,
  read,
  resource,
  set,
  stringLength,
  t,
  update,
} from "@ashlar/core";
import { beforeEach, describe, expect, it } from "vitest";
import { invalidFrom } from "./support.js";

/** compare and numericality (bounds, the attribute type's order, exact decimals); confirm and argument validations. */

const Booking = resource("booking", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    guests: t.integer().optional(),
    price: t.decimal().optional(),
    deposit: t.decimal().optional(),
    startsOn: t.date().optional(),
    endsOn: t.date().optional(),
    tier: t.enum(["bronze", "silver", "gold"]).optional(),
    ratio: t.float().optional(),
    amount: t.string().optional(),
    pin: t.string().optional(),
  },
  actions: {
    read: read({ primary: true }),
    party: create({
      accept: ["guests"],
      validations: [compare("guests", { greaterThan: 0, lessThanOrEqual: 8 })],
    }),
    window: create({
      accept: ["guests"],
      validations: [compare("guests", { greaterThanOrEqual: 2, lessThan: 4 })],
    }),
    pair: create({ accept: ["guests"], validations: [compare("guests", { equal: 2 })] }),
    notThree: create({ accept: ["guests"], validations: [compare("guests", { notEqual: 3 })] }),
    stay: create({
      accept: ["startsOn", "endsOn"],
      validations: [compare("endsOn", { greaterThan: (cs) => cs.get("startsOn") })],
    }),
    summer: create({
      accept: ["startsOn"],
      validations: [
        compare("startsOn", { greaterThanOrEqual: new Date("2026-06-01T00:00:00Z"), lessThan: "2026-09-01" }),
      ],
    }),
    priced: create({
      accept: ["price", "deposit"],
      validations: [
        compare("price", { greaterThan: "9.5" }),
        compare("deposit", { lessThanOrEqual: (cs) => cs.get("price") }),
      ],
    }),
    free: create({ accept: ["price"], validations: [compare("price", { greaterThanOrEqual: 0 })] }),
    premium: create({ accept: ["tier"], validations: [compare("tier", { greaterThanOrEqual: "silver" })] }),
    nights: create({
      arguments: { nights: t.integer() },
      changes: [set("guests", 1)],
      validations: [compare("nights", { lessThanOrEqual: 14 })],
    }),
    counted: create({
      accept: ["guests"],
      validations: [numericality("guests", { greaterThanOrEqual: 1, lessThan: 10 })],
    }),
    amount: create({
      accept: ["amount"],
      validations: [numericality("amount", { greaterThan: "0", lessThanOrEqual: "0.3" })],
    }),
    exact: create({
      accept: ["price"],
      validations: [
        numericality("price", {
          greaterThan: "0.29999999999999999",
          lessThanOrEqual: "12345678901234567890.5",
        }),
      ],
    }),
    ratio: create({ accept: ["ratio"], validations: [numericality("ratio", { lessThanOrEqual: 0.3 })] }),
    setPin: update({
      arguments: { newPin: t.string().sensitive() },
      changes: [set("pin", (cs) => cs.getArgument("newPin"))],
      validations: [numericality("newPin", { greaterThanOrEqual: 1000 })],
    }),
  },
});

const Account = resource("account", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    login: t.string(),
    passwordHash: t.string().sensitive().public(false),
  },
  actions: {
    read: read({ primary: true }),
    register: create({
      accept: ["login"],
      arguments: { password: t.string().sensitive(), passwordConfirmation: t.string().sensitive() },
      changes: [set("passwordHash", (cs) => `hashed/${String(cs.getArgument("password")).length}`)],
      validations: [stringLength("password", { min: 8 }), confirm("password", "passwordConfirmation")],
    }),
    invite: create({
      accept: ["login"],
      arguments: { inviteCode: t.string().optional(), referrer: t.string().optional() },
      changes: [set("passwordHash", "none")],
      validations: [
        present(["inviteCode", "referrer"], { atLeast: 1 }).message("needs an invite code or a referrer"),
      ],
    }),
  },
});

const Hotel = domain("hotel", { resources: [Booking, Account] });
const makeApp = () => createApp({ domains: [Hotel], dataLayer: memory() });
let app: Awaited<ReturnType<typeof makeApp>>;
beforeEach(async () => {
  app = await makeApp();
});

const add = (action: string, input: Record<string, unknown> = {}) =>
  app.engine.create(Booking, action, input);
const bookings = () => app.engine.read(Booking, "read");

const leaf = (code: string, field: string | undefined, message: string) => ({ code, field, message });

/** Runs `action` with each input and answers which were accepted, then checks only those were written. */
async function accepted(action: string, field: string, values: readonly unknown[]): Promise<unknown[]> {
  const ok: unknown[] = [];
  for (const value of values) {
    const r = await add(action, { [field]: value }).then(
      () => true,
      (e: unknown) => {
        expect(e).toBeInstanceOf(InvalidError);
        return false;
      },
    );
    if (r) ok.push(value);
  }
  expect(await bookings()).toHaveLength(ok.length);
  return ok;
}

describe("compare", () => {
  it("greaterThan / lessThanOrEqual on integers, with code, field, message and value", async () => {
    expect(await accepted("party", "guests", [0, 1, 8, 9])).toEqual([1, 8]);
    const low = await invalidFrom(add("party", { guests: 0 }));
    expect(low.errors).toMatchObject([
      { code: "compare", field: "guests", message: "must be greater than 0" },
    ]);
    expect(low.errors[0]?.value).toBe(0);
    const high = await invalidFrom(add("party", { guests: 9 }));
    expect(high.errors).toMatchObject([
      { code: "compare", field: "guests", message: "must be less than or equal to 8" },
    ]);
  });

  it("greaterThanOrEqual / lessThan / equal / notEqual", async () => {
    expect(await accepted("window", "guests", [1, 2, 3, 4])).toEqual([2, 3]);
    app = await makeApp();
    expect(await accepted("pair", "guests", [1, 2, 3])).toEqual([2]);
    app = await makeApp();
    expect(await accepted("notThree", "guests", [2, 3, 4])).toEqual([2, 4]);
    const error = await invalidFrom(add("notThree", { guests: 3 }));
    expect(error.errors[0]?.message).toBe("must be not equal to 3");
  });

  it("does not check nil values", async () => {
    await add("party", {});
    await add("stay", { endsOn: "2026-01-01" });
    expect(await bookings()).toHaveLength(2);
  });

  it("takes a function of the changeset as a bound (nil bound not checked)", async () => {
    await add("stay", { startsOn: "2026-05-10", endsOn: "2026-05-11" });
    for (const endsOn of ["2026-05-10", "2026-05-09", "2025-12-31"]) {
      const error = await invalidFrom(add("stay", { startsOn: "2026-05-10", endsOn }));
      expect(error.errors).toMatchObject([
        { code: "compare", field: "endsOn", message: "must be greater than 2026-05-10" },
      ]);
    }
    expect(await bookings()).toHaveLength(1);
  });

  it("compares dates with bounds given as strings or Date objects", async () => {
    expect(
      await accepted("summer", "startsOn", ["2026-05-31", "2026-06-01", "2026-08-31", "2026-09-01"]),
    ).toEqual(["2026-06-01", "2026-08-31"]);
    const early = await invalidFrom(add("summer", { startsOn: "2026-05-31" }));
    expect(early.errors[0]?.message).toBe("must be greater than or equal to 2026-06-01");
  });

  it("compares decimals exactly and numerically, not as text", async () => {
    // as text "10" < "9.5" and "100" < "9.5"; as decimals they are greater
    expect(await accepted("priced", "price", ["9.49", "9.50", "9.51", "10", "100"])).toEqual([
      "9.51",
      "10",
      "100",
    ]);
    await add("priced", { price: "100", deposit: "20" });
    await add("priced", { price: "100", deposit: "100.00" });
    const error = await invalidFrom(add("priced", { price: "100", deposit: "100.01" }));
    expect(error.errors).toMatchObject([
      { code: "compare", field: "deposit", message: "must be less than or equal to 100" },
    ]);
    expect(await bookings()).toHaveLength(5);
  });

  it("accepts a numeric bound for a decimal attribute", async () => {
    expect(await accepted("free", "price", ["-0.01", "0", "12.5"])).toEqual(["0", "12.5"]);
    const error = await invalidFrom(add("free", { price: "-0.01" }));
    expect(error.errors).toMatchObject([
      { code: "compare", field: "price", message: "must be greater than or equal to 0" },
    ]);
  });

  it("compares enums in their declared order", async () => {
    // as text "gold" < "silver"; declared, gold comes after silver
    expect(await accepted("premium", "tier", ["bronze", "silver", "gold"])).toEqual(["silver", "gold"]);
  });

  it("applies to arguments, with the argument's type", async () => {
    await add("nights", { nights: 14 });
    const error = await invalidFrom(add("nights", { nights: 15 }));
    expect(error.errors).toMatchObject([
      { code: "compare", field: "nights", message: "must be less than or equal to 14" },
    ]);
    expect(await bookings()).toHaveLength(1);
  });

  it("describes itself", () => {
    expect(compare("guests", { greaterThan: 0, lessThanOrEqual: 8 }).describe()).toBe(
      "guests must be greater than 0 and less than or equal to 8",
    );
    expect(compare("endsOn", { greaterThan: () => "x" }).describe()).toBe(
      "endsOn must be greater than a computed value",
    );
  });
});

describe("numericality", () => {
  it("integers within bounds, with code, field, message and value", async () => {
    expect(await accepted("counted", "guests", [0, 1, 9, 10])).toEqual([1, 9]);
    const low = await invalidFrom(add("counted", { guests: 0 }));
    expect(low.errors).toMatchObject([
      { code: "numericality", field: "guests", message: "must be greater than or equal to 1" },
    ]);
    expect(low.errors[0]?.value).toBe(0);
    const high = await invalidFrom(add("counted", { guests: 10 }));
    expect(high.errors[0]?.message).toBe("must be less than 10");
  });

  it("decimal strings: not-a-number is an error; nil is not checked", async () => {
    await add("amount", { amount: "0.25" });
    await add("amount", {});
    for (const amount of ["abc", "1e-3", "0x10", "1.2.3"]) {
      const error = await invalidFrom(add("amount", { amount }));
      expect(error.errors).toMatchObject([
        { code: "not_a_number", field: "amount", message: "must be a number" },
      ]);
    }
    expect(await bookings()).toHaveLength(2);
  });

  it("compares exactly where floating point cannot", async () => {
    // 0.30000000000000001 and 0.3 are the same double; as decimals the first is greater
    expect(await accepted("amount", "amount", ["0", "0.3", "0.300", "0.30000000000000001"])).toEqual([
      "0.3",
      "0.300",
    ]);
    app = await makeApp();
    // 0.29999999999999999 and 0.3 are the same double too
    expect(
      await accepted("exact", "price", [
        "0.29999999999999999",
        "0.3",
        "12345678901234567890.5",
        "12345678901234567890.6",
      ]),
    ).toEqual(["0.3", "12345678901234567890.5"]);
  });

  it("a float that is not exactly its decimal look-alike fails (0.1 + 0.2 > 0.3)", async () => {
    expect(await accepted("ratio", "ratio", [0.3, 0.1 + 0.2])).toEqual([0.3]);
    const error = await invalidFrom(add("ratio", { ratio: 0.1 + 0.2 }));
    expect(error.errors[0]?.message).toBe("must be less than or equal to 0.3");
  });

  it("does not expose the value of a sensitive argument", async () => {
    const booking = await add("counted", { guests: 2 });
    const error = await invalidFrom(app.engine.update(Booking, "setPin", booking, { newPin: "0042" }));
    expect(error.errors).toMatchObject([
      { code: "numericality", field: "newPin", message: "must be greater than or equal to 1000" },
    ]);
    expect(error.errors[0]?.value).toBeUndefined();
    expect((await bookings())[0]?.pin ?? null).toBeNull();
    expect((await app.engine.update(Booking, "setPin", booking, { newPin: "1234" })).pin).toBe("1234");
  });

  it("describes itself", () => {
    expect(numericality("guests", { greaterThanOrEqual: 1, lessThan: 10 }).describe()).toBe(
      "guests must be a number greater than or equal to 1 and less than 10",
    );
  });
});

describe("confirm, on sensitive arguments", () => {
  it("passes when the two match", async () => {
    const input = { login: "ann", password: "correct horse", passwordConfirmation: "correct horse" };
    const account = await app.engine.create(Account, "register", input);
    expect(account.passwordHash).toBe("hashed/13");
  });

  it("fails on the confirmation field without revealing either value; nothing is written", async () => {
    const input = { login: "ann", password: "correct horse", passwordConfirmation: "battery staple" };
    const error = await invalidFrom(app.engine.create(Account, "register", input));
    expect(error.errors).toMatchObject([
      leaf("confirmation", "passwordConfirmation", "does not match password"),
    ]);
    expect(error.errors[0]?.value).toBeUndefined();
    const everything = `${error.message} ${JSON.stringify(error)} ${error.errors.map(String).join(" ")}`;
    expect(everything).not.toContain("correct horse");
    expect(everything).not.toContain("battery staple");
    expect(await app.engine.read(Account, "read")).toEqual([]);
  });

  it("other validations apply to arguments too", async () => {
    const input = { login: "ann", password: "short", passwordConfirmation: "short" };
    const error = await invalidFrom(app.engine.create(Account, "register", input));
    expect(error.errors).toMatchObject([leaf("length", "password", "must be at least 8 characters long")]);
    const invite = await invalidFrom(app.engine.create(Account, "invite", { login: "bob" }));
    expect(invite.errors).toMatchObject([
      leaf("present", "inviteCode", "needs an invite code or a referrer"),
    ]);
    await app.engine.create(Account, "invite", { login: "bob", referrer: "ann" });
    expect(await app.engine.read(Account, "read")).toHaveLength(1);
  });
});
