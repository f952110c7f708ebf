import { describe, expect, it } from "vitest";
import { NOW } from "../resource/attribute.js";
import { t } from "../resource/t.js";
import { uuidv7 } from "./uuid.js";

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("attribute builder", () => {
  it("starts required, writable, public and not a key", () => {
    const { config } = t.string();
    expect(config).toMatchObject({
      optional: false,
      primaryKey: false,
      generated: false,
      writable: true,
      public: true,
      sensitive: false,
    });
    expect(config.default).toBeUndefined();
    expect(config.type.name).toBe("string");
  });

  it("returns a new builder from every option and leaves the original unchanged", () => {
    const base = t.string();
    const optional = base.optional();
    expect(optional).not.toBe(base);
    expect(optional.config.optional).toBe(true);
    expect(base.config.optional).toBe(false);

    const withDefault = optional.default("x");
    expect(withDefault.config.default).toBe("x");
    expect(optional.config.default).toBeUndefined();
    expect(withDefault.config.optional).toBe(true);

    const hidden = base.public(false).sensitive().describe("secret").writable(false);
    expect(hidden.config).toMatchObject({
      public: false,
      sensitive: true,
      description: "secret",
      writable: false,
    });
    expect(base.config).toMatchObject({ public: true, sensitive: false, writable: true });
    expect(base.config.description).toBeUndefined();
  });

  it("shares the type between derived builders", () => {
    const base = t.integer({ min: 1 });
    expect(base.optional().config.type).toBe(base.config.type);
  });

  it("freezes its config", () => {
    const { config } = t.string().optional();
    expect(Object.isFrozen(config)).toBe(true);
    expect(() => {
      (config as { optional: boolean }).optional = false;
    }).toThrow(TypeError);
  });

  it("t.uuidv7().primaryKey() generates v7 values and is read-only", () => {
    const id = t.uuidv7().primaryKey();
    expect(id.config.primaryKey).toBe(true);
    expect(id.config.writable).toBe(false);
    expect(id.config.default).toBe(uuidv7);
    const generate = id.config.default as () => string;
    const a = generate();
    const b = generate();
    expect(a).toMatch(V7);
    expect(b > a).toBe(true);
  });

  it("t.uuid().primaryKey() generates v4 values", () => {
    const id = t.uuid().primaryKey();
    expect(id.config.writable).toBe(false);
    expect(typeof id.config.default).toBe("function");
    expect((id.config.default as () => string)()).toMatch(V4);
  });

  it("a uuid that is not a primary key gets no default", () => {
    const ref = t.uuidv7();
    expect(ref.config.default).toBeUndefined();
    expect(ref.config.writable).toBe(true);
  });

  it("keeps an explicit default on a uuid primary key, and stays writable", () => {
    const id = t.uuidv7().default("00000000-0000-7000-8000-000000000000").primaryKey();
    expect(id.config.default).toBe("00000000-0000-7000-8000-000000000000");
    expect(id.config.writable).toBe(true);
    expect(id.config.primaryKey).toBe(true);
  });

  it("t.integer().primaryKey() gets no default and stays writable", () => {
    const id = t.integer().primaryKey();
    expect(id.config.primaryKey).toBe(true);
    expect(id.config.default).toBeUndefined();
    expect(id.config.writable).toBe(true);
  });

  it("generated() marks the value as made by the data layer", () => {
    const id = t.integer().primaryKey().generated();
    expect(id.config).toMatchObject({ primaryKey: true, generated: true, writable: false });
  });

  it("createTimestamp defaults to the action's time on create only", () => {
    const { config } = t.createTimestamp();
    expect(config.type.name).toBe("datetime");
    expect(config.default).toBe(NOW);
    expect(config.updateDefault).toBeUndefined();
    expect(config.writable).toBe(false);
  });

  it("updateTimestamp defaults to the action's time on create and update", () => {
    const { config } = t.updateTimestamp();
    expect(config.type.name).toBe("datetime");
    expect(config.default).toBe(NOW);
    expect(config.updateDefault).toBe(NOW);
    expect(config.writable).toBe(false);
  });

  it("t.array wraps the item type", () => {
    const tags = t.array(t.integer(), { max: 2 });
    expect(tags.config.type.name).toBe("array");
    expect(tags.config.type.cast(["1", 2])).toEqual({ ok: true, value: [1, 2] });
    expect(tags.config.type.cast([1, 2, 3])).toMatchObject({ ok: false, code: "too_large" });
  });
});
