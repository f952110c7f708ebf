import { authentication, hashPasswordChange, tokenResource } from "@ashlar/auth";
import { create, createApp, domain, FrameworkError, read, resource, t } from "@ashlar/core";
import { describe, expect, it } from "vitest";
import { AuthToken, SECRET, User } from "./fixture.js";

function thrown(fn: () => unknown): FrameworkError {
  try {
    fn();
  } catch (error) {
    return error as FrameworkError;
  }
  throw new Error("expected a Framework error, and nothing was thrown");
}

describe("authentication() checks its configuration", () => {
  it("accepts the fixture's configuration", () => {
    expect(authentication({ secret: SECRET, user: User, tokens: AuthToken }).config).toMatchObject({
      identity: "email",
      identityIgnoresCase: true,
      passwordField: "hashedPassword",
      ttlSeconds: 86400,
      userKey: "id",
    });
  });

  it("reports every problem at once, each naming the resource and field and what to do", () => {
    const Person = resource("person", {
      attributes: { id: t.uuidv7().primaryKey(), email: t.string(), hashedPassword: t.string().optional() },
      actions: { add: create({ accept: ["email"] }) },
    });
    const Tokens = resource("tokens", {
      attributes: { jti: t.string().primaryKey(), subject: t.string() },
      actions: { read: read() },
    });
    const error = thrown(() =>
      authentication({ secret: SECRET, user: Person, tokens: Tokens, register: "signUp", ttlSeconds: 0 }),
    );
    expect(error).toBeInstanceOf(FrameworkError);
    expect(error.errors.map((e) => e.message)).toEqual([
      "ttlSeconds must be a whole number of seconds above 0, not 0",
      'person.email must be unique to sign in with: add identities: { uniqueEmail: ["email"] }',
      "person.hashedPassword must be .sensitive(), so the hash never reaches logs or events",
      "person needs a read action",
      'register: person has no create action "signUp"',
      "tokens: tokens lacks attribute expiresAt, attribute revokedAt, action create, action revoke; make it with tokenResource()",
    ]);
    expect(error.message).toMatch(/^authentication\(\): 6 problem\(s\):\n- ttlSeconds/);
  });

  it("names a missing identity or password attribute", () => {
    const error = thrown(() =>
      authentication({
        secret: SECRET,
        user: User,
        tokens: AuthToken,
        identity: "login",
        passwordField: "pw",
      }),
    );
    expect(error.errors.map((e) => e.message)).toEqual([
      'user has no attribute "login" to sign in with; set identity to one it has',
      'user has no attribute "pw" for the password hash; add pw: t.string().optional().sensitive(), or set passwordField',
    ]);
  });

  it("refuses a short secret", () => {
    expect(() => authentication({ secret: "short", user: User, tokens: AuthToken })).toThrow(
      "authentication(): the secret is 5 bytes long; it must be at least 32 bytes",
    );
  });

  it("the token resource can be renamed and given policies", () => {
    const Session = tokenResource("session");
    expect(Session.name).toBe("session");
    expect(Object.keys(Session.actions)).toEqual(["read", "create", "revoke", "destroy"]);
    expect(authentication({ secret: SECRET, user: User, tokens: Session }).config.tokens).toBe(Session);
  });
});

describe("hashPasswordChange checks where it is used when the app is built", () => {
  it("wants a sensitive argument and a sensitive attribute", async () => {
    const Account = resource("account", {
      attributes: { id: t.uuidv7().primaryKey(), pw: t.string().optional() },
      actions: {
        read: read(),
        // @ts-expect-error an argument the action does not declare is a compile error too
        noArgument: create({ changes: [hashPasswordChange("password", "pw")] }),
        plainArgument: create({
          arguments: { secret: t.string() },
          changes: [hashPasswordChange("secret", "pw")],
        }),
      },
    });
    const error = await createApp({ domains: [domain("d", { resources: [Account] })] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FrameworkError);
    const message = (error as Error).message;
    expect(message).toContain(
      'hashPasswordChange: action noArgument has no argument "password"; add arguments: { password: t.string({ trim: false }).sensitive() }',
    );
    expect(message).toContain("hashPasswordChange: argument plainArgument.secret must be .sensitive()");
    expect(message).toContain("hashPasswordChange: attribute pw must be .sensitive()");
  });

  it("refuses a minimum length below 1 or above the maximum", () => {
    expect(() => hashPasswordChange("password", "hashedPassword", { minLength: 0 })).toThrow(
      /minLength must be/,
    );
    expect(() => hashPasswordChange("password", "hashedPassword", { minLength: 20, maxLength: 10 })).toThrow(
      /maxLength at least minLength/,
    );
  });
});
