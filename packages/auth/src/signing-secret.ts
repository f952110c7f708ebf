import { createSecretKey, KeyObject } from "node:crypto";
import { frameworkError } from "@ashlar/core";

/** A signing secret: text (its UTF-8 bytes are the key), bytes, or a key made by `signingKey`. */
export type Secret = string | Uint8Array | KeyObject;

/** HS256 needs a key at least as long as its output (RFC 7518 §3.2). */
export const MIN_SECRET_BYTES = 32;

/**
 * The HMAC key of a secret, checked: a secret shorter than 32 bytes is a Framework error that says how to
 * make a good one. `where` names the caller in the message.
 */
export function signingKey(secret: Secret, where: string): KeyObject {
  if (secret instanceof KeyObject) {
    if (secret.type !== "secret")
      throw frameworkError(`${where}: the key must be a secret (symmetric) key, not a ${secret.type} key`, {
        code: "invalid_secret",
      });
    return checkLength(secret, secret.symmetricKeySize ?? 0, where);
  }
  const bytes =
    typeof secret === "string"
      ? Buffer.from(secret, "utf8")
      : secret instanceof Uint8Array
        ? Buffer.from(secret)
        : undefined;
  if (!bytes)
    throw frameworkError(
      `${where}: the secret must be a string, a Uint8Array or a secret KeyObject, not ${typeof secret}`,
      { code: "invalid_secret" },
    );
  return checkLength(createSecretKey(bytes), bytes.length, where);
}

function checkLength(key: KeyObject, length: number, where: string): KeyObject {
  if (length >= MIN_SECRET_BYTES) return key;
  throw frameworkError(
    `${where}: the secret is ${length} bytes long; it must be at least ${MIN_SECRET_BYTES} bytes. ` +
      "Generate one with `node -e \"console.log(crypto.randomBytes(32).toString('base64url'))\"`, keep it " +
      "out of source control and pass it in (for example from process.env.AUTH_SECRET)",
    { code: "invalid_secret" },
  );
}
