import { apiKeyResource, authentication, hashPasswordChange, tokenResource } from "@ashlar/auth";
import { create, createApp, type DataLayer, destroy, domain, read, resource, t, update } from "@ashlar/core";

/** 32 bytes and more: a valid signing secret (never use a fixed one outside tests). */
export const SECRET = "test-secret-0123456789-abcdefghijklmnop";

/** Users sign in by a case-insensitive email; the password argument keeps surrounding spaces. */
export const User = resource("user", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    email: t.ciString(),
    name: t.string(),
    hashedPassword: t.string().optional().sensitive(),
  },
  identities: { uniqueEmail: ["email"] },
  actions: {
    read: read({ primary: true }),
    register: create({
      accept: ["email", "name"],
      arguments: { password: t.string({ trim: false }).sensitive() },
      changes: [hashPasswordChange()],
    }),
    /** A user invited without a password yet (single sign-on, say): it can never sign in with one. */
    invite: create({ accept: ["email", "name"] }),
    changePassword: update({
      accept: ["name"],
      arguments: { password: t.string({ trim: false }).sensitive().optional() },
      changes: [hashPasswordChange("password", "hashedPassword", { minLength: 12 })],
    }),
    destroy: destroy(),
  },
});

/** Members sign in by a case-sensitive login (compared with lower()), have integer keys and their own names. */
export const Member = resource("member", {
  attributes: {
    id: t.integer().primaryKey().generated(),
    login: t.string(),
    passwordHash: t.string().optional().sensitive(),
  },
  identities: { uniqueLogin: ["login"] },
  actions: {
    read: read({ primary: true }),
    join: create({
      accept: ["login"],
      arguments: { secret: t.string({ trim: false }).sensitive() },
      changes: [hashPasswordChange("secret", "passwordHash", { minLength: 10 })],
    }),
  },
});

export const AuthToken = tokenResource();
export const MemberToken = tokenResource("memberToken");
export const ApiKey = apiKeyResource();

/** A clock tests can move: epoch milliseconds. */
export function testClock(start = Date.UTC(2030, 0, 1)) {
  let now = start;
  return {
    now: () => now,
    advance: (seconds: number) => {
      now += seconds * 1000;
    },
  };
}

export async function authApp(dataLayer: DataLayer) {
  const Accounts = domain("accounts", { resources: [User, Member, AuthToken, MemberToken, ApiKey] });
  const app = await createApp({ domains: [Accounts], dataLayer });
  const clock = testClock();
  const auth = authentication({
    secret: SECRET,
    user: User,
    tokens: AuthToken,
    apiKeys: ApiKey,
    register: "register",
    ttlSeconds: 3600,
    now: clock.now,
  });
  const members = authentication({
    secret: SECRET,
    user: Member,
    tokens: MemberToken,
    identity: "login",
    passwordField: "passwordHash",
    now: clock.now,
  });
  return { app, auth, members, clock };
}

export type AuthContext = Awaited<ReturnType<typeof authApp>>;
