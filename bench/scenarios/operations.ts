/**
 * Scenarios 1–8: the same operation through every contender, checked to answer the same rows, then raced
 * (interleaved rounds, medians) for ops/s and statements per call.
 */
import { isForbiddenField } from "@ashlar/core";
import type { Contender, ContenderId, Row } from "../contenders/contender.js";
import type { Fixture } from "../data/fixture.js";
import { type Operation, race } from "../lib/measure.js";
import type { RunOptions } from "../lib/options.js";
import type { ContenderResult, ScenarioResult } from "../lib/report.js";

interface OperationScenario {
  readonly id: string;
  readonly n: number;
  /** The contender's operation, or undefined when it has none. */
  operation(c: Contender, f: Fixture): Operation | undefined;
  /** What a call answers, reduced to what every contender must agree on (by a caveat: the row count only). */
  signature(result: unknown): string;
  /** What was measured, said under the table. */
  note?(f: Fixture): string;
}

/** Whether a customer was shown a ticket's internalNotes (ashlar marks hidden fields with FORBIDDEN_FIELD). */
const showsNotes = (t: Row) => t.internalNotes !== undefined && !isForbiddenField(t.internalNotes);
const rows = (result: unknown) => result as Row[];
const ids = (result: unknown) =>
  rows(result)
    .map((r) => String(r.id))
    .join(",");
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

const TICKET = (i: number) => ({
  subject: `Opened in the benchmark ${i}`,
  body: "Nothing works.",
  priority: "normal" as const,
});

export const OPERATION_SCENARIOS: readonly OperationScenario[] = [
  {
    id: "get-by-id",
    n: 1,
    operation: (c, f) => c.getById && ((i) => c.getById!(pick(f.ticketIds, i))),
    signature: (r) => String((r as Row | undefined)?.id),
  },
  {
    id: "list-open",
    n: 2,
    operation: (c, f) => c.listOpen && ((i) => c.listOpen!(pick(f.readOrgs, i))),
    signature: ids,
  },
  {
    id: "list-loaded",
    n: 3,
    operation: (c, f) => c.listLoaded && ((i) => c.listLoaded!(pick(f.readOrgs, i))),
    signature: (r) =>
      rows(r)
        .map(
          (t) =>
            `${String(t.id)}:${String((t.reporter as Row | undefined)?.id)}:${(t.comments as Row[]).length}`,
        )
        .join(","),
  },
  {
    id: "list-aggregate",
    n: 4,
    operation: (c, f) => c.listAggregate && ((i) => c.listAggregate!(pick(f.readOrgs, i))),
    signature: (r) =>
      rows(r)
        .map((t) => `${String(t.id)}:${Number(t.commentCount)}`)
        .join(","),
  },
  {
    id: "list-policy",
    n: 5,
    operation: (c, f) => c.listPolicy && ((i) => c.listPolicy!(pick(f.customers, i))),
    signature: (r) => `${ids(r)}${rows(r).some(showsNotes) ? " (shows internalNotes!)" : ""}`,
  },
  {
    id: "open-ticket",
    n: 6,
    operation: (c, f) => c.openTicket && ((i) => c.openTicket!(f.writer.customer, TICKET(i), true)),
    signature: (r) => `${String((r as Row).status)} ${String((r as Row).reporterId)}`,
  },
  {
    id: "open-ticket-no-events",
    n: 6,
    operation: (c, f) => c.openTicket && ((i) => c.openTicket!(f.writer.customer, TICKET(i), false)),
    signature: (r) => `${String((r as Row).status)} ${String((r as Row).reporterId)}`,
  },
  {
    id: "close-ticket",
    n: 7,
    operation: (c, f) => c.closeTicket && ((i) => c.closeTicket!(f.writer.agent, pick(f.writer.tickets, i))),
    signature: (r) => `${String((r as Row).id)} ${String((r as Row).status)}`,
  },
  {
    id: "load-5k-10k",
    n: 8,
    operation: (c, f) => c.loadParents && (() => c.loadParents!(f.loadParents)),
    note: (f) =>
      `${f.loadParents.length} tickets by key with their ${2 * f.loadParents.length} comments per call`,
    signature: (r) =>
      `${rows(r).length} parents, ${rows(r).reduce((n, t) => n + (t.comments as Row[]).length, 0)} children`,
  },
];

const rowCount = (signature: string) => (signature === "" ? 0 : signature.split(",").length);

/**
 * Runs one scenario: a call of each contender (answers compared with the reference, the hand-written SQL),
 * then the race. A contender whose answer differs is reported n/a with the difference, never timed.
 */
export async function runOperationScenario(
  scenario: OperationScenario,
  contenders: readonly Contender[],
  fixture: Fixture,
  options: RunOptions,
): Promise<ScenarioResult> {
  const results: Partial<Record<ContenderId, ContenderResult>> = {};
  const notes: string[] = scenario.note ? [scenario.note(fixture)] : [];
  const operations = new Map<string, Operation>();
  const signatures = new Map<Contender, string>();
  for (const c of contenders) {
    const reason = c.unsupported[scenario.id] ?? c.unsupported["*"];
    const op = reason ? undefined : scenario.operation(c, fixture);
    if (!op) {
      results[c.id] = { na: reason ?? "no such operation" };
      continue;
    }
    try {
      signatures.set(c, scenario.signature(await op(0)));
      operations.set(c.id, op);
    } catch (error) {
      results[c.id] = { na: `failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  const reference =
    [...signatures].find(([c]) => c.id === "sql-pg")?.[1] ?? [...signatures.values()][0] ?? "";
  for (const [c, signature] of signatures) {
    const caveat = c.caveats[scenario.id];
    const same = caveat ? rowCount(signature) === rowCount(reference) : signature === reference;
    if (!same) {
      operations.delete(c.id);
      results[c.id] = {
        na: `answered differently from the hand-written SQL: ${signature.slice(0, 100)} vs ${reference.slice(0, 100)}`,
      };
    } else if (caveat) notes.push(`${c.id}: ${caveat}`);
  }
  const measured = await race(operations, options);
  for (const [id, m] of measured)
    results[id as ContenderId] = { opsPerSec: m.opsPerSec, queriesPerOp: m.queriesPerOp };
  return { id: scenario.id, n: scenario.n, contenders: results, notes };
}
