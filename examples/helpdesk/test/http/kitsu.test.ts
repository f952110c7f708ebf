import Kitsu from "kitsu";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Helpdesk, startFresh } from "./client.js";

type Row = Record<string, unknown>;

describe("the helpdesk through a third-party JSON:API client (kitsu)", () => {
  let hd: Helpdesk;
  let api: Kitsu;
  beforeAll(async () => {
    hd = await startFresh("pglite");
    const token = await hd.signIn("agent@acme.test");
    api = new Kitsu({ baseURL: `${hd.running.url}/api/json`, headers: { Authorization: `Bearer ${token}` } });
  }, 60_000);
  afterAll(() => hd.stop());

  it("reads tickets with included reporters and tags, and follows the next link", async () => {
    const page = (await api.get("tickets", {
      params: { include: "reporter,tags", sort: "insertedAt", page: { limit: 2 } as never },
    })) as { data: Row[]; links: Row };
    expect(page.data.map((t) => t.subject)).toEqual(["Printer on fire", "VPN drops every hour"]);
    const first = page.data[0] as Row;
    expect((first.reporter as { data: Row }).data.email).toBe("customer@acme.test");
    expect(((first.tags as { data: Row[] }).data ?? []).map((t) => t.name)).toEqual(["hardware"]);
    const next = new URL(page.links.next as string, hd.running.url);
    const offset = Number(next.searchParams.get("page[offset]"));
    expect(offset).toBe(2);
    const second = (await api.get("tickets", {
      params: { sort: "insertedAt", page: { limit: 2, offset } as never },
    })) as { data: Row[] };
    expect(second.data.map((t) => t.subject)).toEqual([
      "Invoice shows the wrong address",
      "Renew the TLS certificate",
    ]);
  });
});
