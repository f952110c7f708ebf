import {
  actionIs,
  actionType,
  always,
  authorizeIf,
  belongsTo,
  create,
  described,
  destroy,
  policy,
  read,
  relateActor,
  relatesToActorVia,
  resource,
  t,
} from "@ashlar/core";
import { PAGINATION } from "./pagination.js";
import { relatedReadable } from "./related-readable.js";
import { inActorsOrg, isAdmin, isStaff } from "./roles.js";

/** A comment on a ticket, written by the actor. Its org is its ticket's. */
export const Comment = resource("comment", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    body: t.string({ min: 1, max: 5000 }),
    insertedAt: t.createTimestamp(),
  },
  relationships: {
    ticket: belongsTo("ticket", { attribute: t.uuid() }),
    author: belongsTo("user", { attribute: t.uuid() }),
  },
  actions: {
    read: read({ primary: true, pagination: PAGINATION }),
    create: create({
      primary: true,
      accept: ["body", "ticketId"],
      changes: [relateActor("author")],
      validations: [relatedReadable("ticket")],
    }),
    /** Run when its ticket is destroyed (admins). */
    destroy: destroy({ primary: true }),
  },
  policies: [
    described("comments stay in their ticket's org", policy(always(), authorizeIf(inActorsOrg(["ticket"])))),
    described(
      "agents and admins read and write every comment of their org; customers those on tickets they reported",
      policy(
        actionIs("read", "create"),
        authorizeIf(isStaff()),
        authorizeIf(relatesToActorVia("ticket.reporter")),
      ),
    ),
    described("admins delete comments", policy(actionType("destroy"), authorizeIf(isAdmin()))),
  ],
});
