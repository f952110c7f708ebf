import { type AnyResource, type AppCore, frameworkError, lit, op, ref, toAshlarError } from "@ashlar/core";
import type { ResolvedConfig } from "./config.js";
import type { TokenClaims } from "./token.js";
import { OWN, readWhere } from "./user-lookup.js";

type Row = Record<string, unknown>;

/** An epoch-millisecond time as the resource's `expiresAt` attribute holds it (canonical text). */
export async function datetimeOf(resource: AnyResource, epochMs: number): Promise<string> {
  const cast = await resource.attributes.expiresAt?.config.type.cast(new Date(epochMs));
  if (!cast?.ok || typeof cast.value !== "string")
    throw frameworkError(
      `${resource.name}.expiresAt must be a t.datetime(), as the package's resources make it`,
    );
  return cast.value;
}

/** Records an issued token, so that it can be revoked and is accepted only while its record says so. */
export async function recordToken(app: AppCore, config: ResolvedConfig, claims: TokenClaims): Promise<void> {
  const expiresAt = await datetimeOf(config.tokens, claims.exp * 1000);
  await app.engine.create(config.tokens, "create", { jti: claims.jti, subject: claims.sub, expiresAt }, OWN);
}

/** The record of a token id, or undefined. */
export async function findTokenRecord(
  app: AppCore,
  config: ResolvedConfig,
  jti: string,
): Promise<Row | undefined> {
  return (await readWhere(app, config.tokens, op("==", ref("jti"), lit(jti)), 1))[0];
}

/** Whether the record vouches for these claims: present, not revoked, and for the same subject. */
export const tokenRecordValid = (record: Row | undefined, claims: TokenClaims): boolean =>
  record !== undefined && record.revokedAt == null && record.subject === claims.sub;

/** Revokes a token's record; answers whether it was valid until now. */
export async function revokeToken(
  app: AppCore,
  config: ResolvedConfig,
  claims: TokenClaims,
): Promise<boolean> {
  const record = await findTokenRecord(app, config, claims.jti);
  if (!record || !tokenRecordValid(record, claims)) return false;
  await app.engine.update(config.tokens, "revoke", record, {}, OWN);
  return true;
}

/**
 * Deletes the records of tokens that have expired (revoked or not): they can never be accepted again, so
 * their records are only history. Answers how many were deleted.
 */
export async function deleteExpiredTokens(app: AppCore, config: ResolvedConfig): Promise<number> {
  if (!("destroy" in config.tokens.actions))
    throw frameworkError(`${config.tokens.name} has no destroy action; make it with tokenResource()`);
  const now = await datetimeOf(config.tokens, config.now());
  const result = await app.engine.bulkDestroy(
    config.tokens,
    "destroy",
    { filter: op("<=", ref("expiresAt"), lit(now)) },
    {},
    { ...OWN, transaction: "all" },
  );
  if (result.errors.length) throw toAshlarError(...result.errors.map((e) => e.error));
  return result.records.length;
}
