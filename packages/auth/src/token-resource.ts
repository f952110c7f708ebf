import { create, destroy, type PolicyDef, read, resource, t, update } from "@ashlar/core";
import { NO_ACCESS } from "./no-access.js";
import { revokeNow } from "./revoke-now.js";

export interface TokenResourceOptions {
  /** Who may call the resource's actions through interfaces. Default: nobody (see `NO_ACCESS`). */
  readonly policies?: readonly PolicyDef[];
}

/**
 * The resource that records every token issued, so that signing out (revoking) holds in every process that
 * shares the database. A token whose `jti` has no record, or whose record is revoked, is refused. Put it in
 * a domain of the app so its table is created and migrated like any other.
 *
 * Actions: `read`, `create` (issues: accepts jti, subject, expiresAt), `revoke` (sets revokedAt) and
 * `destroy` (used to delete expired records).
 *
 * @example
 * const AuthToken = tokenResource();
 * const Accounts = domain("accounts", { resources: [User, AuthToken] });
 */
export function tokenResource<const N extends string = "authToken">(
  name: N = "authToken" as N,
  options: TokenResourceOptions = {},
) {
  return resource(name, {
    description: "Bearer tokens issued by @ashlar/auth, so that they can be revoked",
    attributes: {
      jti: t.string().primaryKey(),
      subject: t.string(),
      expiresAt: t.datetime(),
      revokedAt: t.datetime().optional(),
      insertedAt: t.createTimestamp(),
    },
    actions: {
      read: read({ primary: true }),
      create: create({ accept: ["jti", "subject", "expiresAt"], primary: true }),
      revoke: update({ accept: [], changes: [revokeNow] }),
      destroy: destroy({ primary: true }),
    },
    policies: options.policies ?? NO_ACCESS,
  });
}
