import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { frameworkError } from "@ashlar/core";
import { fromBase64url, toBase64url } from "./base64url.js";
import { type Secret, signingKey } from "./signing-secret.js";

/** What a token says: whose it is (`sub`), its id (`jti`), when it was issued and expires (epoch seconds). */
export interface TokenClaims {
  readonly sub: string;
  readonly jti: string;
  readonly iat: number;
  readonly exp: number;
  /** Extra claims given to `signToken` (plain JSON values). */
  readonly [claim: string]: unknown;
}

export interface SignTokenOptions {
  /** At least 32 bytes; see `signingKey`. */
  readonly secret: Secret;
  /** Whose token it is: the user's primary key, as text. */
  readonly subject: string;
  /** How long the token is valid, in seconds. */
  readonly ttlSeconds: number;
  /** The token's id (default: a random UUID). Record it to be able to revoke the token. */
  readonly jti?: string;
  /** Extra claims (plain JSON values); `sub`, `jti`, `iat`, `exp` and `nbf` are reserved. */
  readonly claims?: Readonly<Record<string, unknown>>;
  /** The current time in epoch milliseconds (default `Date.now()`); tests sign tokens in the past with it. */
  readonly now?: number;
}

export interface SignedToken {
  /** The compact JWT: `<header>.<claims>.<signature>`. */
  readonly token: string;
  readonly claims: TokenClaims;
}

/** Why a token was refused. For logs and metrics; callers show clients one message whatever the reason. */
export type TokenFailure = "malformed" | "bad_signature" | "expired";

export type TokenVerification =
  | { readonly ok: true; readonly claims: TokenClaims }
  | { readonly ok: false; readonly reason: TokenFailure };

export interface VerifyTokenOptions {
  /** The current time in epoch milliseconds (default `Date.now()`). */
  readonly now?: number;
}

const HEADER = toBase64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
const RESERVED = new Set(["sub", "jti", "iat", "exp", "nbf"]);
/** Far above any token this package signs; longer input is refused before it is hashed or parsed. */
const MAX_TOKEN_LENGTH = 8192;

const sign = (key: ReturnType<typeof signingKey>, signed: string): Buffer =>
  createHmac("sha256", key).update(signed, "ascii").digest();

/**
 * Signs a compact JWT (HS256: HMAC-SHA256 over the secret) with the claims `sub`, `jti`, `iat`, `exp` and any
 * extra ones. Answers the token and its claims.
 *
 * @example const { token, claims } = signToken({ secret, subject: user.id, ttlSeconds: 3600 });
 */
export function signToken(options: SignTokenOptions): SignedToken {
  const key = signingKey(options.secret, "signToken");
  const { subject, ttlSeconds } = options;
  if (typeof subject !== "string" || subject === "")
    throw frameworkError("signToken: subject must be a non-empty string (the user's primary key as text)");
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0)
    throw frameworkError(
      `signToken: ttlSeconds must be a whole number of seconds above 0, not ${ttlSeconds}`,
    );
  const reserved = Object.keys(options.claims ?? {}).filter((k) => RESERVED.has(k));
  if (reserved.length)
    throw frameworkError(
      `signToken: extra claims may not be named ${reserved.join(", ")}; ` +
        "sub, jti, iat, exp and nbf are set from subject, jti, now and ttlSeconds",
    );
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const claims: TokenClaims = {
    ...options.claims,
    sub: subject,
    jti: options.jti ?? randomUUID(),
    iat,
    exp: iat + ttlSeconds,
  };
  const signed = `${HEADER}.${toBase64url(JSON.stringify(claims))}`;
  return { token: `${signed}.${toBase64url(sign(key, signed))}`, claims };
}

/**
 * Checks a token's signature in constant time, then its claims and expiry. Never throws for a bad token (only
 * for a bad secret): answers `{ ok: true, claims }` or `{ ok: false, reason }`. It does not know about
 * revocation; `authentication().actorFrom` also checks the token's record.
 *
 * @example const result = verifyToken(token, secret); if (!result.ok) log(result.reason);
 */
export function verifyToken(
  token: unknown,
  secret: Secret,
  options: VerifyTokenOptions = {},
): TokenVerification {
  const key = signingKey(secret, "verifyToken");
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return refuse("malformed");
  const parts = token.split(".");
  if (parts.length !== 3) return refuse("malformed");
  const [header, payload, signature] = parts as [string, string, string];
  const headerJson = parseJson(header);
  if (!isObject(headerJson) || headerJson.alg !== "HS256" || ("crit" in headerJson && headerJson.crit))
    return refuse("malformed");
  const given = fromBase64url(signature);
  const claims = parseJson(payload);
  if (!given || claims === undefined) return refuse("malformed");
  const expected = sign(key, `${header}.${payload}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return refuse("bad_signature");
  if (!isClaims(claims)) return refuse("malformed");
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (now >= claims.exp) return refuse("expired");
  return { ok: true, claims };
}

const refuse = (reason: TokenFailure): TokenVerification => ({ ok: false, reason });

function parseJson(part: string): unknown {
  const bytes = fromBase64url(part);
  if (!bytes) return undefined;
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const isClaims = (v: unknown): v is TokenClaims =>
  isObject(v) &&
  typeof v.sub === "string" &&
  v.sub !== "" &&
  typeof v.jti === "string" &&
  v.jti !== "" &&
  Number.isSafeInteger(v.iat) &&
  Number.isSafeInteger(v.exp);
