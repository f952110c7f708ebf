import { createHmac, createSecretKey } from "node:crypto";
import { signToken, verifyToken } from "@ashlar/auth";
import { FrameworkError } from "@ashlar/core";
import { describe, expect, it } from "vitest";

const SECRET = "a-secret-that-is-32-bytes-long!!";
const NOW = Date.UTC(2030, 0, 1);
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const reason = (token: unknown, secret = SECRET) => {
  const result = verifyToken(token, secret, { now: NOW });
  return result.ok ? "ok" : result.reason;
};

describe("signToken and verifyToken", () => {
  it("signs a compact HS256 JWT with sub, jti, iat, exp and extra claims, and verifies it", () => {
    const { token, claims } = signToken({
      secret: SECRET,
      subject: "user-1",
      ttlSeconds: 60,
      claims: { role: "admin" },
      now: NOW,
    });
    const [header] = token.split(".");
    expect(JSON.parse(Buffer.from(header as string, "base64url").toString())).toEqual({
      alg: "HS256",
      typ: "JWT",
    });
    expect(claims).toMatchObject({ sub: "user-1", iat: NOW / 1000, exp: NOW / 1000 + 60, role: "admin" });
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(verifyToken(token, SECRET, { now: NOW })).toEqual({ ok: true, claims });
  });

  it("gives each token its own id", () => {
    const sign = () => signToken({ secret: SECRET, subject: "u", ttlSeconds: 60 }).claims.jti;
    expect(sign()).not.toBe(sign());
  });

  it("accepts the secret as text, bytes or a key object alike", () => {
    const { token } = signToken({ secret: SECRET, subject: "u", ttlSeconds: 60, now: NOW });
    expect(reason(token, Buffer.from(SECRET) as unknown as string)).toBe("ok");
    expect(verifyToken(token, createSecretKey(Buffer.from(SECRET)), { now: NOW }).ok).toBe(true);
  });

  it("expires at exp: valid the second before, expired from that second on", () => {
    const { token } = signToken({ secret: SECRET, subject: "u", ttlSeconds: 60, now: NOW - 60_000 });
    expect(verifyToken(token, SECRET, { now: NOW - 1000 }).ok).toBe(true);
    expect(reason(token)).toBe("expired");
    const past = signToken({ secret: SECRET, subject: "u", ttlSeconds: 1, now: Date.now() - 10_000 });
    expect(verifyToken(past.token, SECRET)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses tampered claims, a tampered signature and another secret's signature as bad_signature", () => {
    const { token } = signToken({ secret: SECRET, subject: "user-1", ttlSeconds: 60, now: NOW });
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const flipped = `${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
    expect(reason(`${header}.${part({ ...claims, sub: "admin" })}.${signature}`)).toBe("bad_signature");
    expect(reason(`${header}.${part({ ...claims, exp: claims.exp + 3600 })}.${signature}`)).toBe(
      "bad_signature",
    );
    expect(reason(`${header}.${payload}.${flipped}`)).toBe("bad_signature");
    expect(reason(`${header}.${payload}.${signature.slice(0, 20)}`)).toBe("bad_signature");
    expect(reason(token, "another-secret-that-is-32-bytes!!")).toBe("bad_signature");
  });

  it("refuses what is not a well-formed HS256 token as malformed", () => {
    const { token } = signToken({ secret: SECRET, subject: "u", ttlSeconds: 60, now: NOW });
    const [, payload, signature] = token.split(".") as [string, string, string];
    const noneHeader = part({ alg: "none", typ: "JWT" });
    const rs256Header = part({ alg: "RS256", typ: "JWT" });
    for (const bad of [
      undefined,
      42,
      "",
      "abc",
      "a.b",
      `${token}.extra`,
      `${noneHeader}.${payload}.`,
      `${rs256Header}.${payload}.${signature}`,
      `${token.split(".")[0]}.${payload}=.${signature}`,
      `${token.split(".")[0]}.${payload}.${signature}=`,
      `${token.split(".")[0]}.not+base64url.${signature}`,
      "x".repeat(10_000),
    ])
      expect(reason(bad)).toBe("malformed");
  });

  it("refuses well-signed claims that lack sub, jti, iat or exp as malformed", () => {
    // Only a holder of the secret could sign these; the check still keeps them from becoming an actor.
    const { token } = signToken({ secret: SECRET, subject: "u", ttlSeconds: 60, now: NOW });
    const header = token.split(".")[0] as string;
    const signed = (claims: unknown) => {
      const body = `${header}.${part(claims)}`;
      return `${body}.${createHmac("sha256", SECRET).update(body).digest("base64url")}`;
    };
    expect(reason(signed({ sub: "u", jti: "j", iat: NOW / 1000, exp: NOW / 1000 + 60 }))).toBe("ok");
    expect(reason(signed({ jti: "j", iat: NOW / 1000, exp: NOW / 1000 + 60 }))).toBe("malformed");
    expect(reason(signed({ sub: "u", jti: "j", iat: NOW / 1000, exp: "later" }))).toBe("malformed");
    expect(reason(signed(["not", "an", "object"]))).toBe("malformed");
  });

  it("refuses a short secret with an error that says how long and how to make one", () => {
    const error = (() => {
      try {
        signToken({ secret: "too-short", subject: "u", ttlSeconds: 60 });
      } catch (e) {
        return e as FrameworkError;
      }
    })();
    expect(error).toBeInstanceOf(FrameworkError);
    expect(error?.message).toContain("the secret is 9 bytes long; it must be at least 32 bytes");
    expect(error?.message).toContain("randomBytes(32)");
    expect(() => verifyToken("a.b.c", "short")).toThrow(/at least 32 bytes/);
  });

  it("refuses reserved extra claims, an empty subject and a lifetime that is not whole seconds above 0", () => {
    const sign = (extra: object) => () =>
      signToken({ secret: SECRET, subject: "u", ttlSeconds: 60, ...extra });
    expect(sign({ claims: { exp: 1, sub: "x" } })).toThrow(/may not be named exp, sub/);
    expect(sign({ subject: "" })).toThrow(/subject must be a non-empty string/);
    expect(sign({ ttlSeconds: 0 })).toThrow(/ttlSeconds must be a whole number/);
    expect(sign({ ttlSeconds: 1.5 })).toThrow(/ttlSeconds must be a whole number/);
  });
});
