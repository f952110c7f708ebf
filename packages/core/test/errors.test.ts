import {
  AshlarError,
  change,
  create,
  createApp,
  defaults,
  domain,
  ForbiddenError,
  FrameworkError,
  forbidden,
  frameworkError,
  InvalidError,
  invalid,
  LeafError,
  memory,
  notFound,
  numericality,
  oneOf,
  resource,
  t,
  toAshlarError,
  UnknownError,
} from "@ashlar/core";
import { describe, expect, it } from "vitest";

const invalidError = () =>
  new InvalidError([invalid({ code: "required", field: "subject", message: "is required" })]);

describe("toAshlarError", () => {
  it("picks the worst class: Forbidden > Invalid > Framework > Unknown", () => {
    const plain = new Error("boom");
    const fw = frameworkError("misconfigured");
    const inv = invalidError();
    const forb = forbidden("ticket.open", "not yours");
    expect(toAshlarError(plain)).toBeInstanceOf(UnknownError);
    expect(toAshlarError(plain, fw)).toBeInstanceOf(FrameworkError);
    expect(toAshlarError(fw, inv, plain)).toBeInstanceOf(InvalidError);
    expect(toAshlarError(plain, inv, forb, fw)).toBeInstanceOf(ForbiddenError);
    expect(toAshlarError(inv, forb).class).toBe("forbidden");
    expect(toAshlarError(fw, plain).class).toBe("framework");
  });

  it("keeps every leaf error, in order, and leaves a single class error as it is", () => {
    const inv = new InvalidError([
      invalid({ code: "required", field: "a", message: "is required" }),
      invalid({ code: "too_large", field: "b", message: "is too large" }),
    ]);
    const forb = forbidden("ticket.open", "not yours");
    const combined = toAshlarError(inv, new Error("boom"), forb);
    expect(combined.errors.map((e) => e.code)).toEqual(["required", "too_large", "unknown", "forbidden"]);
    expect(combined.errors.map((e) => e.class)).toEqual(["invalid", "invalid", "unknown", "forbidden"]);
    expect(toAshlarError(inv)).toBe(inv);
    const leaf = invalid({ code: "x", message: "bad" });
    expect(toAshlarError(leaf).errors).toEqual([leaf]);
    expect(toAshlarError(leaf)).toBeInstanceOf(InvalidError);
  });

  it("wraps thrown plain Errors (and non-errors) as Unknown, keeping the cause", () => {
    const boom = new TypeError("x is not a function");
    const wrapped = toAshlarError(boom);
    expect(wrapped).toBeInstanceOf(UnknownError);
    expect(wrapped).toBeInstanceOf(AshlarError);
    expect(wrapped.errors).toHaveLength(1);
    expect(wrapped.errors[0]).toMatchObject({
      code: "unknown",
      class: "unknown",
      message: "x is not a function",
    });
    expect(wrapped.errors[0]?.cause).toBe(boom);
    expect(wrapped.message).toContain("x is not a function");
    const thrownString = toAshlarError("just a string");
    expect(thrownString).toBeInstanceOf(UnknownError);
    expect(thrownString.errors[0]?.message).toBe("just a string");
  });

  it("a plain Error thrown by a change reaches the caller as UnknownError", async () => {
    const Thing = resource("thing", {
      attributes: { id: t.uuidv7().primaryKey() },
      actions: {
        make: create({
          changes: [
            change({
              describe: () => "fails",
              change: () => {
                throw new Error("disk on fire");
              },
            }),
          ],
        }),
      },
    });
    const app = await createApp({ domains: [domain("d", { resources: [Thing] })], dataLayer: memory() });
    const error = await app.engine.create(Thing, "make").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownError);
    expect((error as UnknownError).errors[0]?.message).toBe("disk on fire");
  });
});

describe("leaf errors", () => {
  it('read as "source: field message"', () => {
    const leaf = invalid({
      code: "required",
      field: "subject",
      message: "is required",
      source: "ticket.open",
    });
    expect(leaf.toString()).toBe("ticket.open: subject is required");
    expect(String(invalid({ code: "x", message: "went wrong" }))).toBe("went wrong");
    const nested = invalid({ code: "required", field: "stops", path: [0, "city"], message: "is required" });
    expect(nested.toString()).toBe("stops.0.city is required");
    expect(new LeafError({ code: "c", message: "m" }).class).toBe("invalid");
  });

  it("the engine's errors carry their source, so they read the same way", async () => {
    const Ticket = resource("ticket", {
      attributes: { id: t.uuidv7().primaryKey(), subject: t.string() },
      actions: { open: create({ accept: ["subject"] }) },
    });
    const app = await createApp({ domains: [domain("d", { resources: [Ticket] })], dataLayer: memory() });
    const error = (await app.engine.create(Ticket, "open", {}).catch((e: unknown) => e)) as InvalidError;
    expect(error).toBeInstanceOf(InvalidError);
    expect(error.errors.map(String)).toEqual(["ticket.open: subject is required"]);
    expect(error.message).toBe("ticket.open: subject is required");
  });

  it("notFound and forbidden build class errors with one leaf", () => {
    const nf = notFound("ticket.read", "ticket 42");
    expect(nf).toBeInstanceOf(InvalidError);
    expect(nf.errors[0]).toMatchObject({ code: "not_found", source: "ticket.read" });
    expect(nf.message).toBe("ticket.read: ticket 42 was not found");
    expect(forbidden("ticket.open", "no").errors[0]?.class).toBe("forbidden");
  });
});

/** Every key anywhere inside a JSON value. */
const keysDeep = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(keysDeep)
    : value !== null && typeof value === "object"
      ? Object.entries(value).flatMap(([k, v]) => [k, ...keysDeep(v)])
      : [];

describe("toJSON", () => {
  it("has a stable shape and never contains a stack", () => {
    const error = toAshlarError(
      invalid({
        code: "required",
        field: "subject",
        message: "is required",
        source: "ticket.open",
        value: "v",
      }),
      new Error("boom"),
    );
    const json = JSON.parse(JSON.stringify(error)) as unknown;
    expect(json).toEqual({
      class: "invalid",
      message: "ticket.open: subject is required\nboom",
      errors: [
        {
          code: "required",
          class: "invalid",
          message: "is required",
          field: "subject",
          source: "ticket.open",
        },
        { code: "unknown", class: "unknown", message: "boom" },
      ],
    });
    expect(keysDeep(json)).not.toContain("stack");
    expect(keysDeep(json)).not.toContain("cause");
    expect(keysDeep(JSON.parse(JSON.stringify(frameworkError("x"))))).not.toContain("stack");
  });
});

describe("sensitive values", () => {
  const Account = resource("account", {
    attributes: {
      id: t.uuidv7().primaryKey(),
      name: t.string({ max: 5 }),
      pin: t.string({ min: 4, max: 4 }).sensitive(),
      level: t.integer().sensitive(),
      tier: t.string().sensitive(),
    },
    actions: {
      ...defaults("read"),
      open: create({
        accept: ["name", "pin", "level", "tier"],
        arguments: { secretCode: t.integer().sensitive() },
        validations: [numericality("level", { lessThan: 10 }), oneOf("tier", ["gold", "silver"])],
      }),
    },
  });
  const makeApp = () =>
    createApp({ domains: [domain("bank", { resources: [Account] })], dataLayer: memory() });
  const errorOf = async (input: Record<string, unknown>) => {
    const app = await makeApp();
    const error = await app.engine.create(Account, "open", input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidError);
    return error as InvalidError;
  };
  const valid = { name: "ann", pin: "1234", level: 1, tier: "gold", secretCode: 7 };

  it("non-sensitive values do appear in cast errors (the control case)", async () => {
    const error = await errorOf({ ...valid, name: "much too long" });
    expect(error.errors[0]).toMatchObject({ field: "name", value: "much too long" });
  });

  it("never appear in cast errors of attributes or arguments", async () => {
    const error = await errorOf({ ...valid, pin: "98", secretCode: "not-a-number" });
    expect(error.errors.map((e) => e.field).sort()).toEqual(["pin", "secretCode"]);
    for (const leaf of error.errors) {
      expect(leaf.value).toBeUndefined();
      expect(leaf.message).not.toContain("98");
      expect(leaf.message).not.toContain("not-a-number");
    }
    expect(JSON.stringify(error)).not.toMatch(/"98"|not-a-number/);
  });

  it("never appear in validation errors", async () => {
    const error = await errorOf({ ...valid, level: 4242, tier: "platinum" });
    expect(error.errors.map((e) => e.field).sort()).toEqual(["level", "tier"]);
    for (const leaf of error.errors) expect(leaf.value).toBeUndefined();
    expect(error.message).not.toMatch(/4242|platinum/);
  });
});
