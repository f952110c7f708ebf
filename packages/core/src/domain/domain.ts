import type { AnyResource } from "../resource/resource.js";
import type { Definition } from "./define.js";

/**
 * What a domain's interface entries must look like. Deliberately loose: a precise contextual type (Definition)
 * would leak into the inference of define()'s type parameters (getBy, args) and widen them.
 */
export interface DefinitionLike {
  readonly kind: "definition";
}

/** A domain: a group of resources and the code interface the app exposes for them. */
export interface Domain<
  N extends string = string,
  I extends Record<string, DefinitionLike> = Record<string, Definition>,
  Rs extends readonly AnyResource[] = readonly AnyResource[],
> {
  readonly kind: "domain";
  readonly name: N;
  readonly resources: Rs;
  readonly interface: I;
  readonly description: string | undefined;
  readonly authorization: AuthorizationSettings;
}

/**
 * When policies apply to a domain's resources: "byDefault" (unless a call passes `authorize: false`, for
 * trusted internal calls), "always" (even then), or "whenRequested" (only with `authorize: true`).
 * `requireActor`: an authorized call without an actor is forbidden outright.
 */
export interface AuthorizationSettings {
  readonly authorize: "byDefault" | "always" | "whenRequested";
  readonly requireActor: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: the widest domain type, for constraints.
export type AnyDomain = Domain<string, any, readonly AnyResource[]>;

/**
 * Defines a domain.
 *
 * @example
 * export const Support = domain("support", {
 *   resources: [Ticket, User],
 *   interface: { openTicket: define(Ticket, "open", { args: ["subject"] }), listTickets: define(Ticket, "read") },
 * });
 */
export function domain<
  const N extends string,
  const Rs extends readonly AnyResource[],
  const I extends Record<string, DefinitionLike> = {},
>(
  name: N,
  definition: {
    resources: Rs;
    interface?: I;
    description?: string;
    authorization?: Partial<AuthorizationSettings>;
  },
): Domain<N, I, Rs> {
  return Object.freeze({
    kind: "domain" as const,
    name,
    resources: Object.freeze([...definition.resources]) as unknown as Rs,
    interface: Object.freeze({ ...(definition.interface ?? ({} as I)) }) as I,
    description: definition.description,
    authorization: Object.freeze({
      authorize: definition.authorization?.authorize ?? "byDefault",
      requireActor: definition.authorization?.requireActor ?? false,
    }),
  });
}
