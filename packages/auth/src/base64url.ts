const ALPHABET = /^[A-Za-z0-9_-]*$/;

/** Encodes bytes or UTF-8 text as unpadded base64url (RFC 4648 §5), as JWTs spell their parts. */
export const toBase64url = (data: Buffer | string): string =>
  (typeof data === "string" ? Buffer.from(data, "utf8") : data).toString("base64url");

/**
 * Decodes unpadded base64url strictly: undefined for any other character, for padding, or for a spelling
 * that is not the canonical one (trailing bits set), so a token has exactly one valid spelling.
 */
export function fromBase64url(text: string): Buffer | undefined {
  if (!ALPHABET.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : undefined;
}
