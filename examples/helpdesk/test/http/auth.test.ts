import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Helpdesk, startFresh } from "./client.js";
import { STORES } from "./stores.js";

type Row = Record<string, unknown>;

describe.each(STORES)("helpdesk auth over HTTP (%s)", (store) => {
  let hd: Helpdesk;
  beforeAll(async () => {
    hd = await startFresh(store);
  }, 60_000);
  afterAll(() => hd.stop());

  it("serves /healthz and the OpenAPI document without a token", async () => {
    expect(await hd.call("GET", "/healthz")).toMatchObject({ status: 200, json: { status: "ok" } });
    const doc = await hd.call("GET", "/api/json/open-api.json");
    expect([doc.status, doc.json.openapi]).toEqual([200, "3.1.0"]);
    const result = await new Validator().validate(doc.json as Parameters<Validator["validate"]>[0]);
    expect([result.valid, result.errors ?? []]).toEqual([true, []]);
  });

  it("register founds an org with the user as admin and answers a working token; passwords never come back", async () => {
    const r = await hd.call("POST", "/api/auth/register", {
      json: true,
      body: { email: "Founder@Example.test", name: "Fay", password: "long enough", orgName: "Fay's" },
    });
    expect(r.status).toBe(201);
    const user = r.json.user as Row;
    expect(Object.keys(user).sort()).toEqual(["email", "id", "name", "orgId", "role"]);
    expect(user.role).toBe("admin");
    expect(JSON.stringify(r.json)).not.toMatch(/long enough|scrypt/);
    const orgs = await hd.call("GET", "/api/json/orgs", { token: r.json.token as string });
    expect((orgs.json.data as Row[]).map((o) => (o.attributes as Row).name)).toEqual(["Fay's"]);
  });

  it("register: a taken email (in any case) and a short password are 422s pointing at the member", async () => {
    const taken = await hd.call("POST", "/api/auth/register", {
      json: true,
      body: { email: "ADMIN@acme.test", name: "X", password: "long enough", orgName: "X" },
    });
    expect(taken.status).toBe(422);
    expect((taken.json.errors as Row[])[0]?.source).toEqual({ pointer: "/email" });
    const short = await hd.call("POST", "/api/auth/register", {
      json: true,
      body: { email: "new@x.test", name: "X", password: "short", orgName: "X" },
    });
    expect([short.status, (short.json.errors as Row[])[0]?.source]).toEqual([422, { pointer: "/password" }]);
  });

  it("sign-in: the same 401 for a wrong password and an unknown email; email is case-insensitive", async () => {
    const wrong = await hd.call("POST", "/api/auth/sign-in", {
      json: true,
      body: { email: "admin@acme.test", password: "nope-nope" },
    });
    const unknown = await hd.call("POST", "/api/auth/sign-in", {
      json: true,
      body: { email: "who@acme.test", password: "nope-nope" },
    });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.json).toEqual(unknown.json);
    expect(typeof (await hd.signIn("Agent@ACME.test"))).toBe("string");
  });

  it("missing, malformed, tampered and revoked tokens are 401s; sign-out answers 204", async () => {
    const token = await hd.signIn("customer@acme.test");
    expect((await hd.call("GET", "/api/json/tickets", { token })).status).toBe(200);
    expect((await hd.call("GET", "/api/json/tickets")).status).toBe(401);
    expect((await hd.call("GET", "/api/json/tickets", { token: "not-a-token" })).status).toBe(401);
    const tampered = `${token.slice(0, -2)}${token.endsWith("A") ? "B" : "A"}A`;
    expect((await hd.call("GET", "/api/json/tickets", { token: tampered })).status).toBe(401);
    expect((await hd.call("POST", "/api/auth/sign-out", { token })).status).toBe(204);
    expect((await hd.call("GET", "/api/json/tickets", { token })).status).toBe(401);
  });
});
