import { type AppCore, frameworkError, lit, op, ref } from "@ashlar/core";
import { apiKeyHash, generateApiKey } from "./api-key.js";
import type { ResolvedConfig } from "./config.js";
import { datetimeOf } from "./token-store.js";
import { OWN, readWhere, subjectOf } from "./user-lookup.js";

type Row = Record<string, unknown>;

export interface CreateApiKeyOptions {
  /** A label for people ("CI deploys"). */
  readonly name?: string;
  /** When the key stops working; default never. */
  readonly expiresInSeconds?: number;
}

/** A new API key: the key itself (show it once; only its hash is kept) and its record without the hash. */
export interface NewApiKey {
  readonly key: string;
  readonly apiKey: Row;
}

/** The API-key resource, or a Framework error saying how to configure one. */
function apiKeysOf(config: ResolvedConfig) {
  if (!config.apiKeys)
    throw frameworkError(
      "authentication(): API keys are not configured; pass apiKeys: apiKeyResource() to authentication()",
    );
  return config.apiKeys;
}

const withoutHash = ({ keyHash: _hash, ...rest }: Row): Row => rest;

export async function createApiKey(
  app: AppCore,
  config: ResolvedConfig,
  user: Row,
  options: CreateApiKeyOptions = {},
): Promise<NewApiKey> {
  const resource = apiKeysOf(config);
  const { key, keyHash } = generateApiKey();
  const seconds = options.expiresInSeconds;
  if (seconds !== undefined && (!Number.isSafeInteger(seconds) || seconds <= 0))
    throw frameworkError(`createApiKey: expiresInSeconds must be a whole number above 0, not ${seconds}`);
  const expiresAt = seconds === undefined ? null : await datetimeOf(resource, config.now() + seconds * 1000);
  const record = await app.engine.create(
    resource,
    "create",
    { keyHash, subject: subjectOf(config, user, "createApiKey"), name: options.name ?? null, expiresAt },
    OWN,
  );
  return { key, apiKey: withoutHash(record) };
}

export async function revokeApiKey(app: AppCore, config: ResolvedConfig, id: string): Promise<void> {
  await app.engine.update(apiKeysOf(config), "revoke", id, {}, OWN);
}

/** The record of a key (by its hash), or undefined. */
export async function findApiKey(
  app: AppCore,
  config: ResolvedConfig,
  key: string,
): Promise<Row | undefined> {
  const found = await readWhere(app, apiKeysOf(config), op("==", ref("keyHash"), lit(apiKeyHash(key))), 1);
  return found[0] && withoutHash(found[0]);
}
