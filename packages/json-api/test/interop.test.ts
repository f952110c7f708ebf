import { Validator } from "@seriousme/openapi-schema-validator";
import Kitsu from "kitsu";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Desk, Person, serveDesk, Ticket } from "./fixture.js";

type Row = Record<string, unknown>;

let desk: Desk;
let agent: Row;

beforeAll(async () => {
  desk = await serveDesk();
  const engine = desk.app.engine;
  agent = await engine.create(Person, "create", { name: "ada", role: "agent" }, { authorize: false });
  const ann = await engine.create(Person, "create", { name: "ann" }, { authorize: false });
  for (const subject of ["printer", "monitor", "keyboard"])
    await engine.create(Ticket, "open", { subject }, { actor: ann });
});
afterAll(() => desk.close());

describe("interoperability", () => {
  it("a third-party JSON:API client (kitsu) reads lists with includes, single records and page meta", async () => {
    const api = new Kitsu({ baseURL: `${desk.base}/api/json`, headers: { "x-person": agent.id } });
    const list = (await api.get("tickets", {
      params: { include: "reporter", sort: "subject", page: { limit: 2, count: true } as never },
    })) as { data: Row[]; meta: Row; links: Row };
    expect(list.data.map((t) => t.subject)).toEqual(["keyboard", "monitor"]);
    expect((list.data[0]?.reporter as { data: Row } | undefined)?.data.name).toBe("ann");
    expect(list.meta).toEqual({ page: { total: 3 } });
    expect(typeof list.links.next).toBe("string");
    const one = (await api.get(`tickets/${String(list.data[0]?.id)}`)) as { data: Row };
    expect(one.data).toMatchObject({ type: "ticket", subject: "keyboard", status: "open" });
  });

  it("the OpenAPI document passes a real OpenAPI 3.1 validator", async () => {
    const doc = (await (await fetch(`${desk.base}/api/json/open-api.json`)).json()) as Parameters<
      Validator["validate"]
    >[0];
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
