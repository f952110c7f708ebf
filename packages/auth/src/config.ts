import type { KeyObject } from "node:crypto";
import { type AnyResource, FrameworkError, LeafError } from "@ashlar/core";
import { type Secret, signingKey } from "./signing-secret.js";

export interface AuthenticationConfig<
  U extends AnyResource = AnyResource,
  I extends string = "email",
  P extends string = "hashedPassword",
  R extends string = never,
> {
  /** Signs and verifies tokens: at least 32 bytes, kept out of source control. */
  readonly secret: Secret;
  /** The resource users sign in as. Its records become the actor. */
  readonly user: U;
  /** Where issued tokens are recorded (`tokenResource()`), so they can be revoked. */
  readonly tokens: AnyResource;
  /**
   * The user attribute people sign in with (default "email"); it must be unique (an identity). Compared
   * without regard to case: a `t.ciString()` compares so by its type (and uses its unique index in
   * PostgreSQL); any other string attribute is compared as `lower(field) == lower(value)`, preferring an exact
   * match when a case-sensitive identity lets two users differ only by case. Prefer `t.ciString()`.
   */
  readonly identity?: I;
  /** The sensitive attribute holding the password hash (default "hashedPassword"). */
  readonly passwordField?: P;
  /** How long a token is valid, in seconds (default 86400, one day). */
  readonly ttlSeconds?: number;
  /** The user's create action `register()` runs (it should use `hashPasswordChange`). */
  readonly register?: R;
  /** Where API keys are kept (`apiKeyResource()`); without it, `Bearer ak_...` is malformed. */
  readonly apiKeys?: AnyResource;
  /** The current time in epoch milliseconds (default `Date.now`); tests move the clock with it. */
  readonly now?: () => number;
}

/** The configuration checked and filled in. */
export interface ResolvedConfig {
  readonly key: KeyObject;
  readonly user: AnyResource;
  /** The user's primary key attribute: a token's subject. */
  readonly userKey: string;
  readonly tokens: AnyResource;
  readonly apiKeys: AnyResource | undefined;
  readonly identity: string;
  /** Whether the identity's type compares without case itself (ciString). */
  readonly identityIgnoresCase: boolean;
  readonly passwordField: string;
  readonly ttlSeconds: number;
  readonly register: string | undefined;
  readonly now: () => number;
}

const STRING_TYPES = new Set(["string", "ciString"]);

/**
 * Checks the configuration against the resources it names and answers it filled in; every problem is
 * reported at once, in one Framework error, each naming the resource and field and saying what to do.
 */
export function resolveConfig(
  config: AuthenticationConfig<AnyResource, string, string, string>,
): ResolvedConfig {
  const problems: string[] = [];
  const key = signingKey(config.secret, "authentication()");
  const { user, tokens, apiKeys } = config;
  const identity = config.identity ?? "email";
  const passwordField = config.passwordField ?? "hashedPassword";
  const ttlSeconds = config.ttlSeconds ?? 86400;
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0)
    problems.push(`ttlSeconds must be a whole number of seconds above 0, not ${ttlSeconds}`);
  const userKey = user.primaryKey[0] ?? "";
  if (user.primaryKey.length !== 1)
    problems.push(
      `${user.name} must have a single primary-key attribute (a token's subject); it has ` +
        `${user.primaryKey.length ? user.primaryKey.join(", ") : "none"}`,
    );
  const identityAttr = user.attributes[identity];
  if (!identityAttr)
    problems.push(`${user.name} has no attribute "${identity}" to sign in with; set identity to one it has`);
  else {
    if (!STRING_TYPES.has(identityAttr.config.type.name))
      problems.push(
        `${user.name}.${identity} is a ${identityAttr.config.type.name}; the identity must be a string or ciString`,
      );
    const unique = user.identities.some((i) => i.keys.length === 1 && i.keys[0] === identity);
    if (!unique)
      problems.push(
        `${user.name}.${identity} must be unique to sign in with: add identities: { unique${capital(identity)}: ["${identity}"] }`,
      );
  }
  const passwordAttr = user.attributes[passwordField];
  if (!passwordAttr)
    problems.push(
      `${user.name} has no attribute "${passwordField}" for the password hash; add ` +
        `${passwordField}: t.string().optional().sensitive(), or set passwordField`,
    );
  else if (!passwordAttr.config.sensitive)
    problems.push(
      `${user.name}.${passwordField} must be .sensitive(), so the hash never reaches logs or events`,
    );
  problems.push(...needsReadAction(user));
  if (config.register !== undefined) {
    const action = user.actions[config.register] as { type?: string } | undefined;
    if (action?.type !== "create")
      problems.push(`register: ${user.name} has no create action "${config.register}"`);
  }
  problems.push(
    ...shapeProblems(tokens, "tokens", "tokenResource()", ["jti", "subject", "expiresAt", "revokedAt"]),
  );
  if (tokens.primaryKey.join() !== "jti") problems.push(`tokens: ${tokens.name}'s primary key must be jti`);
  if (apiKeys)
    problems.push(
      ...shapeProblems(apiKeys, "apiKeys", "apiKeyResource()", [
        "keyHash",
        "subject",
        "expiresAt",
        "revokedAt",
      ]),
    );
  if (problems.length)
    throw new FrameworkError(
      problems.map((message) => new LeafError({ code: "invalid_definition", class: "framework", message })),
      `authentication(): ${problems.length} problem(s):\n- ${problems.join("\n- ")}`,
    );
  return Object.freeze({
    key,
    user,
    userKey,
    tokens,
    apiKeys,
    identity,
    identityIgnoresCase: identityAttr?.config.type.name === "ciString",
    passwordField,
    ttlSeconds,
    register: config.register,
    now: config.now ?? Date.now,
  });
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function needsReadAction(resource: AnyResource, role?: string): string[] {
  const reads = Object.values(resource.actions).some((a) => (a as { type: string }).type === "read");
  return reads ? [] : [`${role ? `${role}: ` : ""}${resource.name} needs a read action`];
}

/** What a token or API-key resource must have for this package to use it. */
function shapeProblems(
  resource: AnyResource,
  role: string,
  maker: string,
  attributes: readonly string[],
): string[] {
  const missing = attributes.filter((a) => !(a in resource.attributes));
  const actions = ["create", "revoke"].filter((a) => !(a in resource.actions));
  const problems = needsReadAction(resource, role);
  if (missing.length || actions.length)
    problems.push(
      `${role}: ${resource.name} lacks ${[
        ...missing.map((a) => `attribute ${a}`),
        ...actions.map((a) => `action ${a}`),
      ].join(", ")}; make it with ${maker}`,
    );
  return problems;
}
