import {
  actionIs,
  actionType,
  always,
  authorizeIf,
  count,
  create,
  described,
  expr,
  forbidIf,
  hasMany,
  policy,
  read,
  resource,
  t,
} from "@ashlar/core";
import { PAGINATION } from "./pagination.js";

/**
 * An org: the customers, agents and admins of one company, and everything they make. Orgs are isolated from
 * each other: a user sees their own org only.
 */
export const Org = resource("org", {
  attributes: {
    // Writable so that user.register can pick the new org's key before its own validations run.
    id: t.uuidv7().primaryKey().writable(true),
    name: t.string({ min: 1, max: 100 }),
    insertedAt: t.createTimestamp(),
  },
  relationships: {
    users: hasMany("user"),
    tickets: hasMany("ticket"),
  },
  aggregates: {
    memberCount: count("users"),
    openTicketCount: count("tickets", { filter: expr`status != "closed"` }),
  },
  actions: {
    read: read({ primary: true, pagination: PAGINATION }),
    /** Run by user.register only (see `foundOrg`), inside the registration's transaction. */
    register: create({ accept: ["id", "name"] }),
  },
  policies: [
    described(
      "users read their own org only",
      policy(actionType("read"), authorizeIf(expr`id == ^actor(orgId)`)),
    ),
    described(
      "orgs are founded by user.register, never directly",
      policy(actionIs("register"), forbidIf(always())),
    ),
  ],
});
