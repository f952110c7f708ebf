import { DEFAULT_SCRYPT, hashPassword, verifyPassword } from "@ashlar/auth";
import { describe, expect, it } from "vitest";

describe("hashPassword and verifyPassword", () => {
  it("writes scrypt$N$r$p$salt$hash with a 16-byte salt and a 64-byte key, salted anew each time", async () => {
    const [a, b] = await Promise.all([hashPassword("hunter22"), hashPassword("hunter22")]);
    const parts = (a as string).split("$");
    expect(parts.slice(0, 4)).toEqual(["scrypt", "16384", "8", "1"]);
    expect(Buffer.from(parts[4] as string, "base64")).toHaveLength(16);
    expect(Buffer.from(parts[5] as string, "base64")).toHaveLength(64);
    expect(a).not.toBe(b);
  });

  it("verifies the password it was made from, and no other", async () => {
    const stored = await hashPassword("correct horse");
    expect(await verifyPassword("correct horse", stored)).toBe(true);
    expect(await verifyPassword("correct horsE", stored)).toBe(false);
    expect(await verifyPassword("correct horse ", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("reads the parameters from the stored value, so they can change without breaking old hashes", async () => {
    const stored = await hashPassword("pass phrase", { ...DEFAULT_SCRYPT, N: 1024, keyLength: 32 });
    expect(stored.startsWith("scrypt$1024$8$1$")).toBe(true);
    expect(await verifyPassword("pass phrase", stored)).toBe(true);
  });

  it("treats canonically equivalent Unicode spellings as the same password", async () => {
    const stored = await hashPassword("caf\u00e9 au lait");
    expect(await verifyPassword("cafe\u0301 au lait", stored)).toBe(true);
  });

  it("answers false, never throws, for a missing, malformed or out-of-bounds stored value", async () => {
    const good = await hashPassword("pass phrase");
    const [, n, r, p, salt, key] = good.split("$") as string[];
    const bad: unknown[] = [
      undefined,
      null,
      42,
      "",
      "plain text",
      `bcrypt$${n}$${r}$${p}$${salt}$${key}`,
      `scrypt$${n}$${r}$${p}$${salt}`,
      `scrypt$${n}$${r}$${p}$${salt}$${key}$extra`,
      `scrypt$1000$${r}$${p}$${salt}$${key}`, // N not a power of two
      `scrypt$${2 ** 24}$${r}$${p}$${salt}$${key}`, // N far too costly
      `scrypt$${n}$${r}$99$${salt}$${key}`,
      `scrypt$${n}$-8$${p}$${salt}$${key}`,
      `scrypt$${n}$${r}$${p}$not*base64$${key}`,
      `scrypt$${n}$${r}$${p}$${salt}$AAAA`, // a 3-byte key
    ];
    for (const stored of bad) expect(await verifyPassword("pass phrase", stored)).toBe(false);
    expect(await verifyPassword(undefined, good)).toBe(false);
    expect(await verifyPassword("pass phrase", good)).toBe(true);
  });
});
