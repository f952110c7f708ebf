import type { AppCore } from "@ashlar/core";
import { API_KEY_PREFIX, isApiKeyShaped } from "./api-key.js";
import { findApiKey } from "./api-key-store.js";
import type { ResolvedConfig } from "./config.js";
import { type TokenClaims, verifyToken } from "./token.js";
import { findTokenRecord, tokenRecordValid } from "./token-store.js";
import { findUserBySubject, withoutPassword } from "./user-lookup.js";

type Row = Record<string, unknown>;

/**
 * Why no actor came of a request, for logs and metrics (clients get one message whatever the reason):
 * - `missing`: no Authorization header;
 * - `malformed`: not `Bearer <credential>`, or a credential that is not a token (or API key) at all;
 * - `bad_signature`: a token not signed with this secret (forged or tampered with);
 * - `expired`: past its expiry;
 * - `revoked`: signed out, or its record is gone (an unknown token id or API key);
 * - `unknown_user`: the credential is good but its user no longer exists (or is hidden by a base filter).
 */
export type ActorFailure = "missing" | "malformed" | "bad_signature" | "expired" | "revoked" | "unknown_user";

export type ActorResult<U = Row> =
  | { readonly ok: true; readonly via: "token"; readonly actor: U; readonly claims: TokenClaims }
  | {
      readonly ok: true;
      readonly via: "apiKey";
      readonly actor: U;
      /** The key's record, without its hash. */
      readonly apiKey: Row;
    }
  | { readonly ok: false; readonly reason: ActorFailure };

const BEARER = /^Bearer +(\S+)$/i;

const refuse = (reason: ActorFailure): ActorResult<never> => ({ ok: false, reason });

/** Resolves an Authorization header (`Bearer <token>` or `Bearer ak_...`) to the user it speaks for. */
export async function actorFrom(
  app: AppCore,
  config: ResolvedConfig,
  authorization: string | null | undefined,
): Promise<ActorResult> {
  const header = typeof authorization === "string" ? authorization.trim() : "";
  if (header === "") return refuse("missing");
  const credential = BEARER.exec(header)?.[1];
  if (!credential) return refuse("malformed");
  if (credential.startsWith(API_KEY_PREFIX)) return apiKeyActor(app, config, credential);
  const verified = verifyToken(credential, config.key, { now: config.now() });
  if (!verified.ok) return refuse(verified.reason);
  const { claims } = verified;
  if (!tokenRecordValid(await findTokenRecord(app, config, claims.jti), claims)) return refuse("revoked");
  const user = await findUserBySubject(app, config, claims.sub);
  if (!user) return refuse("unknown_user");
  return { ok: true, via: "token", actor: withoutPassword(config, user), claims };
}

async function apiKeyActor(app: AppCore, config: ResolvedConfig, key: string): Promise<ActorResult> {
  if (!config.apiKeys || !isApiKeyShaped(key)) return refuse("malformed");
  const apiKey = await findApiKey(app, config, key);
  if (!apiKey || apiKey.revokedAt != null) return refuse("revoked");
  if (typeof apiKey.expiresAt === "string" && Date.parse(apiKey.expiresAt) <= config.now())
    return refuse("expired");
  const user = await findUserBySubject(app, config, String(apiKey.subject));
  if (!user) return refuse("unknown_user");
  return { ok: true, via: "apiKey", actor: withoutPassword(config, user), apiKey };
}
