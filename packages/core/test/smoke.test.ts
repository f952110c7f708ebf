import { describe, expect, expectTypeOf, it } from "vitest";
import { makeApp } from "./fixtures.js";

describe("smoke", () => {
  it("runs", async () => {
    const app = await makeApp();
    const user = await app.support.register("a@b.test", "Ann");
    expectTypeOf(user.role).toEqualTypeOf<"customer" | "agent" | "admin">();
    const ticket = await app.support.openTicket("Printer on fire", "urgent", {}, { actor: user });
    expectTypeOf(ticket.notes).toEqualTypeOf<string | null>();
    expect(ticket.reporterId).toBe(user.id);
    const list = await app.support.listTickets({ filter: { status: "open" }, sort: ["-priority"] });
    expect(list).toHaveLength(1);
    const closed = await app.support.closeTicket(ticket, { reason: "done" });
    expect(closed.status).toBe("closed");
    const byEmail = await app.support.userByEmail("A@B.test");
    expect(byEmail.id).toBe(user.id);
    const n = await app.support.countOpen();
    expectTypeOf(n).toEqualTypeOf<number>();
    const r = await app.support.openTicket.safe("", undefined, {}, { actor: user });
    expect(r.ok).toBe(false);
    if (!r.ok) console.log(r.error.message);
  });
});
