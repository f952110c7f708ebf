import { type Check, type Expr, op, ref, simpleCheck, template } from "@ashlar/core";

/** The roles a helpdesk user may have, least to most trusted. */
export const ROLES = ["customer", "agent", "admin"] as const;
export type Role = (typeof ROLES)[number];

const roleOf = (actor: unknown): unknown =>
  typeof actor === "object" && actor !== null ? (actor as Record<string, unknown>).role : undefined;

/** The actor has one of these roles. */
export const actorRoleIn = (...roles: Role[]): Check =>
  simpleCheck({
    name: "actorRoleIn",
    describe: () => `actor.role is ${roles.join(" or ")}`,
    match: (actor) => roles.includes(roleOf(actor) as Role),
  });

/** Agents and admins: everything on every ticket and comment of their org. */
export const isStaff = (): Check => actorRoleIn("agent", "admin");

export const isAdmin = (): Check => actorRoleIn("admin");

/**
 * The record belongs to the actor's org, as a filter: reads only see the actor's org (another org's records
 * are "not found"), and writes are checked against the record as it is written. Without an actor, or an actor
 * without an org, `^actor(orgId)` is nil and nothing matches.
 */
export const inActorsOrg = (path: readonly string[] = [], field = "orgId"): Expr =>
  op("==", ref(field, path), template("actor", "orgId"));
