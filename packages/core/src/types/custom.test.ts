import type { StandardSchemaV1 } from "@standard-schema/spec";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { customType } from "./custom.js";

describe("custom with zod", () => {
  it("answers the schema's output synchronously", () => {
    const type = customType(z.object({ name: z.string(), age: z.number().int() }));
    const r = type.cast({ name: "Ann", age: 41 });
    expect(r).not.toBeInstanceOf(Promise);
    expect(r).toEqual({ ok: true, value: { name: "Ann", age: 41 } });
  });

  it("stores the transformed output, not the input", () => {
    const type = customType(z.string().transform((s) => s.trim().toUpperCase()));
    expect(type.cast("  abc ")).toEqual({ ok: true, value: "ABC" });
    const coerced = customType(z.coerce.number().int().positive());
    expect(coerced.cast("12")).toEqual({ ok: true, value: 12 });
  });

  it("strips unknown keys as zod does", () => {
    expect(customType(z.object({ a: z.number() })).cast({ a: 1, b: 2 })).toEqual({
      ok: true,
      value: { a: 1 },
    });
  });

  it("turns issues into the message, with their path", () => {
    const type = customType(
      z.object({ address: z.object({ zip: z.string().length(5, "zip must have 5 digits") }) }),
    );
    expect(type.cast({ address: { zip: "123" } })).toEqual({
      ok: false,
      code: "invalid",
      message: "address.zip: zip must have 5 digits",
    });
  });

  it("joins several issues and keeps array indices in the path", () => {
    const type = customType(
      z.object({ a: z.string("a must be text"), list: z.array(z.number("need a number")) }),
    );
    const r = type.cast({ a: 1, list: [1, "x"] });
    expect(r).toEqual({ ok: false, code: "invalid", message: "a: a must be text; list.1: need a number" });
  });

  it("gives a root issue without a path prefix", () => {
    expect(customType(z.number().min(10, "too small")).cast(3)).toEqual({
      ok: false,
      code: "invalid",
      message: "too small",
    });
  });

  it("returns a promise for an async refinement, resolving to the outcome", async () => {
    const taken = new Set(["ann"]);
    const type = customType(
      z.string().refine(async (name) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return !taken.has(name);
      }, "is taken"),
    );
    const free = type.cast("bob");
    expect(free).toBeInstanceOf(Promise);
    await expect(free).resolves.toEqual({ ok: true, value: "bob" });
    const clash = type.cast("ann");
    expect(clash).toBeInstanceOf(Promise);
    await expect(clash).resolves.toEqual({ ok: false, code: "invalid", message: "is taken" });
    // zod stops before the refinement when the base type fails, so this may answer synchronously.
    expect(await type.cast(5)).toMatchObject({ ok: false, code: "invalid" });
  });

  it("is named after the vendor unless named explicitly", () => {
    expect(customType(z.string()).name).toBe("custom:zod");
    expect(customType(z.string()).constraints).toEqual({ vendor: "zod" });
    expect(customType(z.string(), { name: "slug" }).name).toBe("slug");
  });
});

describe("custom with valibot", () => {
  const Person = v.object({
    name: v.pipe(v.string(), v.minLength(2, "name too short")),
    email: v.pipe(v.string(), v.trim(), v.toLowerCase(), v.email("not an email")),
  });

  it("answers the schema's output", () => {
    expect(customType(Person).cast({ name: "Ann", email: "  Ann@Example.COM " })).toEqual({
      ok: true,
      value: { name: "Ann", email: "ann@example.com" },
    });
  });

  it("turns issues into the message, with their path", () => {
    expect(customType(Person).cast({ name: "A", email: "ann@example.com" })).toEqual({
      ok: false,
      code: "invalid",
      message: "name: name too short",
    });
    expect(customType(Person).cast({ name: "Ann", email: "nope" })).toEqual({
      ok: false,
      code: "invalid",
      message: "email: not an email",
    });
  });

  it("is named after the vendor", () => {
    expect(customType(Person).name).toBe("custom:valibot");
  });
});

describe("custom with a hand-written Standard Schema", () => {
  function schema(
    validate: (value: unknown) => StandardSchemaV1.Result<number> | Promise<StandardSchemaV1.Result<number>>,
  ): StandardSchemaV1<unknown, number> {
    return { "~standard": { version: 1, vendor: "hand", validate } };
  }

  it("describes path segments given as objects, numbers and symbols", () => {
    const key = Symbol("secret");
    const type = customType(schema(() => ({ issues: [{ message: "bad", path: [{ key: "a" }, 0, key] }] })));
    expect(type.cast(1)).toEqual({ ok: false, code: "invalid", message: "a.0.Symbol(secret): bad" });
  });

  it("uses the compare option, or the default order", () => {
    const plain = customType(schema((value) => ({ value: Number(value) })));
    expect(plain.compare(1, 2)).toBeLessThan(0);
    const reversed = customType(
      schema((value) => ({ value: Number(value) })),
      { compare: (a, b) => b - a },
    );
    expect(reversed.compare(1, 2)).toBeGreaterThan(0);
  });
});
