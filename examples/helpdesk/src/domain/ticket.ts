import {
  belongsTo,
  calculation,
  count,
  create,
  destroy,
  existsAggregate,
  expr,
  hasMany,
  manageRelationship,
  manyToMany,
  max,
  read,
  relateActor,
  resource,
  set,
  t,
  update,
} from "@ashlar/core";
import { assigneeIsStaffOfOrg } from "./assignee-in-org.js";
import { Comment } from "./comment.js";
import { destroyChildren } from "./destroy-children.js";
import { escalatePriority } from "./escalate.js";
import { Org } from "./org.js";
import { PAGINATION } from "./pagination.js";
import { relateActorOrg } from "./relate-actor-org.js";
import { ticketFieldPolicies, ticketPolicies } from "./ticket-policies.js";
import { TicketTag } from "./ticket-tag.js";
import { commentWhenUrgent } from "./urgent-comment.js";
import { User } from "./user.js";

/** A list of tags: their ids, or `{ id }` objects (as a JSON:API relationship's data gives them). */
const tagKeys = () => t.array(t.json());

/**
 * A support ticket: reported by a user of an org, worked on by its agents. Becoming urgent adds a comment
 * (`commentWhenUrgent`); destroying it destroys its comments and tag links through their own actions.
 */
export const Ticket = resource("ticket", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    subject: t.string({ min: 1, max: 200 }),
    body: t.string({ max: 20_000 }).optional(),
    status: t.enum(["open", "pending", "closed"]).default("open"),
    priority: t.enum(["low", "normal", "high", "urgent"]).default("normal"),
    /** For agents and admins only: customers never see it (a field policy). */
    internalNotes: t.string({ max: 20_000 }).optional(),
    insertedAt: t.createTimestamp(),
    updatedAt: t.updateTimestamp(),
    closedAt: t.datetime().optional(),
  },
  relationships: {
    reporter: belongsTo(() => User, { attribute: t.uuid() }),
    assignee: belongsTo(() => User),
    org: belongsTo(() => Org, { attribute: t.uuid() }),
    comments: hasMany(() => Comment),
    tags: manyToMany("tag", { through: () => TicketTag }),
  },
  calculations: {
    isUrgent: calculation(t.boolean(), expr`priority == "urgent" and status != "closed"`),
  },
  aggregates: {
    commentCount: count("comments"),
    lastCommentAt: max("comments", "insertedAt"),
    hasAgentReply: existsAggregate("comments", { filter: expr`author.role in ["agent", "admin"]` }),
  },
  // Every create and update: an urgent comment whenever the ticket becomes urgent (open, update, escalate).
  changes: [commentWhenUrgent(() => Comment)],
  actions: {
    read: read({ primary: true, pagination: PAGINATION }),
    /** Any user opens a ticket: they are its reporter, and it is in their org. */
    open: create({
      accept: ["subject", "body", "priority"],
      changes: [relateActor("reporter"), relateActorOrg()],
    }),
    update: update({ primary: true, accept: ["subject", "body", "priority", "internalNotes"] }),
    close: update({ changes: [set("status", "closed"), set("closedAt", (cs) => cs.timestamp)] }),
    reopen: update({ changes: [set("status", "open"), set("closedAt", null)] }),
    assign: update({ accept: ["assigneeId"], validations: [assigneeIsStaffOfOrg(() => User)] }),
    escalate: update({ changes: [escalatePriority()] }),
    destroy: destroy({
      primary: true,
      changes: [
        destroyChildren(() => [
          { resource: Comment, foreignKey: "ticketId" },
          { resource: TicketTag, foreignKey: "ticketId" },
        ]),
      ],
    }),
    /** Relates existing tags of the org (already related ones are left alone). */
    addTags: update({
      arguments: { tags: tagKeys() },
      changes: [manageRelationship("tags", "tags", { type: "append" })],
    }),
    /** Unrelates tags; tags that are not related are ignored (JSON:API's DELETE of relationship members). */
    removeTags: update({
      arguments: { tags: tagKeys() },
      changes: [manageRelationship("tags", "tags", { type: "remove", onNoMatch: "ignore" })],
    }),
  },
  policies: ticketPolicies,
  fieldPolicies: ticketFieldPolicies,
});
