import {
  afterAction,
  create,
  createApp,
  destroy,
  domain,
  InvalidError,
  type LogEvent,
  memory,
  type Notification,
  read,
  resource,
  type SubscriptionFilter,
  set,
  t,
  UnknownError,
  update,
  validation,
} from "@ashlar/core";
import { beforeEach, describe, expect, it } from "vitest";

/** What the resource's notifiers received, in order. */
const notified: Notification[] = [];
let notifierThrows = false;

const Ticket = resource("ticket", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    subject: t.string({ min: 1 }),
    orgId: t.string(),
    status: t.enum(["open", "closed"]).default("open"),
    secret: t.string().sensitive().optional(),
  },
  notifiers: [
    {
      name: "flaky",
      notify: () => {
        if (notifierThrows) throw new Error("notifier down");
      },
    },
    { name: "recorder", notify: (n) => void notified.push(n) },
  ],
  publications: [
    { action: "open", topic: "org:{orgId}:tickets" },
    { action: ["close", "remove"], topic: "ticket:{id}:ended" },
    { type: "update", topic: "ticket:{id}" },
  ],
  actions: {
    read: read({ primary: true }),
    open: create({ accept: ["subject", "orgId", "secret"] }),
    edit: update({ accept: ["subject", "status", "secret"] }),
    close: update({ changes: [set("status", "closed")] }),
    remove: destroy({}),
    refuse: create({
      accept: ["subject", "orgId"],
      validations: [validation({ describe: () => "always fails", validate: () => ({ message: "refused" }) })],
    }),
    openThenFail: create({
      accept: ["subject", "orgId"],
      changes: [
        afterAction(() => {
          throw new Error("after the write");
        }),
      ],
    }),
  },
});

const Comment = resource("comment", {
  attributes: { id: t.uuidv7().primaryKey(), body: t.string() },
  actions: { create: create({ accept: ["body"] }) },
});

const Desk = domain("desk", { resources: [Ticket, Comment] });

const events: LogEvent[] = [];
let app: Awaited<ReturnType<typeof makeApp>>;
const makeApp = () => createApp({ domains: [Desk], dataLayer: memory(), logger: (e) => void events.push(e) });
const open = (subject = "Printer on fire", orgId = "42", options = {}) =>
  app.engine.create(Ticket, "open", { subject, orgId, secret: "hunter2" }, options);
const tickets = () => app.engine.read(Ticket, "read");

/** Subscribes with a filter and answers the list it fills. */
function collect(filter: SubscriptionFilter): Notification[] {
  const got: Notification[] = [];
  app.pubsub.subscribe(filter, (n) => void got.push(n));
  return got;
}
const summary = (ns: readonly Notification[]) => ns.map((n) => `${n.resource}.${n.action}`);

beforeEach(async () => {
  notified.length = 0;
  events.length = 0;
  notifierThrows = false;
  app = await makeApp();
});

describe("notification contents", () => {
  it("a create announces the record, its changes (no sensitive attributes), actor, tenant and topics", async () => {
    const actor = { id: "u1" };
    const record = await open("Printer on fire", "42", { actor, tenant: "acme" });
    expect(notified).toHaveLength(1);
    const n = notified[0]!;
    expect(n).toMatchObject({ resource: "ticket", action: "open", actionType: "create", tenant: "acme" });
    expect(n.actor).toEqual(actor);
    expect(n.record).toEqual(record);
    expect(n.previous).toBeUndefined();
    expect(n.changes).toEqual({ id: record.id, subject: "Printer on fire", orgId: "42", status: "open" });
    expect(n.topics).toEqual(["ticket:open", "org:42:tickets"]);
    expect(typeof n.occurredAt).toBe("string");
  });

  it("an update announces the previous record and only the attributes that changed", async () => {
    const before = await open();
    notified.length = 0;
    const after = await app.engine.update(Ticket, "edit", before, {
      subject: "Printer fixed",
      status: "open",
      secret: "new secret",
    });
    expect(notified).toHaveLength(1);
    const n = notified[0]!;
    expect(n).toMatchObject({ action: "edit", actionType: "update", actor: undefined, tenant: undefined });
    expect(n.previous).toEqual(before);
    expect(n.record).toEqual(after);
    expect(n.changes).toEqual({ subject: "Printer fixed" });
    expect(n.topics).toEqual(["ticket:edit", `ticket:${before.id}`]);
  });

  it("publications match by action list and by type, with {field} filled from the record", async () => {
    const ticket = await open();
    notified.length = 0;
    const closed = await app.engine.update(Ticket, "close", ticket.id as string);
    expect(closed.status).toBe("closed");
    expect(notified[0]?.changes).toEqual({ status: "closed" });
    expect(notified[0]?.topics).toEqual(["ticket:close", `ticket:${ticket.id}:ended`, `ticket:${ticket.id}`]);
  });

  it("a destroy announces the record as it was", async () => {
    const ticket = await open();
    notified.length = 0;
    await app.engine.destroy(Ticket, "remove", ticket);
    expect(notified).toHaveLength(1);
    const n = notified[0]!;
    expect(n).toMatchObject({ action: "remove", actionType: "destroy" });
    expect(n.record).toEqual(ticket);
    expect(n.previous).toEqual(ticket);
    expect(n.changes).toEqual({});
    expect(n.topics).toEqual(["ticket:remove", `ticket:${ticket.id}:ended`]);
    expect(await tickets()).toEqual([]);
  });

  it("notifiers and subscribers receive the same notification", async () => {
    const got = collect({});
    await open();
    expect(got).toHaveLength(1);
    expect(got[0]).toEqual(notified[0]);
  });

  it("previous is a snapshot: the caller reusing its record object does not change a queued notification", async () => {
    const ticket = await open("old subject");
    notified.length = 0;
    await app.transaction(async () => {
      const updated = await app.engine.update(Ticket, "edit", ticket, { subject: "new subject" });
      Object.assign(ticket, updated);
    });
    expect(notified[0]?.previous?.subject).toBe("old subject");
  });
});

describe("no notification for work that did not happen", () => {
  it("none for an invalid action, a rolled-back action or a read", async () => {
    const got = collect({});
    await expect(app.engine.create(Ticket, "refuse", { subject: "x", orgId: "1" })).rejects.toBeInstanceOf(
      InvalidError,
    );
    await expect(
      app.engine.create(Ticket, "openThenFail", { subject: "x", orgId: "1" }),
    ).rejects.toBeInstanceOf(UnknownError);
    await expect(app.engine.create(Ticket, "open", { subject: "" })).rejects.toBeInstanceOf(InvalidError);
    await tickets();
    expect(await tickets()).toEqual([]);
    expect(got).toEqual([]);
    expect(notified).toEqual([]);
  });

  it("none for an update of a record that no longer exists", async () => {
    const ticket = await open();
    await app.engine.destroy(Ticket, "remove", ticket);
    notified.length = 0;
    await expect(app.engine.update(Ticket, "edit", ticket, { subject: "ghost" })).rejects.toBeInstanceOf(
      InvalidError,
    );
    expect(notified).toEqual([]);
  });
});

describe("pubsub", () => {
  it("filters by resource, action, action type and topic (exact and prefix*)", async () => {
    const all = collect({});
    const ticketsOnly = collect({ resource: "ticket" });
    const comments = collect({ resource: "comment" });
    const opens = collect({ action: "open" });
    const updates = collect({ actionType: "update" });
    const org42 = collect({ topic: "org:42:tickets" });
    const anyOrg = collect({ topic: "org:*" });
    const org4x = collect({ topic: "org:4*" });
    const combined = collect({ resource: "ticket", actionType: "update", topic: "ticket:*" });

    const a = await open("a", "42");
    await open("b", "7");
    const ofA = collect({ topic: `ticket:${a.id}` });
    await app.engine.update(Ticket, "edit", a, { subject: "a2" });
    await app.engine.update(Ticket, "close", a.id as string);
    await app.engine.destroy(Ticket, "remove", a.id as string);
    await app.engine.create(Comment, "create", { body: "hi" });

    expect(summary(all)).toEqual([
      "ticket.open",
      "ticket.open",
      "ticket.edit",
      "ticket.close",
      "ticket.remove",
      "comment.create",
    ]);
    expect(ticketsOnly).toHaveLength(5);
    expect(summary(comments)).toEqual(["comment.create"]);
    expect(opens.map((n) => n.record.subject)).toEqual(["a", "b"]);
    expect(summary(updates)).toEqual(["ticket.edit", "ticket.close"]);
    expect(org42.map((n) => n.record.subject)).toEqual(["a"]);
    expect(anyOrg.map((n) => n.record.subject)).toEqual(["a", "b"]);
    expect(org4x.map((n) => n.record.subject)).toEqual(["a"]);
    expect(summary(combined)).toEqual(["ticket.edit", "ticket.close"]);
    expect(summary(ofA)).toEqual(["ticket.edit", "ticket.close"]);
  });

  it("unsubscribing stops delivery to that subscriber only", async () => {
    const kept: string[] = [];
    const dropped: string[] = [];
    app.pubsub.subscribe({ resource: "ticket" }, (n) => void kept.push(String(n.record.subject)));
    const stop = app.pubsub.subscribe(
      { resource: "ticket" },
      (n) => void dropped.push(String(n.record.subject)),
    );
    await open("first");
    stop();
    await open("second");
    expect(kept).toEqual(["first", "second"]);
    expect(dropped).toEqual(["first"]);
  });
});

describe("failing receivers", () => {
  it("a throwing notifier does not fail the action, other receivers still run, and the logger is told", async () => {
    notifierThrows = true;
    const got = collect({});
    const record = await open();
    expect(await tickets()).toEqual([record]);
    expect(notified).toHaveLength(1);
    expect(got).toHaveLength(1);
    const failures = events.filter((e) => e.event === "notifier.error");
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      level: "error",
      resource: "ticket",
      action: "open",
      notifier: "flaky",
    });
    expect((failures[0]!.error as Error).message).toBe("notifier down");
  });

  it("a throwing subscriber does not fail the action, later subscribers still run, and the logger is told", async () => {
    app.pubsub.subscribe({}, () => {
      throw new Error("subscriber down");
    });
    app.pubsub.subscribe({}, async () => {
      await Promise.resolve();
      throw new Error("async subscriber down");
    });
    const got = collect({});
    const record = await open();
    expect(record.subject).toBe("Printer on fire");
    expect(got).toHaveLength(1);
    const failures = events.filter((e) => e.event === "subscriber.error");
    expect(failures.map((e) => (e.error as Error).message)).toEqual([
      "subscriber down",
      "async subscriber down",
    ]);
    expect(failures[0]).toMatchObject({ level: "error", resource: "ticket", action: "open" });
    expect(events.filter((e) => e.event === "action.error")).toEqual([]);
  });
});
