import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Answer, type Helpdesk, startFresh } from "./client.js";
import { STORES } from "./stores.js";

type Row = Record<string, unknown>;
const data = (r: Answer) => r.json.data as Row & Row[];
const attrs = (r: Answer) => data(r).attributes as Row;
const errors = (r: Answer) => (r.json.errors ?? []) as Row[];

describe.each(STORES)("helpdesk JSON:API (%s)", (store) => {
  let hd: Helpdesk;
  let admin: string;
  let agent: string;
  let customer: string;
  let outsider: string;
  const open = (token: string, attributes: Row, extra: Row = {}) =>
    hd.call("POST", "/api/json/tickets", { token, body: { data: { type: "ticket", attributes, ...extra } } });
  const patch = (token: string, path: string, attributes?: Row, id?: string) =>
    hd.call("PATCH", path, {
      token,
      ...(attributes === undefined
        ? {}
        : { body: { data: { type: "ticket", ...(id ? { id } : {}), attributes } } }),
    });

  beforeAll(async () => {
    hd = await startFresh(store);
    admin = await hd.signIn("admin@acme.test");
    agent = await hd.signIn("agent@acme.test");
    customer = await hd.signIn("customer@acme.test");
    const other = await hd.call("POST", "/api/auth/register", {
      json: true,
      body: { email: "boss@globex.test", name: "Gus", password: "password123", orgName: "Globex" },
    });
    outsider = other.json.token as string;
  }, 60_000);
  afterAll(() => hd.stop());

  it("a customer opens a ticket: 201 with Location; reporter and org come from the actor", async () => {
    const r = await open(customer, { subject: "Mouse is sticky", priority: "low" }, {});
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toBe(`/api/json/tickets/${data(r).id}`);
    expect(attrs(r)).toMatchObject({ subject: "Mouse is sticky", status: "open", priority: "low" });
    expect(attrs(r)).not.toHaveProperty("internalNotes");
  });

  it("members the action does not accept are 400s, a client id 403, a wrong type 409 — and nothing is written", async () => {
    const count = async () =>
      (data(await hd.call("GET", "/api/json/tickets?page[count]=true", { token: agent })) as Row[]).length;
    const before = await count();
    const status = await open(customer, { subject: "x", status: "closed" });
    const org = await open(customer, { subject: "x", orgId: "01a20000-0000-7000-8000-000000000000" });
    const reporter = await open(
      customer,
      { subject: "x" },
      { relationships: { reporter: { data: { type: "user", id: "x" } } } },
    );
    expect([status.status, org.status, reporter.status]).toEqual([400, 400, 400]);
    expect(errors(reporter)[0]?.source).toEqual({ pointer: "/data/relationships/reporter" });
    const id = await hd.call("POST", "/api/json/tickets", {
      token: customer,
      body: { data: { type: "ticket", id: "mine", attributes: { subject: "x" } } },
    });
    const type = await hd.call("POST", "/api/json/tickets", {
      token: customer,
      body: { data: { type: "tag", attributes: { subject: "x" } } },
    });
    expect([id.status, type.status]).toEqual([403, 409]);
    const invalid = await open(customer, { subject: "" });
    expect([invalid.status, errors(invalid)[0]?.source]).toEqual([
      422,
      { pointer: "/data/attributes/subject" },
    ]);
    expect(await count()).toBe(before);
  });

  it("orgs are isolated: another org's tickets are not found, not listed, not countable", async () => {
    const mine = data(await hd.call("GET", "/api/json/tickets", { token: agent })) as Row[];
    const foreign = await hd.call("GET", `/api/json/tickets/${mine[0]?.id}`, { token: outsider });
    expect(foreign.status).toBe(404);
    expect(data(await hd.call("GET", "/api/json/tickets", { token: outsider }))).toEqual([]);
    const orgs = data(
      await hd.call("GET", "/api/json/orgs?fields[org]=name,openTicketCount", { token: outsider }),
    ) as Row[];
    expect(orgs.map((o) => o.attributes)).toEqual([{ name: "Globex", openTicketCount: 0 }]);
    const patch404 = await patch(outsider, `/api/json/tickets/${mine[0]?.id}/close`);
    expect(patch404.status).toBe(404);
  });

  it("a customer reads only their own tickets, never internalNotes (filtering on it is a 400), and cannot assign or escalate", async () => {
    const theirs = data(await hd.call("GET", "/api/json/tickets", { token: customer })) as Row[];
    const all = data(await hd.call("GET", "/api/json/tickets", { token: agent })) as Row[];
    expect(theirs.length).toBeLessThan(all.length);
    const agents = all.find((t) => (t.attributes as Row).subject === "Renew the TLS certificate") as Row;
    expect((agents.attributes as Row).internalNotes).toBe("Expires on the 30th.");
    expect((await hd.call("GET", `/api/json/tickets/${agents.id}`, { token: customer })).status).toBe(404);
    const filter = await hd.call("GET", "/api/json/tickets?filter[internalNotes]=x", { token: customer });
    expect([filter.status, errors(filter)[0]?.source]).toEqual([400, { parameter: "filter[internalNotes]" }]);
    const own = theirs[0] as Row;
    expect((await patch(customer, `/api/json/tickets/${own.id}/escalate`)).status).toBe(403);
    const assign = await patch(
      customer,
      `/api/json/tickets/${own.id}/assign`,
      { assigneeId: own.id },
      own.id as string,
    );
    expect(assign.status).toBe(403);
    const after = await hd.call("GET", `/api/json/tickets/${own.id}`, { token: customer });
    expect((after.json.data as Row).attributes).toEqual(own.attributes);
  });

  it("assign takes an agent or admin of the org (else 422); escalate adds one urgent comment; close and reopen", async () => {
    const t = data(await open(customer, { subject: "Screen flickers" }));
    const url = `/api/json/tickets/${t.id}`;
    const users = data(
      await hd.call("GET", "/api/json/users?filter[role]=customer", { token: agent }),
    ) as Row[];
    const bad = await patch(agent, `${url}/assign`, { assigneeId: users[0]?.id }, t.id as string);
    expect([bad.status, errors(bad)[0]?.source]).toEqual([422, { pointer: "/data/attributes/assigneeId" }]);
    const staff = data(await hd.call("GET", "/api/json/users?filter[role]=agent", { token: agent })) as Row[];
    expect((await patch(agent, `${url}/assign`, { assigneeId: staff[0]?.id }, t.id as string)).status).toBe(
      200,
    );
    expect(attrs(await patch(agent, `${url}/escalate`)).priority).toBe("urgent");
    await patch(agent, `${url}/escalate`);
    const comments = data(await hd.call("GET", `${url}/comments`, { token: agent })) as Row[];
    expect(comments.map((c) => (c.attributes as Row).body)).toEqual(["This ticket was marked urgent."]);
    const closed = attrs(await patch(customer, `${url}/close`));
    expect(closed.status).toBe("closed");
    expect(closed.closedAt).not.toBeNull();
    const reopened = attrs(await patch(customer, `${url}/reopen`));
    expect([reopened.status, reopened.closedAt]).toEqual(["open", null]);
  });

  it("tags: agents add and remove links, customers may not (403); admins delete tickets, agents may not", async () => {
    const t = data(await open(customer, { subject: "Keyboard missing keys" }));
    const tags = data(await hd.call("GET", "/api/json/tags", { token: agent })) as Row[];
    const links = `/api/json/tickets/${t.id}/relationships/tags`;
    const one = { data: [{ type: "tag", id: tags[0]?.id }] };
    expect((await hd.call("POST", links, { token: customer, body: one })).status).toBe(403);
    expect((await hd.call("POST", links, { token: agent, body: one })).status).toBe(204);
    expect(data(await hd.call("GET", links, { token: agent }))).toEqual([{ type: "tag", id: tags[0]?.id }]);
    const created = await hd.call("POST", "/api/json/tags", {
      token: customer,
      body: { data: { type: "tag", attributes: { name: "x" } } },
    });
    expect(created.status).toBe(403);
    expect((await hd.call("DELETE", `/api/json/tickets/${t.id}`, { token: agent })).status).toBe(403);
    expect((await hd.call("DELETE", `/api/json/tickets/${t.id}`, { token: admin })).status).toBe(204);
    expect((await hd.call("GET", `/api/json/tickets/${t.id}`, { token: admin })).status).toBe(404);
  });

  it("lists filter, sort, include and page; links.next visits every record once", async () => {
    const q =
      "/api/json/tickets?include=reporter,comments.author,tags&sort=-priority,insertedAt&fields[ticket]=subject,priority,commentCount,hasAgentReply,reporter,comments,tags&page[limit]=2";
    const first = await hd.call("GET", q, { token: agent });
    expect(first.status).toBe(200);
    expect((data(first)[0]?.attributes as Row | undefined)?.priority).toBe("urgent");
    const included = first.json.included as Row[];
    expect(new Set(included.map((i) => `${i.type}:${i.id}`)).size).toBe(included.length);
    const seen: string[] = [];
    let next: string | undefined = q;
    while (next) {
      const page: Answer = await hd.call("GET", next, { token: agent });
      seen.push(...(data(page) as Row[]).map((t) => t.id as string));
      next = (page.json.links as Row).next as string | undefined;
    }
    const total = (await hd.call("GET", "/api/json/tickets?page[count]=true&page[limit]=1", { token: agent }))
      .json.meta as Row;
    expect(seen.length).toBe((total.page as Row).total);
    expect(new Set(seen).size).toBe(seen.length);
    const urgent = data(
      await hd.call("GET", "/api/json/tickets?filter[isUrgent]=true&filter[commentCount][gte]=2", {
        token: agent,
      }),
    ) as Row[];
    expect(urgent.map((t) => (t.attributes as Row).subject)).toEqual(["Printer on fire"]);
    const byEmail = await hd.call("GET", "/api/json/tickets?filter[reporter][email]=CUSTOMER@acme.test", {
      token: agent,
    });
    expect((data(byEmail) as Row[]).length).toBeGreaterThan(0);
  });

  it("events: admins read their org's log (actorId, metadata.source, requestId); others get 403", async () => {
    await hd.call("POST", "/api/json/tickets", {
      token: customer,
      headers: { "x-request-id": "req-42" },
      body: { data: { type: "ticket", attributes: { subject: "Logged" } } },
    });
    expect((await hd.call("GET", "/api/json/events", { token: agent })).status).toBe(403);
    expect((await hd.call("GET", "/api/json/events", { token: customer })).status).toBe(403);
    const events = data(
      await hd.call("GET", "/api/json/events?sort=-id&page[limit]=1", { token: admin }),
    ) as Row[];
    const last = events[0]?.attributes as Row;
    expect(last).toMatchObject({
      resource: "ticket",
      action: "open",
      actionType: "create",
      metadata: { source: "json_api", requestId: "req-42" },
    });
    expect(typeof last.actorId).toBe("string");
    expect(
      data(await hd.call("GET", "/api/json/events", { token: outsider })).every(
        (e: Row) => (e.attributes as Row).resource !== "ticket",
      ),
    ).toBe(true);
    const all = JSON.stringify(await hd.call("GET", "/api/json/events?page[limit]=100", { token: admin }));
    expect(all).not.toMatch(/password123|scrypt\$/);
  });

  it("negotiation: 415 for a foreign media-type parameter, 406 for such an Accept; errors are JSON:API documents", async () => {
    const r = await hd.call("POST", "/api/json/tickets", {
      token: customer,
      body: { data: { type: "ticket", attributes: { subject: "x" } } },
      headers: { "content-type": "application/vnd.api+json; charset=utf-8" },
    });
    expect(r.status).toBe(415);
    const accept = await hd.call("GET", "/api/json/tickets", {
      token: customer,
      headers: { accept: "application/vnd.api+json; version=2" },
    });
    expect(accept.status).toBe(406);
    expect(accept.json.jsonapi).toEqual({ version: "1.1" });
    expect((await hd.call("GET", "/api/json/tickets?bogus=1", { token: customer })).status).toBe(400);
  });
});
