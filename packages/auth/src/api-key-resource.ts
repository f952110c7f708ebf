import { create, destroy, type PolicyDef, read, resource, t, update } from "@ashlar/core";
import { NO_ACCESS } from "./no-access.js";
import { revokeNow } from "./revoke-now.js";

export interface ApiKeyResourceOptions {
  /** Who may call the resource's actions through interfaces. Default: nobody (see `NO_ACCESS`). */
  readonly policies?: readonly PolicyDef[];
}

/**
 * The resource that holds API keys: only the SHA-256 hash of each key is stored (the key itself is shown
 * once, when it is created), with whose key it is, an optional name and expiry, and when it was revoked.
 *
 * Actions: `read`, `create` (accepts name, keyHash, subject, expiresAt), `revoke`, `destroy`.
 *
 * @example
 * const ApiKey = apiKeyResource();
 * const auth = authentication({ secret, user: User, tokens: AuthToken, apiKeys: ApiKey });
 */
export function apiKeyResource<const N extends string = "apiKey">(
  name: N = "apiKey" as N,
  options: ApiKeyResourceOptions = {},
) {
  return resource(name, {
    description: "API keys of @ashlar/auth (only their SHA-256 hash is stored)",
    attributes: {
      id: t.uuidv7().primaryKey(),
      name: t.string({ max: 200 }).optional(),
      keyHash: t.string().sensitive(),
      subject: t.string(),
      expiresAt: t.datetime().optional(),
      revokedAt: t.datetime().optional(),
      insertedAt: t.createTimestamp(),
    },
    identities: { uniqueKeyHash: ["keyHash"] },
    actions: {
      read: read({ primary: true }),
      create: create({ accept: ["name", "keyHash", "subject", "expiresAt"], primary: true }),
      revoke: update({ accept: [], changes: [revokeNow] }),
      destroy: destroy({ primary: true }),
    },
    policies: options.policies ?? NO_ACCESS,
  });
}
