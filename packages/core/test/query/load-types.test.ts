import { memory } from "@ashlar/core";
import { describe, expect, expectTypeOf, it } from "vitest";
import { seededApp } from "../../src/conformance/helpdesk.js";

describe("typed loads through the code interface", () => {
  it("widens the answer with exactly what was loaded", async () => {
    const { app, fire } = await seededApp(memory());
    const tickets = await app.helpdesk.listTickets({
      load: [
        "commentCount",
        "isUrgent",
        "lastCommentAt",
        { reporter: ["ticketCount"], comments: { limit: 1, load: ["author"] } },
      ],
      sort: ["-commentCount"],
    });
    const t0 = tickets[0];
    if (!t0) throw new Error("expected tickets");
    expectTypeOf(t0.commentCount).toEqualTypeOf<number>();
    expectTypeOf(t0.isUrgent).toEqualTypeOf<boolean | null>();
    expectTypeOf(t0.lastCommentAt).toEqualTypeOf<string | null>();
    expectTypeOf(t0.reporter).toExtend<{ name: string; ticketCount: number } | null>();
    expectTypeOf(t0.comments[0]).toExtend<{ body: string; author: { name: string } | null } | undefined>();
    expect(t0.id).toBe(fire.id);
    expect(t0.commentCount).toBe(3);
    expect(t0.reporter?.ticketCount).toBe(2);
    expect(t0.comments).toHaveLength(1);
    expect(t0.comments[0]?.author?.name).toBeTypeOf("string");

    const one = await app.helpdesk.getTicket(fire.id as string, { load: ["tags"] });
    expectTypeOf(one.tags).toExtend<{ name: string }[]>();
    expect(one.tags.map((t) => t.name)).toEqual(["hardware"]);

    const plain = await app.helpdesk.listTickets();
    // @ts-expect-error nothing was loaded, so there is no commentCount
    void plain[0]?.commentCount;

    // @ts-expect-error "comentCount" is not loadable
    await expect(app.helpdesk.listTickets({ load: ["comentCount"] })).rejects.toThrow(/loadable/);
  });

  it("filters and sorts on calculations and aggregates by name, type-checked", async () => {
    const { app } = await seededApp(memory());
    const busy = await app.helpdesk.listTickets({
      filter: { commentCount: { gte: 2 } },
      sort: ["-isUrgent"],
    });
    expect(busy.map((t) => t.subject)).toEqual(["Printer on fire"]);
  });
});
