import type { ActionInput } from "../resource/infer.js";
import type { AnyResource } from "../resource/resource.js";

/** A positional argument: an input's name, with "?" when it may be left out ("priority?"). */
export type ArgName<Input> = (keyof Input & string) | `${keyof Input & string}?`;

type IdentityNames<R extends AnyResource> = R extends { __identities?: infer I }
  ? keyof NonNullable<I> & string
  : never;

export interface DefineOptions<Args, GetBy, Identity> {
  /** Inputs taken positionally, in order, before the input object: `args: ["subject", "priority?"]`. */
  args?: Args;
  /** Reads, updates, destroys: find the record by these attributes, given positionally. */
  getBy?: GetBy;
  /** As getBy, with the keys of a named identity. */
  getByIdentity?: Identity;
  description?: string;
}

/** A code-interface definition: a named function on the domain that calls one action. */
export interface Definition<
  R extends AnyResource = AnyResource,
  A extends string = string,
  Args extends readonly string[] = readonly string[],
  GetBy extends readonly string[] | undefined = readonly string[] | undefined,
> {
  readonly kind: "definition";
  readonly resource: R;
  readonly action: A;
  readonly args: Args;
  readonly getBy: GetBy;
  readonly getByIdentity: string | undefined;
  readonly description: string | undefined;
}

/**
 * Defines a code-interface function for a domain.
 *
 * @example
 * interface: {
 *   openTicket: define(Ticket, "open", { args: ["subject"] }),       // openTicket("Printer on fire", { priority }, { actor })
 *   getTicket: define(Ticket, "read", { getBy: ["id"] }),            // getTicket(id)
 *   closeTicket: define(Ticket, "close"),                             // closeTicket(ticketOrId)
 * }
 */
export function define<
  R extends AnyResource,
  const A extends keyof R["actions"] & string,
  const Args extends readonly ArgName<ActionInput<R, A>>[] = readonly [],
  const GetBy extends readonly (keyof R["attributes"] & string)[] | undefined = undefined,
  const Identity extends IdentityNames<R> | undefined = undefined,
>(
  resource: R,
  action: A,
  options: DefineOptions<Args, GetBy, Identity> = {},
): Definition<R, A, Args, Identity extends string ? IdentityKeys<R, Identity> : GetBy> {
  const identity = options.getByIdentity
    ? resource.identities.find((i) => i.name === options.getByIdentity)
    : undefined;
  return Object.freeze({
    kind: "definition" as const,
    resource,
    action,
    args: (options.args ?? []) as Args,
    getBy: (identity?.keys ?? options.getBy) as Identity extends string ? IdentityKeys<R, Identity> : GetBy,
    getByIdentity: options.getByIdentity,
    description: options.description,
  });
}

/** The keys of a named identity, as a tuple type. */
export type IdentityKeys<R extends AnyResource, I extends string> = R extends { __identities?: infer Ids }
  ? NonNullable<Ids> extends Record<I, infer Spec>
    ? Spec extends readonly string[]
      ? Spec
      : Spec extends { keys: infer K extends readonly string[] }
        ? K
        : readonly string[]
    : readonly string[]
  : readonly string[];
