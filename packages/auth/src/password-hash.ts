import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

/** scrypt's cost parameters; a stored hash carries its own, so they can be raised without breaking old hashes. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two (default 16384). */
  readonly N: number;
  /** Block size (default 8). */
  readonly r: number;
  /** Parallelism (default 1). */
  readonly p: number;
  /** Length of the derived key in bytes (default 64). */
  readonly keyLength: number;
}

/** OWASP's minimum for scrypt: about 16 MiB of memory and ~50 ms per hash on a server core. */
export const DEFAULT_SCRYPT: ScryptParams = Object.freeze({ N: 16384, r: 8, p: 1, keyLength: 64 });

/**
 * Bounds a stored value's parameters must stay within to be tried at all: a tampered row must not make the
 * server spend a gigabyte or a minute on one sign-in.
 */
const LIMITS = { N: 2 ** 20, r: 32, p: 16, keyLength: 1024, saltLength: 1024 };
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const INTEGER = /^[1-9][0-9]{0,9}$/;

function derive(plain: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    // Node's default ceiling (32 MiB) is just above what N=16384, r=8 needs; allow what the parameters ask for.
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) =>
    scrypt(plain.normalize("NFC"), salt, params.keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/**
 * Hashes a password with scrypt and a random 16-byte salt into a self-describing string,
 * `scrypt$N$r$p$<salt base64>$<hash base64>`, which `verifyPassword` reads back.
 *
 * @example const stored = await hashPassword("correct horse battery staple"); // "scrypt$16384$8$1$...$..."
 */
export async function hashPassword(plain: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  if (typeof plain !== "string") throw new TypeError("hashPassword: the password must be a string");
  const salt = randomBytes(16);
  const key = await derive(plain, salt, params);
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64"), key.toString("base64")].join("$");
}

interface ParsedHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

/** Reads a stored hash; undefined when it is not one `hashPassword` could have written (within `LIMITS`). */
export function parsePasswordHash(stored: unknown): ParsedHash | undefined {
  if (typeof stored !== "string") return undefined;
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return undefined;
  const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
  if (![n, r, p].every((x) => INTEGER.test(x)) || !BASE64.test(salt) || !BASE64.test(key)) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p), keyLength: 0 };
  const saltBytes = Buffer.from(salt, "base64");
  const keyBytes = Buffer.from(key, "base64");
  const powerOfTwo = params.N > 1 && (params.N & (params.N - 1)) === 0;
  if (!powerOfTwo || params.N > LIMITS.N || params.r > LIMITS.r || params.p > LIMITS.p) return undefined;
  if (saltBytes.length < 8 || saltBytes.length > LIMITS.saltLength) return undefined;
  if (keyBytes.length < 16 || keyBytes.length > LIMITS.keyLength) return undefined;
  return { params: { ...params, keyLength: keyBytes.length }, salt: saltBytes, key: keyBytes };
}

/**
 * Whether `plain` is the password `stored` was made from, compared in constant time. Never throws: a stored
 * value that is missing, malformed or out of bounds answers false.
 *
 * @example if (await verifyPassword(input.password, user.hashedPassword)) signIn(user);
 */
export async function verifyPassword(plain: unknown, stored: unknown): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed || typeof plain !== "string") return false;
  try {
    const key = await derive(plain, parsed.salt, parsed.params);
    return timingSafeEqual(key, parsed.key);
  } catch {
    return false;
  }
}
