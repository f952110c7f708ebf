import {
  actionIs,
  actionType,
  always,
  authorizeIf,
  belongsTo,
  create,
  described,
  forbidUnless,
  manyToMany,
  policy,
  read,
  resource,
  t,
} from "@ashlar/core";
import { PAGINATION } from "./pagination.js";
import { relateActorOrg } from "./relate-actor-org.js";
import { inActorsOrg, isStaff } from "./roles.js";

/** A label for tickets. Each org has its own tags; a name is unique within the org, whatever its case. */
export const Tag = resource("tag", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    name: t.ciString({ min: 1, max: 50 }),
    insertedAt: t.createTimestamp(),
  },
  // name first: a duplicate is an error on the name, the field the user gave.
  identities: { uniqueNameInOrg: { keys: ["name", "orgId"], message: "is already a tag of this org" } },
  relationships: {
    org: belongsTo("org", { attribute: t.uuid() }),
    tickets: manyToMany("ticket", { through: "ticketTag" }),
  },
  actions: {
    read: read({ primary: true, pagination: PAGINATION }),
    /** A tag belongs to the org of the user who creates it. */
    create: create({ primary: true, accept: ["name"], changes: [relateActorOrg()] }),
  },
  policies: [
    described("tags stay in their org", policy(always(), authorizeIf(inActorsOrg()))),
    described("every user of the org reads its tags", policy(actionType("read"), authorizeIf(always()))),
    described(
      "agents and admins create tags",
      policy(actionIs("create"), forbidUnless(isStaff()), authorizeIf(always())),
    ),
  ],
});
