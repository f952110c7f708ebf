import { signToken } from "@ashlar/auth";
import { type AshlarError, type DataLayer, ForbiddenError, InvalidError } from "@ashlar/core";
import { beforeEach, describe, expect, it } from "vitest";
import { ApiKey, type AuthContext, AuthToken, authApp, Member, SECRET, User } from "./fixture.js";

type Row = Record<string, unknown>;
export type LayerFactory = () => Promise<DataLayer>;

const PASSWORD = "correct horse battery";

/** What a promise rejects with (failing the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<AshlarError> {
  try {
    await promise;
  } catch (error) {
    return error as AshlarError;
  }
  throw new Error("expected the call to fail, and it succeeded");
}

/** Sign-in, tokens, revocation and API keys, on any data layer. */
export function authScenarios(makeLayer: LayerFactory): void {
  let ctx: AuthContext;
  const register = (email: string, password = PASSWORD) =>
    ctx.app.engine.create(User, "register", { email, name: email.split("@")[0], password });
  const storedUsers = () => ctx.app.engine.read(User, "read", { authorize: false });

  beforeEach(async () => {
    ctx = await authApp(await makeLayer());
  });

  describe("hashPasswordChange", () => {
    it("stores an scrypt hash in the sensitive attribute, never the password", async () => {
      await register("ann@x.test");
      const [stored] = await storedUsers();
      expect(stored?.hashedPassword).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      expect(JSON.stringify(stored)).not.toContain(PASSWORD);
    });

    it("rejects a password shorter than 8 characters as Invalid on the argument, naming the minimum", async () => {
      const error = await rejection(register("short@x.test", "seven77"));
      expect(error).toBeInstanceOf(InvalidError);
      expect(error.errors.map((e) => [e.field, e.code, e.message, e.value])).toEqual([
        ["password", "too_short", "must be at least 8 characters long", undefined],
      ]);
      expect(JSON.stringify(error)).not.toContain("seven77");
      const tooLong = await rejection(register("long@x.test", "x".repeat(1025)));
      expect(tooLong.errors.map((e) => [e.field, e.code, e.message])).toEqual([
        ["password", "too_long", "must be at most 1024 characters long"],
      ]);
      expect(await storedUsers()).toEqual([]);
    });

    it("takes its minimum as an option, and leaves the hash alone when no password is given", async () => {
      const user = await register("ann@x.test");
      const before = (await storedUsers())[0]?.hashedPassword;
      const error = await rejection(
        ctx.app.engine.update(User, "changePassword", user, { password: "eleven char" }),
      );
      expect(error.errors[0]).toMatchObject({ field: "password", code: "too_short" });
      expect(error.errors[0]?.message).toContain("12");
      await ctx.app.engine.update(User, "changePassword", user, { name: "Ann" });
      expect((await storedUsers())[0]?.hashedPassword).toBe(before);
      await ctx.app.engine.update(User, "changePassword", user, { password: "twelve chars" });
      const after = (await storedUsers())[0]?.hashedPassword;
      expect(after).not.toBe(before);
      await expect(
        ctx.auth.signIn(ctx.app, { email: "ann@x.test", password: "twelve chars" }),
      ).resolves.toBeTruthy();
    });
  });

  describe("signIn", () => {
    it("answers a token and the user without the hash; the email is compared without case", async () => {
      const created = await register("Ann@X.test");
      const { token, user } = await ctx.auth.signIn(ctx.app, { email: "ann@x.TEST", password: PASSWORD });
      expect(token.split(".")).toHaveLength(3);
      expect(user).toEqual({ id: created.id, email: "Ann@X.test", name: "Ann" });
      expect(user).not.toHaveProperty("hashedPassword");
      expect(JSON.stringify(user)).not.toContain("scrypt$");
    });

    it("fails with one error, the same, for a wrong password, an unknown email and a user without password", async () => {
      await register("ann@x.test");
      await ctx.app.engine.create(User, "invite", { email: "sso@x.test", name: "Sso" });
      const failures = await Promise.all([
        rejection(ctx.auth.signIn(ctx.app, { email: "ann@x.test", password: "wrong password" })),
        rejection(ctx.auth.signIn(ctx.app, { email: "nobody@x.test", password: PASSWORD })),
        rejection(ctx.auth.signIn(ctx.app, { email: "sso@x.test", password: PASSWORD })),
      ]);
      for (const failure of failures) {
        expect(failure).toBeInstanceOf(ForbiddenError);
        expect(failure.message).toBe("user.signIn: the email or password is incorrect");
        expect(failure.toJSON()).toEqual(failures[0]?.toJSON());
      }
      expect(failures[0]?.errors[0]?.code).toBe("authentication_failed");
      expect(await ctx.app.engine.read(AuthToken, "read", { authorize: false })).toEqual([]);
    });

    it("does the same scrypt work for an unknown email as for a wrong password", async () => {
      await register("ann@x.test");
      const time = async (email: string) => {
        const started = performance.now();
        await rejection(ctx.auth.signIn(ctx.app, { email, password: "wrong password" }));
        return performance.now() - started;
      };
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[1] as number;
      await time("warm@x.test");
      const known: number[] = [];
      const unknown: number[] = [];
      for (let i = 0; i < 3; i++) {
        known.push(await time("ann@x.test"));
        unknown.push(await time("nobody@x.test"));
      }
      // Without the decoy hash an unknown email answers in about a fiftieth of the time.
      expect(median(unknown)).toBeGreaterThan(median(known) * 0.3);
    });

    it("says what is missing when the input lacks the email or the password", async () => {
      const error = await rejection(ctx.auth.signIn(ctx.app, { email: "", password: "" }));
      expect(error).toBeInstanceOf(InvalidError);
      expect(error.errors.map((e) => [e.field, e.code])).toEqual([
        ["email", "required"],
        ["password", "required"],
      ]);
    });

    it("a case-sensitive identity is compared by lower(); integer keys make good subjects", async () => {
      const member = await ctx.app.engine.create(Member, "join", { login: "Bob", secret: "ten chars!" });
      const { token, user } = await ctx.members.signIn(ctx.app, { login: "BOB", password: "ten chars!" });
      expect(user).toEqual({ id: member.id, login: "Bob" });
      expect(user).not.toHaveProperty("passwordHash");
      const result = await ctx.members.actorFrom(ctx.app, `Bearer ${token}`);
      expect(result).toMatchObject({ ok: true, actor: { id: member.id, login: "Bob" } });
      expect(result.ok && result.via === "token" && result.claims.sub).toBe(String(member.id));
    });

    it("register creates the user through the configured action and signs them in", async () => {
      const { token, user } = await ctx.auth.register(ctx.app, {
        email: "new@x.test",
        name: "New",
        password: PASSWORD,
      });
      expect(user).not.toHaveProperty("hashedPassword");
      expect(await ctx.auth.actorFrom(ctx.app, `Bearer ${token}`)).toMatchObject({ ok: true, actor: user });
      // @ts-expect-error the input is the register action's: its password argument is required
      const missing = await rejection(ctx.auth.register(ctx.app, { email: "other@x.test", name: "Other" }));
      expect(missing.errors.map((e) => [e.field, e.code])).toEqual([["password", "required"]]);
      await expect(
        ctx.auth.signIn(ctx.app, { email: "NEW@x.test", password: PASSWORD }),
      ).resolves.toBeTruthy();
    });
  });

  describe("actorFrom and signOut", () => {
    const signedIn = async () => {
      await register("ann@x.test");
      return ctx.auth.signIn(ctx.app, { email: "ann@x.test", password: PASSWORD });
    };

    it("resolves a bearer token to the user, without the hash, with its claims", async () => {
      const { user, token } = await signedIn();
      const result = await ctx.auth.actorFrom(ctx.app, `Bearer ${token}`);
      if (!result.ok || result.via !== "token")
        throw new Error(`expected a token actor, got ${JSON.stringify(result)}`);
      expect(result.actor).toEqual({ id: user.id, email: "ann@x.test", name: "ann" });
      expect(JSON.stringify(result)).not.toContain("scrypt$");
      expect(result.claims).toMatchObject({ sub: user.id, exp: result.claims.iat + 3600 });
      const [record] = await ctx.app.engine.read(AuthToken, "read", { authorize: false });
      expect(record).toMatchObject({ jti: result.claims.jti, subject: user.id, revokedAt: null });
      expect(Date.parse(record?.expiresAt as string)).toBe(result.claims.exp * 1000);
    });

    it("answers why, for a missing, malformed, tampered or foreign credential", async () => {
      const { token } = await signedIn();
      const reason = async (header: string | undefined) => {
        const result = await ctx.auth.actorFrom(ctx.app, header);
        return result.ok ? "ok" : result.reason;
      };
      const [header, payload, signature] = token.split(".") as [string, string, string];
      const forged = Buffer.from(
        JSON.stringify({ sub: "someone-else", jti: "x", iat: 1, exp: 2e9 }),
      ).toString("base64url");
      const foreign = signToken({
        secret: "another-secret-of-32-bytes-or-more!!",
        subject: "x",
        ttlSeconds: 60,
      });
      expect(await reason(undefined)).toBe("missing");
      expect(await reason("   ")).toBe("missing");
      expect(await reason(`Basic ${token}`)).toBe("malformed");
      expect(await reason("Bearer")).toBe("malformed");
      expect(await reason("Bearer not-a-token")).toBe("malformed");
      expect(await reason("Bearer ak_tooShort")).toBe("malformed");
      expect(await reason(`Bearer ${header}.${forged}.${signature}`)).toBe("bad_signature");
      expect(await reason(`Bearer ${header}.${payload}.${signature.slice(0, -2)}AA`)).toBe("bad_signature");
      expect(await reason(`Bearer ${foreign.token}`)).toBe("bad_signature");
      expect(await reason(`bearer ${token}`)).toBe("ok");
    });

    it("refuses an expired token", async () => {
      const { token } = await signedIn();
      ctx.clock.advance(3599);
      expect((await ctx.auth.actorFrom(ctx.app, `Bearer ${token}`)).ok).toBe(true);
      ctx.clock.advance(1);
      expect(await ctx.auth.actorFrom(ctx.app, `Bearer ${token}`)).toEqual({ ok: false, reason: "expired" });
    });

    it("sign-out revokes the token for every instance sharing the database; signing out twice is harmless", async () => {
      const { token } = await signedIn();
      const second = await ctx.auth.signIn(ctx.app, { email: "ann@x.test", password: PASSWORD });
      expect(await ctx.auth.signOut(ctx.app, token)).toBe(true);
      expect(await ctx.auth.actorFrom(ctx.app, `Bearer ${token}`)).toEqual({ ok: false, reason: "revoked" });
      const elsewhere = (await authApp(ctx.app.dataLayer)).auth; // another process: another authentication()
      expect(await elsewhere.actorFrom(ctx.app, `Bearer ${token}`)).toEqual({ ok: false, reason: "revoked" });
      expect((await ctx.auth.actorFrom(ctx.app, `Bearer ${second.token}`)).ok).toBe(true);
      expect(await ctx.auth.signOut(ctx.app, token)).toBe(false);
      expect(await ctx.auth.signOut(ctx.app, "garbage")).toBe(false);
      const revoked = await ctx.app.engine.read(AuthToken, "read", {
        authorize: false,
        filter: { revokedAt: { isNil: false } },
      });
      expect(revoked).toHaveLength(1);
    });

    it("refuses a well-signed token that was never recorded (unknown jti)", async () => {
      const { user } = await signedIn();
      const unrecorded = signToken({
        secret: SECRET,
        subject: user.id as string,
        ttlSeconds: 60,
        now: ctx.clock.now(),
      });
      expect(await ctx.auth.actorFrom(ctx.app, `Bearer ${unrecorded.token}`)).toEqual({
        ok: false,
        reason: "revoked",
      });
    });

    it("refuses the token of a deleted user as unknown_user", async () => {
      const { user, token } = await signedIn();
      await ctx.app.engine.destroy(User, "destroy", user);
      expect(await ctx.auth.actorFrom(ctx.app, `Bearer ${token}`)).toEqual({
        ok: false,
        reason: "unknown_user",
      });
    });

    it("the token resource refuses every authorized call by default", async () => {
      const { user } = await signedIn();
      const visible = await ctx.app.engine.read(AuthToken, "read", { actor: user }).catch((e: unknown) => e);
      expect(visible instanceof ForbiddenError || (Array.isArray(visible) && visible.length === 0)).toBe(
        true,
      );
      const created = await rejection(
        ctx.app.engine.create(
          AuthToken,
          "create",
          { jti: "j", subject: "s", expiresAt: new Date() },
          { actor: user },
        ),
      );
      expect(created).toBeInstanceOf(ForbiddenError);
    });

    it("deleteExpiredTokens deletes only the records of expired tokens", async () => {
      const { user } = await signedIn();
      ctx.clock.advance(1800);
      await ctx.auth.issue(ctx.app, user);
      ctx.clock.advance(1800);
      expect(await ctx.auth.deleteExpiredTokens(ctx.app)).toBe(1);
      expect(await ctx.app.engine.read(AuthToken, "read", { authorize: false })).toHaveLength(1);
    });
  });

  describe("API keys", () => {
    it("a key is shown once, stored as its SHA-256 only, and resolves to its user", async () => {
      const user = await register("ann@x.test");
      const { key, apiKey } = await ctx.auth.createApiKey(ctx.app, user, { name: "CI" });
      expect(key).toMatch(/^ak_[A-Za-z0-9_-]{43}$/);
      expect(apiKey).not.toHaveProperty("keyHash");
      const rows: Row[] = await ctx.app.engine.read(ApiKey, "read", { authorize: false });
      expect(JSON.stringify(rows)).not.toContain(key.slice(3));
      expect(rows[0]?.keyHash).toMatch(/^[0-9a-f]{64}$/);
      const result = await ctx.auth.actorFrom(ctx.app, `Bearer ${key}`);
      expect(result).toMatchObject({
        ok: true,
        via: "apiKey",
        actor: { id: user.id },
        apiKey: { name: "CI" },
      });
      expect(JSON.stringify(result)).not.toContain("scrypt$");
      expect(JSON.stringify(result)).not.toContain(rows[0]?.keyHash as string);
    });

    it("refuses a revoked, expired or unknown key", async () => {
      const user = await register("ann@x.test");
      const revoked = await ctx.auth.createApiKey(ctx.app, user);
      const expiring = await ctx.auth.createApiKey(ctx.app, user, { expiresInSeconds: 60 });
      await ctx.auth.revokeApiKey(ctx.app, revoked.apiKey.id as string);
      expect(await ctx.auth.actorFrom(ctx.app, `Bearer ${revoked.key}`)).toEqual({
        ok: false,
        reason: "revoked",
      });
      expect((await ctx.auth.actorFrom(ctx.app, `Bearer ${expiring.key}`)).ok).toBe(true);
      ctx.clock.advance(60);
      expect(await ctx.auth.actorFrom(ctx.app, `Bearer ${expiring.key}`)).toEqual({
        ok: false,
        reason: "expired",
      });
      const unknown = `ak_${"A".repeat(43)}`;
      expect(await ctx.auth.actorFrom(ctx.app, `Bearer ${unknown}`)).toEqual({
        ok: false,
        reason: "revoked",
      });
    });

    it("refuses the key of a deleted user as unknown_user", async () => {
      const user = await register("ann@x.test");
      const { key } = await ctx.auth.createApiKey(ctx.app, user);
      await ctx.app.engine.destroy(User, "destroy", user);
      expect(await ctx.auth.actorFrom(ctx.app, `Bearer ${key}`)).toEqual({
        ok: false,
        reason: "unknown_user",
      });
    });
  });
}
