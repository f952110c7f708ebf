import { createHash, randomBytes } from "node:crypto";

/** Every API key starts with this, so `actorFrom` tells keys from tokens (and secret scanners find them). */
export const API_KEY_PREFIX = "ak_";

/** `ak_` and 32 random bytes in base64url: 256 bits, so a stored hash cannot be searched back to its key. */
const API_KEY = /^ak_[A-Za-z0-9_-]{43}$/;

/** A new random API key and the hash to store for it. */
export function generateApiKey(): { readonly key: string; readonly keyHash: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, keyHash: apiKeyHash(key) };
}

/**
 * The stored form of a key: its SHA-256, hex. A fast hash is enough (and lets the key be looked up by its
 * hash) because the key is random, unlike a password.
 */
export const apiKeyHash = (key: string): string => createHash("sha256").update(key, "utf8").digest("hex");

/** Whether a bearer credential is shaped like an API key this package made. */
export const isApiKeyShaped = (credential: string): boolean => API_KEY.test(credential);
