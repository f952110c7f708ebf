import {
  actionType,
  always,
  authorizeIf,
  belongsTo,
  create,
  described,
  destroy,
  policy,
  read,
  relatesToActorVia,
  resource,
  t,
} from "@ashlar/core";
import { relatedReadable } from "./related-readable.js";
import { inActorsOrg, isStaff } from "./roles.js";

/**
 * A tag on a ticket: the join record of ticket.tags. Created and destroyed by ticket.addTags / removeTags
 * (and ticket.destroy), each through these actions, so each link has its own events.
 */
export const TicketTag = resource("ticketTag", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    insertedAt: t.createTimestamp(),
  },
  identities: { uniqueTagOnTicket: { keys: ["tagId", "ticketId"], message: "is already on this ticket" } },
  relationships: {
    ticket: belongsTo("ticket", { attribute: t.uuid() }),
    tag: belongsTo("tag", { attribute: t.uuid() }),
  },
  actions: {
    read: read({ primary: true }),
    create: create({
      primary: true,
      accept: ["ticketId", "tagId"],
      validations: [relatedReadable("ticket"), relatedReadable("tag")],
    }),
    destroy: destroy({ primary: true }),
  },
  policies: [
    described("a ticket's tags are of its org", policy(always(), authorizeIf(inActorsOrg(["ticket"])))),
    described(
      "a link joins a tag of the same org",
      policy(actionType("create"), authorizeIf(inActorsOrg(["tag"]))),
    ),
    described(
      "agents and admins see every tag link of their org; customers those of tickets they reported",
      policy(actionType("read"), authorizeIf(isStaff()), authorizeIf(relatesToActorVia("ticket.reporter"))),
    ),
    described(
      "agents and admins tag and untag",
      policy(actionType("create", "destroy"), authorizeIf(isStaff())),
    ),
  ],
});
