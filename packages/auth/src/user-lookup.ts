import { type AnyResource, type AppCore, call, type Expr, frameworkError, lit, op, ref } from "@ashlar/core";
import type { ResolvedConfig } from "./config.js";

type Row = Record<string, unknown>;

/** The framework's own lookups: no actor, no policies. */
export const OWN = { authorize: false } as const;

/** The resource's read action (primary, or the only one), or a Framework error saying what to add. */
export function readAction(app: AppCore, resource: AnyResource): string {
  const name = app.engine.primaryAction(resource, "read");
  if (!name)
    throw frameworkError(
      `${resource.name} has several read actions and none is primary; mark one read({ primary: true })`,
    );
  return name;
}

/** Reads records of a resource matching a filter, without policies. */
export const readWhere = (
  app: AppCore,
  resource: AnyResource,
  filter: Expr,
  limit?: number,
): Promise<Row[]> =>
  app.engine.read(resource, readAction(app, resource), { filter, ...(limit ? { limit } : {}), ...OWN });

/**
 * The user signing in with this identity value, or undefined. See `AuthenticationConfig.identity` for how
 * case is ignored.
 */
export async function findUserByIdentity(
  app: AppCore,
  config: ResolvedConfig,
  value: string,
): Promise<Row | undefined> {
  const field = ref(config.identity);
  if (config.identityIgnoresCase)
    return (await readWhere(app, config.user, op("==", field, lit(value)), 1))[0];
  const found = await readWhere(app, config.user, op("==", call("lower", field), call("lower", lit(value))));
  if (found.length <= 1) return found[0];
  // A case-sensitive identity let users differ only by case: only an exact match may sign in, never a guess.
  return found.find((u) => u[config.identity] === value);
}

/** A token's (or key's) subject: the user's primary key as text; a Framework error when it has none. */
export function subjectOf(config: ResolvedConfig, user: Row, where: string): string {
  const key = user?.[config.userKey];
  if (key === undefined || key === null)
    throw frameworkError(
      `${where}: the user has no ${config.userKey}; pass a ${config.user.name} record (or an object with its ${config.userKey})`,
    );
  return String(key);
}

/** The user a subject names, or undefined (deleted, hidden by a base filter, or not a valid key). */
export async function findUserBySubject(
  app: AppCore,
  config: ResolvedConfig,
  subject: string,
): Promise<Row | undefined> {
  const type = config.user.attributes[config.userKey]?.config.type;
  const cast = await type?.cast(subject);
  if (!cast?.ok || cast.value === null) return undefined;
  return (await readWhere(app, config.user, op("==", ref(config.userKey), lit(cast.value)), 1))[0];
}

/** The user without the password hash: what this package ever hands out. */
export function withoutPassword(config: ResolvedConfig, user: Row): Row {
  const { [config.passwordField]: _hash, ...rest } = user;
  return rest;
}
