import { uuidv7 } from "@ashlar/core";
/** The contenders, in the order they run in each round and appear in the table. */
export const CONTENDERS = ["ashlar-pg", "ashlar-pglite", "sql-pg", "drizzle", "prisma"] as const;
export type ContenderId = (typeof CONTENDERS)[number];

export type Row = Record<string, unknown>;

/** A signed-in user as actions see it (the record without its password hash). */
export interface Actor {
  readonly id: string;
  readonly orgId: string;
  readonly role: string;
  readonly email: string;
  readonly name: string;
}

export interface TicketInput {
  readonly subject: string;
  readonly body: string;
  readonly priority: "low" | "normal" | "high";
}

/**
 * One way of doing the helpdesk's work. Every contender answers the same rows for the same call (the harness
 * checks it before timing); an operation it cannot express is left out and its scenario is n/a, with the
 * reason in `unsupported`.
 */
export interface Contender {
  readonly id: ContenderId;
  /** Why a scenario is n/a, by scenario id. */
  readonly unsupported: Readonly<Record<string, string>>;
  /** Differences in what the contender does for a scenario, by scenario id (shown under the table). */
  readonly caveats: Readonly<Record<string, string>>;
  /** 1: a ticket by primary key. */
  getById?(id: string): Promise<Row | undefined>;
  /** 2: 50 open tickets of an org, by priority (as declared: urgent first) then insertedAt (then id). */
  listOpen?(orgId: string): Promise<Row[]>;
  /** 3: the same, each with its reporter and its comments. */
  listLoaded?(orgId: string): Promise<Row[]>;
  /** 4: the same with `commentCount`, only tickets with two comments or more. */
  listAggregate?(orgId: string): Promise<Row[]>;
  /** 5: what a customer sees of their org's open tickets: their own, without internalNotes. */
  listPolicy?(customer: Actor): Promise<Row[]>;
  /** 6: a customer opens a ticket, with or without its event. */
  openTicket?(customer: Actor, input: TicketInput, withEvent: boolean): Promise<Row>;
  /** 7: an agent closes a ticket of their org. */
  closeTicket?(agent: Actor, ticketId: string): Promise<Row>;
  /** 8: tickets by key, each with all its comments. */
  loadParents?(ids: readonly string[]): Promise<Row[]>;
  close(): Promise<void>;
}

/** The priority order of the helpdesk's enum, as declared (sorting descending puts urgent first). */
export const PRIORITY_ORDER = ["low", "normal", "high", "urgent"] as const;

/** The row a hand-written open of a ticket inserts (the ORM contenders write the same one). */
export function newTicket(customer: { id: string; orgId: string }, input: TicketInput) {
  const now = new Date();
  return {
    id: uuidv7(),
    ...input,
    status: "open",
    reporterId: customer.id,
    orgId: customer.orgId,
    insertedAt: now,
    updatedAt: now,
  };
}
