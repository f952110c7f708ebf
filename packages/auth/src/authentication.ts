import { randomBytes } from "node:crypto";
import {
  type ActionInput,
  type AnyResource,
  type AppCore,
  ForbiddenError,
  frameworkError,
  InvalidError,
  invalid,
  LeafError,
  type RecordOf,
} from "@ashlar/core";
import { type ActorResult, actorFrom } from "./actor-from.js";
import { type CreateApiKeyOptions, createApiKey, type NewApiKey, revokeApiKey } from "./api-key-store.js";
import { type AuthenticationConfig, type ResolvedConfig, resolveConfig } from "./config.js";
import { hashPassword, parsePasswordHash, verifyPassword } from "./password-hash.js";
import { signToken, verifyToken } from "./token.js";
import { deleteExpiredTokens, recordToken, revokeToken } from "./token-store.js";
import { findUserByIdentity, OWN, subjectOf, withoutPassword } from "./user-lookup.js";

type Row = Record<string, unknown>;

/** A user as this package hands it out: the record without its password hash. */
export type SafeUser<U extends AnyResource, P extends string> = Omit<RecordOf<U>, P>;

/** What `signIn` takes: the identity (default `email`) and the password. */
export type Credentials<I extends string> = { readonly [K in I]: string } & { readonly password: string };

export interface SignedIn<User> {
  readonly token: string;
  readonly user: User;
}

export interface IssueOptions {
  /** Extra claims for the token (plain JSON values). */
  readonly claims?: Readonly<Record<string, unknown>>;
  /** Overrides the configured lifetime for this token. */
  readonly ttlSeconds?: number;
}

/**
 * Password sign-in, bearer tokens revocable in the database and API keys, for one user resource. Every read
 * and write of users, tokens and keys here runs through the engine with `authorize: false`: these are the
 * framework's own lookups, made before there is an actor. Users handed out never hold the password hash.
 */
export class Authentication<
  U extends AnyResource = AnyResource,
  I extends string = "email",
  P extends string = "hashedPassword",
  R extends string = never,
> {
  readonly config: ResolvedConfig;
  /** Compared against when there is no usable hash, so an unknown user costs the same scrypt work. */
  private readonly decoy: Promise<string>;

  constructor(config: AuthenticationConfig<U, I, P, R>) {
    this.config = resolveConfig(config);
    this.decoy = hashPassword(randomBytes(32).toString("base64url"));
  }

  /**
   * Checks an identity and password and issues a token. Fails with the same Forbidden error (code
   * `authentication_failed`) for an unknown user, a user without a password and a wrong password, after the
   * same scrypt work, so neither the message nor the time tells which.
   *
   * @example const { token, user } = await auth.signIn(app, { email, password });
   */
  async signIn(app: AppCore, credentials: Credentials<I>): Promise<SignedIn<SafeUser<U, P>>> {
    const { identity, passwordField } = this.config;
    const input = credentials as unknown as Row;
    const value = input[identity];
    const password = input.password;
    const missing = [identity, "password"].filter((k) => typeof input[k] !== "string" || input[k] === "");
    if (missing.length)
      throw new InvalidError(
        missing.map((field) =>
          invalid({ code: "required", field, message: "is required", source: this.source("signIn") }),
        ),
      );
    const user = await findUserByIdentity(app, this.config, value as string);
    const stored = user?.[passwordField];
    const decoy = await this.decoy;
    const usable = parsePasswordHash(stored) ? (stored as string) : decoy;
    const matches = await verifyPassword(password, usable);
    if (!user || !matches || usable === decoy) throw this.signInFailed();
    return { token: await this.issue(app, user), user: withoutPassword(this.config, user) as SafeUser<U, P> };
  }

  /**
   * Signs a token for a user (a record, or anything holding its primary key) and records it, so it can be
   * revoked.
   */
  async issue(app: AppCore, user: Row, options: IssueOptions = {}): Promise<string> {
    const { token, claims } = signToken({
      secret: this.config.key,
      subject: subjectOf(this.config, user, this.source("issue")),
      ttlSeconds: options.ttlSeconds ?? this.config.ttlSeconds,
      now: this.config.now(),
      ...(options.claims ? { claims: options.claims } : {}),
    });
    await recordToken(app, this.config, claims);
    return token;
  }

  /**
   * Revokes a token in the database, so no process accepts it again. Answers whether it was valid until now
   * (false for a bad, expired, unknown or already revoked token: signing out twice is harmless).
   */
  async signOut(app: AppCore, token: string): Promise<boolean> {
    const verified = verifyToken(token, this.config.key, { now: this.config.now() });
    return verified.ok ? revokeToken(app, this.config, verified.claims) : false;
  }

  /**
   * The user an Authorization header speaks for: `Bearer <token>` (checked against its signature, expiry and
   * record) or `Bearer ak_...` (an API key). Never throws for a bad credential; answers why instead.
   *
   * @example
   * const result = await auth.actorFrom(app, request.headers.get("authorization"));
   * if (!result.ok) return new Response("unauthorized", { status: 401 }); // log result.reason
   * await app.support.openTicket("Printer on fire", {}, { actor: result.actor });
   */
  actorFrom(app: AppCore, authorization: string | null | undefined): Promise<ActorResult<SafeUser<U, P>>> {
    return actorFrom(app, this.config, authorization) as Promise<ActorResult<SafeUser<U, P>>>;
  }

  /**
   * Creates a user with the configured `register` action (without policies: the caller has no actor yet)
   * and signs them in.
   */
  async register(
    app: AppCore,
    input: [R] extends [never] ? never : R extends keyof U["actions"] ? ActionInput<U, R> : never,
  ): Promise<SignedIn<SafeUser<U, P>>> {
    const action = this.config.register;
    if (action === undefined)
      throw frameworkError(
        `${this.source("register")}: no register action; pass register: "<create action>"`,
      );
    const user = await app.engine.create(this.config.user, action, input as Row, OWN);
    return { token: await this.issue(app, user), user: withoutPassword(this.config, user) as SafeUser<U, P> };
  }

  /** Creates an API key for a user; the key is in the answer only (the database keeps its SHA-256). */
  createApiKey(app: AppCore, user: Row, options?: CreateApiKeyOptions): Promise<NewApiKey> {
    return createApiKey(app, this.config, user, options);
  }

  /** Revokes an API key by its id. */
  revokeApiKey(app: AppCore, id: string): Promise<void> {
    return revokeApiKey(app, this.config, id);
  }

  /** Deletes the records of expired tokens (run it now and then); answers how many. */
  deleteExpiredTokens(app: AppCore): Promise<number> {
    return deleteExpiredTokens(app, this.config);
  }

  private source(method: string): string {
    return `${this.config.user.name}.${method}`;
  }

  private signInFailed(): ForbiddenError {
    return new ForbiddenError([
      new LeafError({
        code: "authentication_failed",
        class: "forbidden",
        message: `the ${this.config.identity} or password is incorrect`,
        source: this.source("signIn"),
      }),
    ]);
  }
}

/**
 * Ties password sign-in, tokens and API keys to a user resource.
 *
 * @example
 * const auth = authentication({ secret: process.env.AUTH_SECRET!, user: User, tokens: AuthToken, register: "register" });
 * const { token } = await auth.signIn(app, { email: "ann@example.com", password: "correct horse" });
 * const result = await auth.actorFrom(app, `Bearer ${token}`); // { ok: true, actor, claims }
 */
export function authentication<
  U extends AnyResource,
  const I extends string = "email",
  const P extends string = "hashedPassword",
  const R extends string = never,
>(config: AuthenticationConfig<U, I, P, R>): Authentication<U, I, P, R> {
  return new Authentication(config);
}
