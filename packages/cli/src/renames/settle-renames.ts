import type { Renames, Snapshot } from "@ashlar/postgres";
import type { Ask } from "../io.js";
import { renameCandidates } from "./rename-candidates.js";
import { formatRenameFlag, type RenameFlag } from "./rename-flag.js";

/** What codegen does about names that go while others come: renames are asked, never guessed. */
export interface SettledRenames {
  /** The renames to diff with: the flags' and those confirmed at the prompt. */
  readonly renames: Renames;
  /** Renames the user confirmed at the prompt (to show, and to repeat as flags next time). */
  readonly confirmed: readonly RenameFlag[];
  /** Without a prompt: each table or column that will be dropped although it may be a rename. */
  readonly unconfirmed: readonly PossibleRename[];
}

export interface PossibleRename {
  /** "table ticket" or "column ticket.title": what is dropped, by its name in the last snapshot. */
  readonly dropped: string;
  /** One flag per name that came, any of which would keep the data. */
  readonly flags: readonly RenameFlag[];
}

/**
 * Tables first (so a renamed table's columns are compared next), then columns per table. With `ask`, each pair
 * of a dropped and a new name is a yes/no question, in the snapshot's order, until a yes; each name is used
 * at most once, so several candidates in one table pair up one to one. Without `ask`, nothing is renamed and
 * every dropped candidate is listed with the flags that would rename it instead.
 */
export async function settleRenames(
  last: Snapshot | undefined,
  current: Snapshot,
  given: Renames,
  ask: Ask | undefined,
): Promise<SettledRenames> {
  const confirmed: RenameFlag[] = [];
  const unconfirmed: PossibleRename[] = [];

  const tables = { ...given.tables };
  const tableCandidates = renameCandidates(last, current, given).tables;
  if (ask) {
    const question = (from: string, to: string) => `Is table ${to} a rename of table ${from}? [y/N]`;
    for (const [from, to] of await pairUp(tableCandidates.dropped, tableCandidates.created, question, ask)) {
      tables[from] = to;
      confirmed.push({ kind: "table", from, to });
    }
  } else {
    for (const from of tableCandidates.dropped) {
      const flags = tableCandidates.created.map((to): RenameFlag => ({ kind: "table", from, to }));
      unconfirmed.push({ dropped: `table ${from}`, flags });
    }
  }

  const columns = Object.fromEntries(Object.entries(given.columns ?? {}).map(([t, c]) => [t, { ...c }]));
  for (const { table, oldTable, dropped, added } of renameCandidates(last, current, { ...given, tables })
    .columns) {
    if (ask) {
      const question = (from: string, to: string) =>
        `Is ${table}.${to} a rename of ${oldTable}.${from}? [y/N]`;
      for (const [from, to] of await pairUp(dropped, added, question, ask)) {
        columns[table] = { ...columns[table], [from]: to };
        confirmed.push({ kind: "column", table, from, to });
      }
    } else {
      for (const from of dropped) {
        const flags = added.map((to): RenameFlag => ({ kind: "column", table, from, to }));
        unconfirmed.push({ dropped: `column ${oldTable}.${from}`, flags });
      }
    }
  }
  return { renames: { tables, columns }, confirmed, unconfirmed };
}

/** Asks about each old name against each new one not yet taken, until a yes; answers the [old, new] pairs. */
async function pairUp(
  olds: readonly string[],
  news: readonly string[],
  question: (from: string, to: string) => string,
  ask: Ask,
): Promise<[string, string][]> {
  const pairs: [string, string][] = [];
  const taken = new Set<string>();
  for (const from of olds) {
    for (const to of news) {
      if (taken.has(to)) continue;
      if (isYes(await ask(question(from, to)))) {
        pairs.push([from, to]);
        taken.add(to);
        break;
      }
    }
  }
  return pairs;
}

const isYes = (answer: string): boolean => /^\s*y(es)?\s*$/i.test(answer);

/** The warning for one possible rename: what is lost, and the flag(s) that would keep it. */
export function possibleRenameWarning({ dropped, flags }: PossibleRename): string {
  const shown = flags.map(formatRenameFlag);
  const use = shown.length === 1 ? shown[0] : `one of ${shown.join(" | ")}`;
  const data = dropped.startsWith("table ") ? "its rows" : "its data";
  return `warning: ${dropped} is dropped and ${data} will be lost; if it was renamed, use ${use} instead`;
}
