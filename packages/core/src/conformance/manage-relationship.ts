import { beforeEach, describe, expect, it } from "vitest";
import type { LayerFactory } from "./helpdesk.js";
import {
  Comment,
  type DeskContext,
  invalidFrom,
  makeDesk,
  Survey,
  Task,
  Ticket,
  User,
} from "./manage-relationship-desk.js";
import { manageRelationshipManyScenarios } from "./manage-relationship-many.js";
import { manageRelationshipRollbackScenarios } from "./manage-relationship-rollback.js";

type Row = Record<string, unknown>;

/**
 * manageRelationship on hasMany, hasOne and belongsTo relationships here; manyToMany and rollbacks in their own
 * files. Every scenario builds the desk on a fresh data layer.
 */
export function manageRelationshipScenarios(makeLayer: LayerFactory): void {
  describe("manageRelationship", () => {
    let desk: DeskContext;
    let ticket: Row;
    let other: Row;
    let c1: Row;
    let c2: Row;
    let c3: Row;

    beforeEach(async () => {
      desk = await makeDesk(makeLayer);
      const { e } = desk;
      ticket = await e.create(Ticket, "create", { subject: "Printer on fire" });
      other = await e.create(Ticket, "create", { subject: "VPN down" });
      c1 = await e.create(Comment, "create", { body: "one", ticketId: ticket.id });
      c2 = await e.create(Comment, "create", { body: "two", ticketId: ticket.id });
      c3 = await e.create(Comment, "create", { body: "three", ticketId: other.id });
    });

    describe("hasMany", () => {
      it("append relates the given records (ids or objects) and leaves the others related", async () => {
        const loose = await desk.e.create(Comment, "create", { body: "loose" });
        const result = await desk.e.update(Ticket, "appendComments", ticket, {
          comments: [loose.id, { id: c3.id }],
        });
        expect(result).toEqual({ id: ticket.id, subject: "Printer on fire", assigneeId: null });
        expect(await desk.commentsOf(ticket)).toEqual(["loose", "one", "three", "two"]);
        expect(await desk.commentsOf(other)).toEqual([]);
      });

      it("append fails on a key that names no record, at its index, and relates nothing", async () => {
        const loose = await desk.e.create(Comment, "create", { body: "loose" });
        const missing = "0190a8f2-0000-7000-8000-000000000000";
        const error = await invalidFrom(
          desk.e.update(Ticket, "appendComments", ticket, { comments: [loose.id, missing] }),
        );
        expect(error.errors.map((e) => e.toJSON())).toEqual([
          {
            code: "not_found",
            class: "invalid",
            message: `comment "${missing}" was not found`,
            field: "comments",
            path: [1],
            source: "ticket.appendComments",
          },
        ]);
        expect(await desk.commentsOf(ticket)).toEqual(["one", "two"]);
      });

      it("append asks for a key when an entry has none", async () => {
        const error = await invalidFrom(
          desk.e.update(Ticket, "appendComments", ticket, { comments: [{ body: "x" }] }),
        );
        expect(error.errors[0]).toMatchObject({ code: "required", field: "comments", path: [0, "id"] });
      });

      it("appendAndRemove unrelates (nil foreign key) the related records not given; they still exist", async () => {
        await desk.e.update(Ticket, "setComments", ticket, { comments: [c2.id, c3.id] });
        expect(await desk.commentsOf(ticket)).toEqual(["three", "two"]);
        const [kept] = await desk.e.read(Comment, "read", { filter: { id: c1.id } });
        expect(kept).toMatchObject({ body: "one", ticketId: null });
      });

      it("appendAndRemove with an empty list (or nil) unrelates everything; an absent argument changes nothing", async () => {
        await desk.e.update(Ticket, "setComments", ticket, {});
        expect(await desk.commentsOf(ticket)).toEqual(["one", "two"]);
        await desk.e.update(Ticket, "setComments", ticket, { comments: null });
        expect(await desk.commentsOf(ticket)).toEqual([]);
        expect(await desk.all(Comment)).toHaveLength(3);
      });

      it("onMissing destroy removes records whose foreign key is required", async () => {
        const t1 = await desk.e.create(Task, "create", { title: "call", ticketId: ticket.id });
        const t2 = await desk.e.create(Task, "create", { title: "fix", ticketId: ticket.id });
        await desk.e.update(Ticket, "setTasks", ticket, { tasks: [t2.id] });
        expect((await desk.all(Task)).map((task) => task.id)).toEqual([t2.id]);
        expect(t1.id).not.toBe(t2.id);
      });

      it("remove unrelates the given records only, and fails on records that are not related", async () => {
        await desk.e.update(Ticket, "removeComments", ticket, { comments: [c1.id] });
        expect(await desk.commentsOf(ticket)).toEqual(["two"]);
        const error = await invalidFrom(
          desk.e.update(Ticket, "removeComments", ticket, { comments: [c2.id, c3.id] }),
        );
        expect(error.errors[0]).toMatchObject({
          code: "not_related",
          field: "comments",
          path: [1],
          message: `comment "${c3.id}" is not related to this ticket`,
        });
        expect(await desk.commentsOf(ticket)).toEqual(["two"]);
      });

      it("directControl updates given records, creates new ones and destroys the rest", async () => {
        const result = await desk.e.update(Ticket, "editComments", ticket, {
          comments: [{ id: c1.id, body: "one, edited" }, { body: "new" }],
        });
        expect(result).not.toHaveProperty("comments");
        expect(await desk.commentsOf(ticket)).toEqual(["new", "one, edited"]);
        expect((await desk.all(Comment)).map((c) => c.body).sort()).toEqual(["new", "one, edited", "three"]);
      });

      it("directControl with onMissing unrelate or ignore keeps the records not given", async () => {
        await desk.e.update(Ticket, "editCommentsUnrelate", ticket, { comments: [{ id: c1.id }] });
        expect(await desk.commentsOf(ticket)).toEqual(["one"]);
        const [loose] = await desk.e.read(Comment, "read", { filter: { id: c2.id } });
        expect(loose).toMatchObject({ body: "two", ticketId: null });

        await desk.e.update(Ticket, "editCommentsKeep", ticket, { comments: [{ body: "more" }] });
        expect(await desk.commentsOf(ticket)).toEqual(["more", "one"]);
      });

      it("directControl treats a key that is not related as a new record (no lookup)", async () => {
        const error = await invalidFrom(
          desk.e.update(Ticket, "editComments", ticket, { comments: [{ id: c3.id, body: "mine now" }] }),
        );
        // The comment create action does not accept an id: the input is wrong, at its index.
        expect(error.errors[0]).toMatchObject({ code: "no_such_input", field: "comments", path: [0, "id"] });
        expect(await desk.commentsOf(other)).toEqual(["three"]);
      });

      it("create only creates, with the foreign key set, and leaves the related records alone", async () => {
        await desk.e.update(Ticket, "addComments", ticket, { comments: [{ body: "a" }, { body: "b" }] });
        expect(await desk.commentsOf(ticket)).toEqual(["a", "b", "one", "two"]);
      });

      it("works in create actions: the parent exists when the related records are written", async () => {
        const opened = await desk.e.create(Ticket, "openWithComments", {
          subject: "Paper jam",
          comments: [{ body: "first" }, { body: "second" }],
        });
        expect(opened).toMatchObject({ subject: "Paper jam" });
        expect(await desk.commentsOf(opened)).toEqual(["first", "second"]);
      });
    });

    describe("hasOne", () => {
      it("directControl creates, updates and (given nil) destroys the one related record", async () => {
        const surveyOf = async () => desk.e.read(Survey, "read", { filter: { ticketId: ticket.id } });
        await desk.e.update(Ticket, "setSurvey", ticket, { survey: { score: 5 } });
        const [created] = await surveyOf();
        expect(created).toMatchObject({ score: 5, ticketId: ticket.id });
        await desk.e.update(Ticket, "setSurvey", ticket, { survey: { id: created?.id, score: 4 } });
        expect((await surveyOf()).map((s) => [s.id, s.score])).toEqual([[created?.id, 4]]);
        const error = await invalidFrom(
          desk.e.update(Ticket, "setSurvey", ticket, { survey: [{ score: 1 }, {}] }),
        );
        expect(error.errors[0]).toMatchObject({ code: "too_many", field: "survey", path: [] });
        await desk.e.update(Ticket, "setSurvey", ticket, { survey: null });
        expect(await desk.all(Survey)).toEqual([]);
      });
    });

    describe("belongsTo", () => {
      let ann: Row;
      let bob: Row;
      beforeEach(async () => {
        ann = await desk.e.create(User, "create", { name: "Ann" });
        bob = await desk.e.create(User, "create", { name: "Bob" });
      });

      it("append sets the foreign key before the write (by key or object), so create validations see it", async () => {
        const opened = await desk.e.create(Ticket, "openAssigned", {
          subject: "Broken chair",
          assignee: ann.id,
        });
        expect(opened.assigneeId).toBe(ann.id);
        const moved = await desk.e.update(Ticket, "assign", opened, { assignee: { id: bob.id } });
        expect(moved.assigneeId).toBe(bob.id);
      });

      it("append fails on a key that names no record and writes nothing", async () => {
        const missing = "0190a8f2-0000-7000-8000-000000000000";
        const error = await invalidFrom(
          desk.e.create(Ticket, "openAssigned", { subject: "Ghost", assignee: missing }),
        );
        expect(error.errors[0]).toMatchObject({
          code: "not_found",
          field: "assignee",
          path: [],
          message: `user "${missing}" was not found`,
        });
        expect((await desk.all(Ticket)).map((r) => r.subject)).toEqual(["Printer on fire", "VPN down"]);
      });

      it("takes one record, not a list", async () => {
        const error = await invalidFrom(
          desk.e.update(Ticket, "assign", ticket, { assignee: [ann.id, bob.id] }),
        );
        expect(error.errors[0]).toMatchObject({
          code: "too_many",
          field: "assignee",
          message: "takes one user, not 2",
        });
      });

      it("appendAndRemove unrelates with nil; remove unrelates only the related record", async () => {
        const assigned = await desk.e.update(Ticket, "assign", ticket, { assignee: ann.id });
        expect((await desk.e.update(Ticket, "reassign", assigned, { assignee: null })).assigneeId).toBeNull();
        const again = await desk.e.update(Ticket, "assign", ticket, { assignee: ann.id });
        await invalidFrom(desk.e.update(Ticket, "unassign", again, { assignee: bob.id }));
        expect((await desk.e.update(Ticket, "unassign", again, { assignee: ann.id })).assigneeId).toBeNull();
      });
    });
  });
  manageRelationshipManyScenarios(makeLayer);
  manageRelationshipRollbackScenarios(makeLayer);
}
