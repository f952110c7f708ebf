import { afterEach, describe, expect, it, vi } from "vitest";
import { uuidType, uuidv4, uuidv7, uuidv7Type } from "./uuid.js";

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The 48-bit millisecond timestamp and the 12-bit counter of a UUIDv7. */
function fields(id: string): { ms: number; counter: number } {
  const hex = id.replaceAll("-", "");
  return { ms: Number.parseInt(hex.slice(0, 12), 16), counter: Number.parseInt(hex.slice(13, 16), 16) };
}

function isStrictlyIncreasing(ids: string[]): boolean {
  return ids.every((id, i) => i === 0 || (ids[i - 1] as string) < id);
}

describe("uuid cast", () => {
  for (const [name, type] of [
    ["uuid", uuidType()],
    ["uuidv7", uuidv7Type()],
  ] as const) {
    it(`${name}: lower-cases and trims`, () => {
      expect(type.cast(" 0190A6F4-1B2C-7D3E-8F40-123456789ABC ")).toEqual({
        ok: true,
        value: "0190a6f4-1b2c-7d3e-8f40-123456789abc",
      });
    });

    it(`${name}: rejects malformed values`, () => {
      for (const bad of [
        "",
        "not-a-uuid",
        "0190a6f41b2c7d3e8f40123456789abc",
        "0190a6f4-1b2c-7d3e-8f40-123456789ab",
        "0190a6f4-1b2c-7d3e-8f40-123456789abcd",
        "g190a6f4-1b2c-7d3e-8f40-123456789abc",
        "{0190a6f4-1b2c-7d3e-8f40-123456789abc}",
        42,
        {},
      ]) {
        expect(type.cast(bad), String(bad)).toEqual({
          ok: false,
          code: "invalid_type",
          message: "must be a UUID",
        });
      }
    });
  }

  it("compares canonical values as text", () => {
    const type = uuidType();
    expect(
      type.compare("00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"),
    ).toBeLessThan(0);
    expect(
      type.compare("b0000000-0000-4000-8000-000000000000", "a0000000-0000-4000-8000-000000000000"),
    ).toBeGreaterThan(0);
  });

  it("uuidv4 generates valid, castable v4 values", () => {
    const id = uuidv4();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidType().cast(id)).toEqual({ ok: true, value: id });
  });
});

describe("uuidv7 generation", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("has version 7 and the RFC variant, and casts as itself", () => {
    for (let i = 0; i < 100; i++) {
      const id = uuidv7();
      expect(id).toMatch(V7);
      const hex = id.replaceAll("-", "");
      expect(Number.parseInt(hex[12] as string, 16)).toBe(7);
      expect(Number.parseInt(hex[16] as string, 16) & 0b1100).toBe(0b1000);
      expect(uuidv7Type().cast(id)).toEqual({ ok: true, value: id });
    }
  });

  it("embeds the current time in milliseconds", () => {
    const before = Date.now();
    const { ms } = fields(uuidv7());
    const after = Date.now();
    // The generator may run ahead of the clock by a few ms after earlier bursts of ids.
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after + 5);
  });

  it("is strictly increasing over 10,000 ids made in a tight loop", () => {
    const start = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i++) ids.push(uuidv7());
    const end = Date.now();

    expect(new Set(ids).size).toBe(10_000);
    expect(isStrictlyIncreasing(ids)).toBe(true);
    expect(ids.every((id) => V7.test(id))).toBe(true);

    let sameMillisecond = 0;
    for (let i = 1; i < ids.length; i++) {
      const prev = fields(ids[i - 1] as string);
      const cur = fields(ids[i] as string);
      expect(cur.ms).toBeGreaterThanOrEqual(prev.ms);
      if (cur.ms === prev.ms) {
        // Within one millisecond the counter, not the random bits, orders the ids.
        expect(cur.counter).toBe(prev.counter + 1);
        sameMillisecond++;
      } else {
        expect(cur.counter).toBe(0);
      }
    }
    expect(sameMillisecond).toBeGreaterThan(0);
    // At most ceil(10,000 / 4,096) milliseconds are borrowed from the future.
    expect(fields(ids.at(-1) as string).ms).toBeLessThanOrEqual(end + 3);
    expect(fields(ids[0] as string).ms).toBeGreaterThanOrEqual(start);
  });

  it("moves to the next millisecond when the 12-bit counter overflows", () => {
    const frozen = Date.now() + 60_000;
    vi.spyOn(Date, "now").mockReturnValue(frozen);
    const ids = Array.from({ length: 4097 }, () => uuidv7());
    expect(fields(ids[0] as string)).toEqual({ ms: frozen, counter: 0 });
    expect(fields(ids[4095] as string)).toEqual({ ms: frozen, counter: 0xfff });
    expect(fields(ids[4096] as string)).toEqual({ ms: frozen + 1, counter: 0 });
    expect(isStrictlyIncreasing(ids)).toBe(true);
  });

  it("keeps increasing when the clock goes backwards", () => {
    const ahead = Date.now() + 120_000;
    const spy = vi.spyOn(Date, "now").mockReturnValue(ahead);
    const first = uuidv7();
    spy.mockReturnValue(ahead - 5_000);
    const second = uuidv7();
    expect(second > first).toBe(true);
    expect(fields(second).ms).toBe(ahead);
    expect(fields(second).counter).toBe(fields(first).counter + 1);
  });
});
