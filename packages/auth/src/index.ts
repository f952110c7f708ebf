/**
 * @ashlar/auth — password sign-in, signed bearer tokens revocable in the database, and API keys, each
 * resolved to the actor that actions and policies see.
 */
export type { ActorFailure, ActorResult } from "./actor-from.js";
export { API_KEY_PREFIX, apiKeyHash, generateApiKey, isApiKeyShaped } from "./api-key.js";
export { type ApiKeyResourceOptions, apiKeyResource } from "./api-key-resource.js";
export type { CreateApiKeyOptions, NewApiKey } from "./api-key-store.js";
export {
  Authentication,
  authentication,
  type Credentials,
  type IssueOptions,
  type SafeUser,
  type SignedIn,
} from "./authentication.js";
export type { AuthenticationConfig } from "./config.js";
export { type HashPasswordOptions, hashPasswordChange } from "./hash-password-change.js";
export { NO_ACCESS } from "./no-access.js";
export { DEFAULT_SCRYPT, hashPassword, type ScryptParams, verifyPassword } from "./password-hash.js";
export { MIN_SECRET_BYTES, type Secret, signingKey } from "./signing-secret.js";
export {
  type SignedToken,
  type SignTokenOptions,
  signToken,
  type TokenClaims,
  type TokenFailure,
  type TokenVerification,
  type VerifyTokenOptions,
  verifyToken,
} from "./token.js";
export { type TokenResourceOptions, tokenResource } from "./token-resource.js";
