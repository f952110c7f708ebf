import {
  actionIs,
  actionType,
  always,
  authorizeIf,
  changingAttributes,
  described,
  expr,
  fieldPolicy,
  forbidIf,
  policy,
  relatesToActorVia,
} from "@ashlar/core";
import { inActorsOrg, isAdmin, isStaff } from "./roles.js";

/** The actor reported the ticket. */
const reportedByActor = () => relatesToActorVia("reporter");

/**
 * Who may do what with tickets (the security contract). Every policy that applies must pass: the first keeps
 * each org to itself, the others give each role its rights. A ticket outside what the actor may read is "not
 * found"; a write the actor may not do on a ticket they can read is Forbidden.
 */
export const ticketPolicies = [
  described("tickets stay in their org", policy(always(), authorizeIf(inActorsOrg()))),
  described(
    "agents and admins read every ticket of their org; customers the ones they reported",
    policy(actionType("read"), authorizeIf(isStaff()), authorizeIf(reportedByActor())),
  ),
  described("any user opens tickets", policy(actionIs("open"), authorizeIf(always()))),
  described(
    "customers update their own tickets while not closed, and never internalNotes",
    policy(
      actionIs("update"),
      authorizeIf(isStaff()),
      forbidIf(changingAttributes("internalNotes")),
      authorizeIf(expr`reporterId == ^actor(id) and status != "closed"`),
    ),
  ),
  described(
    "customers close and reopen their own tickets",
    policy(actionIs("close", "reopen"), authorizeIf(isStaff()), authorizeIf(reportedByActor())),
  ),
  described(
    "agents and admins assign, escalate and tag",
    policy(actionIs("assign", "escalate", "addTags", "removeTags"), authorizeIf(isStaff())),
  ),
  described("admins delete tickets", policy(actionIs("destroy"), authorizeIf(isAdmin()))),
];

/** internalNotes: agents and admins only; for customers it is absent, as if the field did not exist. */
export const ticketFieldPolicies = [fieldPolicy(["internalNotes"], authorizeIf(isStaff()))];
