import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Desk, Person, serveDesk, Tag } from "./fixture.js";

type Row = Record<string, unknown>;
const MT = "application/vnd.api+json";

let desk: Desk;
let ann: Row;
let bob: Row;
let agent: Row;

async function call(
  method: string,
  path: string,
  as: Row | undefined,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${desk.base}${path}`, {
    method,
    headers: {
      ...(as ? { "x-person": String(as.id) } : {}),
      ...(body === undefined ? {} : { "content-type": MT }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? (JSON.parse(text) as Row) : undefined,
  };
}
const get = (path: string, as: Row | undefined = agent) => call("GET", path, as);
const open = (as: Row, attributes: Row) =>
  call("POST", "/api/json/tickets", as, { data: { type: "ticket", attributes } });
const data = (r: { json?: Row }) => r.json?.data as Row & Row[];
const errors = (r: { json?: Row }) => r.json?.errors as Row[];
const links = (r: { json?: Row }) => (r.json?.links ?? {}) as Row;

beforeAll(async () => {
  desk = await serveDesk();
  const make = (name: string, role = "customer") =>
    desk.app.engine.create(Person, "create", { name, role, secret: `s-${name}` }, { authorize: false });
  ann = await make("ann");
  bob = await make("bob");
  agent = await make("ada", "agent");
  for (const [i, subject] of ["printer", "monitor", "Keyboard", "mouse"].entries())
    await open(i % 2 ? bob : ann, { subject, priority: i === 3 ? "urgent" : "normal" });
});
afterAll(() => desk.close());

describe("reading", () => {
  it("lists with filter, sort and a page; every document says jsonapi 1.1 and uses the media type", async () => {
    const r = await get("/api/json/tickets?filter[priority]=normal&sort=-subject&page[limit]=2");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe(MT);
    expect(r.json?.jsonapi).toEqual({ version: "1.1" });
    expect(data(r).map((t) => (t.attributes as Row).subject)).toEqual(["printer", "monitor"]);
    expect(links(r).next).toContain("page[offset]=2");
    expect(links(r).prev).toBeUndefined();
    expect(typeof (data(r)[0]?.meta as Row | undefined)?.cursor).toBe("string");
  });

  it("contains is case-insensitive; paths, calculations, aggregates, or/not work", async () => {
    const subjects = async (q: string) =>
      data(await get(`/api/json/tickets?${q}&sort=subject`)).map((t) => (t.attributes as Row).subject);
    expect(await subjects("filter[subject][contains]=KEY")).toEqual(["Keyboard"]);
    expect(await subjects("filter[reporter][name]=bob")).toEqual(["monitor", "mouse"]);
    expect(await subjects("filter[isUrgent]=true")).toEqual(["mouse"]);
    expect(await subjects("filter[commentCount][gte]=0&filter[priority][in]=urgent,low")).toEqual(["mouse"]);
    expect(await subjects("filter[or][0][subject]=mouse&filter[or][1][subject]=printer")).toEqual([
      "mouse",
      "printer",
    ]);
    expect(await subjects("filter[not][reporter][name]=bob")).toEqual(["Keyboard", "printer"]);
  });

  it("keyset pages: following links.next visits every record once, and prev appears exactly when there is one", async () => {
    const seen: string[] = [];
    let next: string | undefined = "/api/json/tickets?sort=subject&page[limit]=1&page[after]=";
    const first = await get("/api/json/tickets?sort=subject&page[limit]=1");
    const cursor = (data(first)[0]?.meta as Row | undefined)?.cursor as string;
    seen.push(data(first)[0]?.id as string);
    next = `/api/json/tickets?sort=subject&page[limit]=1&page[after]=${encodeURIComponent(cursor)}`;
    while (next) {
      const page = await get(next);
      expect(links(page).prev).toBeDefined();
      seen.push(...data(page).map((t) => t.id as string));
      next = links(page).next as string | undefined;
    }
    expect(seen).toHaveLength(4);
    expect(new Set(seen).size).toBe(4);
  });

  it("include and fields: related records once each; calculations and aggregates only when asked for", async () => {
    const r = await get(
      "/api/json/tickets?include=reporter&fields[ticket]=subject,isUrgent,commentCount,reporter&sort=subject",
    );
    const first = data(r)[0] as Row;
    expect(first.attributes).toEqual({ subject: "Keyboard", isUrgent: false, commentCount: 0 });
    expect((first.relationships as Row).reporter).toMatchObject({ data: { type: "person", id: ann.id } });
    const included = r.json?.included as Row[];
    expect(included.map((p) => (p.attributes as Row).name).sort()).toEqual(["ann", "bob"]);
    expect(JSON.stringify(r.json)).not.toContain("s-ann");
    expect(Object.keys((data(await get("/api/json/tickets")) as Row[])[0]?.attributes as Row)).not.toContain(
      "isUrgent",
    );
  });

  it("policies: a customer sees only their tickets, another's is not found, and a hidden field is absent and unfilterable", async () => {
    const mine = await get("/api/json/tickets", ann);
    expect(
      data(mine).every(
        (t) => (t.relationships as Row & { reporter: { data: Row } }).reporter.data.id === ann.id,
      ),
    ).toBe(true);
    expect(Object.keys(data(mine)[0]?.attributes as Row)).not.toContain("internalNotes");
    const bobs = data(await get("/api/json/tickets", bob))[0] as Row;
    const hidden = await get(`/api/json/tickets/${bobs.id}`, ann);
    expect(hidden.status).toBe(404);
    expect(errors(hidden)[0]).toMatchObject({ status: "404", code: "not_found" });
    const filtered = await get("/api/json/tickets?filter[internalNotes]=x", ann);
    expect(filtered.status).toBe(400);
    expect(errors(filtered)[0]?.source).toEqual({ parameter: "filter[internalNotes]" });
    expect((await get("/api/json/tickets?sort=internalNotes", ann)).status).toBe(400);
  });

  it("bad parameters are 400s naming the parameter", async () => {
    const cases: [string, string][] = [
      ["filter[nope]=1", "filter[nope]"],
      ["filter[subject][like]=x", "filter[subject][like]"],
      ["sort=nope", "sort"],
      ["include=nope", "include"],
      ["fields[ticket]=nope", "fields[ticket]"],
      ["page[limit]=0", "page[limit]"],
      ["page[limit]=101", "page[limit]"],
      ["bogus=1", "bogus"],
      ["filter[priority]=bogus", "filter[priority]"],
    ];
    for (const [query, parameter] of cases) {
      const r = await get(`/api/json/tickets?${query}`);
      expect([query, r.status, errors(r)[0]?.source]).toEqual([query, 400, { parameter }]);
    }
  });
});

describe("writing", () => {
  it("POST: 201 with Location; an unaccepted member is 400 and nothing is written; a client id is 403", async () => {
    const created = await open(ann, { subject: "new one", estimate: "2.50" });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/json/tickets/${data(created).id}`);
    expect((data(created).attributes as Row).estimate).toBe("2.5");
    const before = data(await get("/api/json/tickets")).length;
    const status = await open(ann, { subject: "x", status: "closed" });
    expect(status.status).toBe(400);
    expect(errors(status)[0]?.source).toEqual({ pointer: "/data/attributes/status" });
    const rel = await call("POST", "/api/json/tickets", ann, {
      data: {
        type: "ticket",
        attributes: { subject: "x" },
        relationships: { reporter: { data: { type: "person", id: bob.id } } },
      },
    });
    expect([rel.status, errors(rel)[0]?.source]).toEqual([400, { pointer: "/data/relationships/reporter" }]);
    const clientId = await call("POST", "/api/json/tickets", ann, {
      data: { type: "ticket", id: "x", attributes: { subject: "x" } },
    });
    expect(clientId.status).toBe(403);
    const wrongType = await call("POST", "/api/json/tickets", ann, {
      data: { type: "tag", attributes: { subject: "x" } },
    });
    expect(wrongType.status).toBe(409);
    expect(data(await get("/api/json/tickets")).length).toBe(before);
  });

  it("validation failures are 422 with one error per problem pointing at the attribute", async () => {
    const r = await open(ann, { subject: "", priority: "extreme" });
    expect(r.status).toBe(422);
    expect(
      errors(r)
        .map((e) => (e.source as Row).pointer)
        .sort(),
    ).toEqual(["/data/attributes/priority", "/data/attributes/subject"]);
  });

  it("PATCH updates (id must match: 409), member routes run their action, DELETE is 204, forbidden is 403", async () => {
    const t = data(await open(ann, { subject: "to change" }));
    const url = `/api/json/tickets/${t.id}`;
    const patched = await call("PATCH", url, ann, {
      data: { type: "ticket", id: t.id, attributes: { subject: "changed" } },
    });
    expect([patched.status, (data(patched).attributes as Row).subject]).toEqual([200, "changed"]);
    const mismatch = await call("PATCH", url, ann, { data: { type: "ticket", id: "other", attributes: {} } });
    expect(mismatch.status).toBe(409);
    const closed = await call("PATCH", `${url}/close`, ann);
    expect((data(closed).attributes as Row).status).toBe("closed");
    const forbidden = await call("DELETE", url, ann);
    expect(forbidden.status).toBe(403);
    expect((await get(url)).status).toBe(200);
    const deleted = await call("DELETE", url, agent);
    expect([deleted.status, deleted.json]).toEqual([204, undefined]);
    expect((await get(url)).status).toBe(404);
  });

  it("relationship routes: POST and DELETE change links, GET answers linkage; comments come through their route", async () => {
    const t = data(await open(ann, { subject: "tagged" }));
    const tag = await desk.app.engine.create(Tag, "create", { name: "hardware" }, { authorize: false });
    const links = `/api/json/tickets/${t.id}/relationships/tags`;
    expect((await call("POST", links, agent, { data: [{ type: "tag", id: tag.id }] })).status).toBe(204);
    expect(data(await get(links))).toEqual([{ type: "tag", id: tag.id }]);
    expect((await call("DELETE", links, agent, { data: [{ type: "tag", id: tag.id }] })).status).toBe(204);
    expect(data(await get(links))).toEqual([]);
    const comment = await call("POST", "/api/json/comments", ann, {
      data: {
        type: "comment",
        attributes: { body: "hello" },
        relationships: { ticket: { data: { type: "ticket", id: t.id } } },
      },
    });
    expect(comment.status).toBe(201);
    const comments = await get(`/api/json/tickets/${t.id}/comments`, ann);
    expect(data(comments).map((c) => (c.attributes as Row).body)).toEqual(["hello"]);
  });
});

describe("negotiation and errors", () => {
  it("415 for a body with a foreign media-type parameter, 406 for an Accept with only such, 401 without an actor", async () => {
    const r = await call("POST", "/api/json/tickets", ann, "{}", { "content-type": `${MT}; charset=utf-8` });
    expect(r.status).toBe(415);
    expect(
      (await call("GET", "/api/json/tickets", ann, undefined, { accept: `${MT}; charset=utf-8` })).status,
    ).toBe(406);
    expect(
      (await call("GET", "/api/json/tickets", ann, undefined, { accept: `${MT}; profile="x", ${MT}` }))
        .status,
    ).toBe(200);
    expect((await call("GET", "/api/json/tickets", undefined)).status).toBe(401);
  });

  it("the OpenAPI document is served without an actor", async () => {
    const r = await fetch(`${desk.base}/api/json/open-api.json`);
    const doc = (await r.json()) as Row;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths as Row)).toContain("/api/json/tickets/{id}/close");
  });
});
