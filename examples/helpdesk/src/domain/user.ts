import { hashPasswordChange } from "@ashlar/auth";
import {
  actionIs,
  actionType,
  always,
  authorizeIf,
  belongsTo,
  create,
  described,
  fieldPolicy,
  forbidIf,
  forbidUnless,
  hasMany,
  policy,
  read,
  resource,
  set,
  t,
  update,
} from "@ashlar/core";
import { foundOrg } from "./found-org.js";
import { Org } from "./org.js";
import { PAGINATION } from "./pagination.js";
import { relateActorOrg } from "./relate-actor-org.js";
import { inActorsOrg, isAdmin, ROLES } from "./roles.js";

/** The plain password: kept as typed (no trimming), sealed in events, never in errors or logs. */
const password = () => t.string({ trim: false }).sensitive();

/**
 * A person in an org. Signs in with a case-insensitive email and a password stored only as a slow salted
 * hash, which no authorized read ever shows.
 */
export const User = resource("user", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    email: t.ciString({ min: 3, max: 320, pattern: /^[^@\s]+@[^@\s]+$/ }),
    name: t.string({ min: 1, max: 100 }),
    role: t.enum(ROLES).default("customer"),
    // Always set by register and invite; optional so that a bad password is one error, on `password`.
    hashedPassword: t.string().optional().sensitive(),
    insertedAt: t.createTimestamp(),
  },
  identities: { uniqueEmail: { keys: ["email"], message: "is already registered" } },
  relationships: {
    org: belongsTo(() => Org, { attribute: t.uuid() }),
    reportedTickets: hasMany("ticket", { destinationAttribute: "reporterId" }),
    assignedTickets: hasMany("ticket", { destinationAttribute: "assigneeId" }),
  },
  actions: {
    read: read({ primary: true, pagination: PAGINATION }),
    /** Sign-up: founds an org named `orgName` and makes the new user its admin, in one transaction. */
    register: create({
      accept: ["email", "name"],
      arguments: { password: password(), orgName: t.string({ min: 1, max: 100 }) },
      changes: [hashPasswordChange(), set("role", "admin"), foundOrg(() => Org)],
    }),
    /** An admin adds a user to their own org. */
    invite: create({
      accept: ["email", "name", "role"],
      arguments: { password: password() },
      changes: [hashPasswordChange(), relateActorOrg()],
    }),
    changeRole: update({ accept: ["role"] }),
  },
  policies: [
    described("anyone may sign up: it founds a new org", policy(actionIs("register"), authorizeIf(always()))),
    described(
      "users read the users of their own org",
      policy(actionType("read"), authorizeIf(inActorsOrg())),
    ),
    described(
      "admins invite users and change roles, in their own org",
      policy(actionIs("invite", "changeRole"), forbidUnless(isAdmin()), authorizeIf(inActorsOrg())),
    ),
  ],
  fieldPolicies: [fieldPolicy(["hashedPassword"], forbidIf(always()))],
});
