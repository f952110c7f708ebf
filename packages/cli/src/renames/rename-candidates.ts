import type { Renames, Snapshot } from "@ashlar/postgres";

/**
 * Where a rename may hide: a name that goes while another comes, with no rename given for either. Without a
 * rename, the migration drops the old one (and its data) and adds the new one, so codegen asks or warns.
 */
export interface RenameCandidates {
  /** Tables of the last snapshot that are dropped, and tables of the definitions that are created. */
  readonly tables: { readonly dropped: readonly string[]; readonly created: readonly string[] };
  /** Per table that stays (perhaps renamed) and both loses and gains columns. */
  readonly columns: readonly ColumnCandidates[];
}

export interface ColumnCandidates {
  /** The table's name in the definitions (how `--rename` and `diffSnapshots` key its column renames). */
  readonly table: string;
  /** Its name in the last snapshot (differs when the table is renamed). */
  readonly oldTable: string;
  readonly dropped: readonly string[];
  readonly added: readonly string[];
}

/** The candidates left once `renames` apply; `tables` lists nothing unless tables both go and come. */
export function renameCandidates(
  last: Snapshot | undefined,
  current: Snapshot,
  renames: Renames,
): RenameCandidates {
  if (last === undefined) return { tables: { dropped: [], created: [] }, columns: [] };
  const tableRenames = renames.tables ?? {};
  const oldNameOf = new Map(Object.entries(tableRenames).map(([o, n]) => [n, o]));
  const before = new Map(last.tables.map((t) => [t.name, t]));
  const now = new Set(current.tables.map((t) => t.name));
  const dropped = last.tables
    .map((t) => t.name)
    .filter((name) => tableRenames[name] === undefined && !now.has(name));
  const created = current.tables
    .map((t) => t.name)
    .filter((name) => !oldNameOf.has(name) && !before.has(name));
  const columns: ColumnCandidates[] = [];
  for (const table of current.tables) {
    const oldTable = oldNameOf.get(table.name) ?? table.name;
    const was = before.get(oldTable);
    // A new table has no columns to lose. (A renamed table's old name is never in the definitions too.)
    if (was === undefined) continue;
    const columnRenames = renames.columns?.[table.name] ?? {};
    const renamedTo = new Set(Object.values(columnRenames));
    const goes = was.columns
      .map((c) => c.name)
      .filter((name) => columnRenames[name] === undefined && !table.columns.some((c) => c.name === name));
    const comes = table.columns
      .map((c) => c.name)
      .filter((name) => !renamedTo.has(name) && !was.columns.some((c) => c.name === name));
    if (goes.length > 0 && comes.length > 0) {
      columns.push({ table: table.name, oldTable, dropped: goes, added: comes });
    }
  }
  return {
    tables: dropped.length > 0 && created.length > 0 ? { dropped, created } : { dropped: [], created: [] },
    columns,
  };
}
