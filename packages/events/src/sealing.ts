import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** A sensitive value as stored in an event: encrypted (AES-256-GCM) with the log's key, or redacted. */
export type SealedValue = { readonly $sealed: string } | { readonly $redacted: true };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/** Whether a stored value is a sealed or redacted one. */
export const isSealed = (v: unknown): v is SealedValue =>
  isObject(v) && (typeof v.$sealed === "string" || v.$redacted === true);

/** The 32-byte key: a Buffer, or a base64 or hex string of 32 bytes. */
export function encryptionKeyOf(key: Buffer | string): Buffer {
  const bytes =
    typeof key !== "string"
      ? key
      : /^[0-9a-f]{64}$/i.test(key)
        ? Buffer.from(key, "hex")
        : Buffer.from(key, "base64");
  if (bytes.length !== 32)
    throw new Error(
      `the event log's encryptionKey must be 32 bytes (AES-256), got ${bytes.length}; ` +
        `make one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`,
    );
  return bytes;
}

/**
 * Seals sensitive values: with a key, AES-256-GCM (a fresh 12-byte nonce per value, authenticated), so replay
 * can restore them; without one, the value is dropped and only the fact that there was one is kept.
 */
export class Sealer {
  constructor(private readonly key: Buffer | undefined) {}

  get canOpen(): boolean {
    return this.key !== undefined;
  }

  seal(value: unknown): SealedValue {
    if (!this.key) return { $redacted: true };
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64"));
    return { $sealed: `v1.${parts.join(".")}` };
  }

  /** The original value, or `undefined` for a redacted one (which replay cannot restore). */
  open(sealed: SealedValue, where: string): unknown {
    if (!("$sealed" in sealed)) return undefined;
    if (!this.key)
      throw new Error(
        `${where}: this value is encrypted; configure the event log's encryptionKey to read it`,
      );
    const [version, iv, tag, body] = sealed.$sealed.split(".");
    if (version !== "v1" || !iv || !tag || body === undefined)
      throw new Error(`${where}: not a sealed value this version can read`);
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64"));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    try {
      const text = Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]);
      return JSON.parse(text.toString("utf8"));
    } catch {
      throw new Error(`${where}: the sealed value does not open with this key (wrong key, or tampered)`);
    }
  }

  /** The values of `values` with each key in `sensitive` sealed. */
  sealAll(
    values: Readonly<Record<string, unknown>>,
    sensitive: ReadonlySet<string>,
  ): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, sensitive.has(k) && v !== null ? this.seal(v) : v]),
    );
  }

  /** The values with sealed ones opened; redacted ones are left out. */
  openAll(values: Readonly<Record<string, unknown>>, where: string): Record<string, unknown> {
    const opened: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) {
      if (!isSealed(v)) opened[k] = v;
      else if ("$sealed" in v) opened[k] = this.open(v, `${where}.${k}`);
    }
    return opened;
  }
}
