import {
  actionType,
  authorizeIf,
  described,
  expr,
  forbidUnless,
  policy,
  type RecordedWrite,
  t,
} from "@ashlar/core";
import { EventLog, type EventLogConfig, track } from "@ashlar/events";
import { Comment } from "./comment.js";
import { Org } from "./org.js";
import { isAdmin } from "./roles.js";
import { Tag } from "./tag.js";
import { Ticket } from "./ticket.js";
import { TicketTag } from "./ticket-tag.js";
import { User } from "./user.js";

type Row = Record<string, unknown>;

export interface HelpdeskEventLogOptions {
  /**
   * 32 bytes (Buffer, base64 or hex) sealing passwords and hashes in events with AES-256-GCM. Required: a
   * replay restores password hashes only with it, so users can still sign in afterwards. Keep it secret and
   * stable — events sealed with a lost key cannot be replayed.
   */
  readonly encryptionKey: Buffer | string;
}

const isRow = (v: unknown): v is Row => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The org an event belongs to: the acting user's org — users only ever write in their own org — or, for a
 * write without an actor (registration founds an org before anyone is signed in), the record's own org.
 */
export function orgOfWrite(write: RecordedWrite): string | undefined {
  const actorOrg = isRow(write.call.actor) ? write.call.actor.orgId : undefined;
  if (typeof actorOrg === "string") return actorOrg;
  const recordOrg = write.resource === Org ? write.record.id : write.record.orgId;
  return typeof recordOrg === "string" ? recordOrg : undefined;
}

/**
 * The helpdesk's event log. Each event's metadata also carries `orgId` (see `orgOfWrite`), set here rather
 * than by callers, so the policies can keep each org's history to its own admins however the write was made.
 */
export class HelpdeskEventLog extends EventLog {
  override record(write: RecordedWrite): Promise<void> {
    const orgId = orgOfWrite(write);
    if (orgId === undefined) return super.record(write);
    const key = this.config.metadataKey ?? "eventMetadata";
    const given = write.call.context[key];
    const metadata = { ...(isRow(given) ? given : {}), orgId };
    return super.record({
      ...write,
      call: { ...write.call, context: { ...write.call.context, [key]: metadata } },
    });
  }
}

/** Admins read the events of their own org; nobody else reads any. */
export const eventPolicies = [
  described(
    "admins read the event log of their org",
    policy(
      actionType("read"),
      forbidUnless(isAdmin()),
      authorizeIf(expr`getPath(metadata, "orgId") == ^actor(orgId)`),
    ),
  ),
];

/**
 * Every create, update and destroy of orgs, users, tickets, comments, tags and tag links, with the acting
 * user's id as `actorId`. Metadata is the call context's `eventMetadata` plus `orgId`.
 */
export function helpdeskEventLog(options: HelpdeskEventLogOptions): HelpdeskEventLog {
  const config: EventLogConfig = {
    name: "event",
    actors: {
      actor: {
        column: t.uuid(),
        is: (actor) => typeof actor.id === "string",
        key: (actor) => actor.id,
      },
    },
    track: [track(Org), track(User), track(Ticket), track(Comment), track(Tag), track(TicketTag)],
    encryptionKey: options.encryptionKey,
    policies: eventPolicies,
  };
  return new HelpdeskEventLog(config);
}
