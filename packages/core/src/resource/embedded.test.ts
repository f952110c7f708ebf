import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { AttrType, CastResult } from "../types/type.js";
import { embedded, embeddedType } from "./embedded.js";
import { t } from "./t.js";

const Address = embedded("address", {
  attributes: {
    street: t.string(),
    city: t.string({ max: 40 }),
    zip: t.string({ pattern: /^\d{4}$/ }).optional(),
    country: t.string().default("NL"),
    tags: t.array(t.string()).default([]),
    floor: t.integer().optional(),
  },
});

async function settle<T>(
  r: CastResult<T | null> | Promise<CastResult<T | null>>,
): Promise<CastResult<T | null>> {
  return r;
}

function castedValue<T>(r: CastResult<T | null> | Promise<CastResult<T | null>>): T {
  if (r instanceof Promise) throw new Error("expected a synchronous cast");
  if (!r.ok || r.value === null) throw new Error(`expected a value, got ${JSON.stringify(r)}`);
  return r.value;
}

describe("embedded", () => {
  const type = embeddedType(Address);

  it("is frozen and carries its name", () => {
    expect(Address.kind).toBe("embedded");
    expect(Address.name).toBe("address");
    expect(Object.isFrozen(Address)).toBe(true);
    expect(Object.isFrozen(Address.attributes)).toBe(true);
    expect(type.name).toBe("embedded:address");
  });

  it("casts nested attributes and applies defaults", () => {
    expect(type.cast({ street: "  Main St 1 ", city: "Utrecht", floor: "3" })).toEqual({
      ok: true,
      value: { street: "Main St 1", city: "Utrecht", zip: null, country: "NL", tags: [], floor: 3 },
    });
  });

  it("lets a given value override the default", () => {
    const value = castedValue(type.cast({ street: "a", city: "b", country: "BE", tags: ["x"] }));
    expect(value.country).toBe("BE");
    expect(value.tags).toEqual(["x"]);
  });

  it("gives each value its own copy of an object default", () => {
    const a = castedValue(type.cast({ street: "a", city: "b" }));
    const b = castedValue(type.cast({ street: "a", city: "b" }));
    expect(a.tags).toEqual([]);
    expect(a.tags).not.toBe(b.tags);
  });

  it("calls function defaults for each value", () => {
    let n = 0;
    const Counter = embedded("counter", { attributes: { n: t.integer().default(() => ++n) } });
    const counter = embeddedType(Counter);
    expect(counter.cast({})).toEqual({ ok: true, value: { n: 1 } });
    expect(counter.cast({})).toEqual({ ok: true, value: { n: 2 } });
    expect(counter.cast({ n: 10 })).toEqual({ ok: true, value: { n: 10 } });
  });

  it("fills timestamp defaults with the current time", () => {
    const Stamp = embedded("stamp", { attributes: { at: t.createTimestamp() } });
    const before = Date.now();
    const { at } = castedValue(embeddedType(Stamp).cast({}));
    expect(at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(Date.parse(at)).toBeGreaterThanOrEqual(before);
  });

  it("rejects unknown keys, naming them", () => {
    expect(type.cast({ street: "a", city: "b", planet: "Earth" })).toEqual({
      ok: false,
      code: "no_such_field",
      message: "planet is not a field of address",
    });
  });

  it("rejects keys inherited from Object.prototype", () => {
    expect(type.cast({ street: "a", city: "b", toString: "x" })).toEqual({
      ok: false,
      code: "no_such_field",
      message: "toString is not a field of address",
    });
    expect(type.cast({ street: "a", city: "b", hasOwnProperty: 1 })).toMatchObject({ ok: false });
  });

  it("rejects missing required fields, naming them", () => {
    expect(type.cast({ street: "Main St 1" })).toEqual({
      ok: false,
      code: "required",
      message: "city is required",
    });
    expect(type.cast({ street: "a", city: null })).toEqual({
      ok: false,
      code: "required",
      message: "city is required",
    });
    // An empty string casts to nil.
    expect(type.cast({ street: "", city: "b" })).toEqual({
      ok: false,
      code: "required",
      message: "street is required",
    });
  });

  it("does not apply a default to an explicit null", () => {
    expect(type.cast({ street: "a", city: "b", country: null })).toEqual({
      ok: false,
      code: "required",
      message: "country is required",
    });
  });

  it("names the field whose value is invalid", () => {
    expect(type.cast({ street: "a", city: "b", zip: "12345" })).toEqual({
      ok: false,
      code: "invalid_format",
      message: "zip must match /^\\d{4}$/",
    });
    expect(type.cast({ street: "a", city: "b", floor: 1.5 })).toEqual({
      ok: false,
      code: "invalid_type",
      message: "floor must be an integer",
    });
    expect(type.cast({ street: "a", city: "b", tags: ["ok", 5, {}] })).toEqual({
      ok: false,
      code: "invalid_type",
      message: "tags item 2 must be a string",
    });
  });

  it("rejects non-objects", () => {
    for (const bad of ["Main St", 1, [], [{ street: "a", city: "b" }]]) {
      expect(type.cast(bad)).toEqual({
        ok: false,
        code: "invalid_type",
        message: "must be an object (address)",
      });
    }
  });

  it("works inside t.array(t.embedded(X))", () => {
    const list = t.array(t.embedded(Address), { max: 2 }).config.type as AttrType<unknown>;
    expect(
      list.cast([
        { street: "a", city: "b" },
        { street: "c", city: "d", country: "DE" },
      ]),
    ).toEqual({
      ok: true,
      value: [
        { street: "a", city: "b", zip: null, country: "NL", tags: [], floor: null },
        { street: "c", city: "d", zip: null, country: "DE", tags: [], floor: null },
      ],
    });
    expect(list.cast([{ street: "a", city: "b" }, { street: "c" }])).toEqual({
      ok: false,
      code: "required",
      message: "item 1 city is required",
    });
    expect(list.cast([{ street: "a", city: "b", oops: 1 }])).toEqual({
      ok: false,
      code: "no_such_field",
      message: "item 0 oops is not a field of address",
    });
    expect(list.cast([{}, {}, {}])).toMatchObject({ ok: false, code: "too_large" });
  });

  it("nests embedded resources", () => {
    const Person = embedded("person", {
      attributes: { name: t.string(), home: t.embedded(Address).optional() },
    });
    const person = embeddedType(Person);
    expect(person.cast({ name: "Ann", home: { street: "a", city: "b" } })).toMatchObject({
      ok: true,
      value: { name: "Ann", home: { street: "a", city: "b", country: "NL" } },
    });
    expect(person.cast({ name: "Ann" })).toEqual({ ok: true, value: { name: "Ann", home: null } });
    expect(person.cast({ name: "Ann", home: { street: "a" } })).toEqual({
      ok: false,
      code: "required",
      message: "home city is required",
    });
  });

  it("waits for asynchronous field casts", async () => {
    const Handle = embedded("handle", {
      attributes: {
        name: t.custom(z.string().refine(async (s) => s !== "root", "is reserved")),
        note: t.string().optional(),
      },
    });
    const handle = embeddedType(Handle);
    const good = handle.cast({ name: "ann" });
    expect(good).toBeInstanceOf(Promise);
    await expect(settle(good)).resolves.toEqual({ ok: true, value: { name: "ann", note: null } });
    await expect(settle(handle.cast({ name: "root" }))).resolves.toEqual({
      ok: false,
      code: "invalid",
      message: "name is reserved",
    });
  });

  it("compares by content", () => {
    const a = castedValue(type.cast({ street: "a", city: "b" }));
    const b = castedValue(type.cast({ street: "a", city: "b" }));
    const c = castedValue(type.cast({ street: "a", city: "c" }));
    expect(type.compare(a, b)).toBe(0);
    expect(type.compare(a, c)).not.toBe(0);
    expect(Math.sign(type.compare(a, c))).toBe(-Math.sign(type.compare(c, a)));
  });
});
