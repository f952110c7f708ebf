import type { Renames, Snapshot, SnapshotTable } from "@ashlar/postgres";
import { UsageError } from "../io.js";
import { formatRenameFlag, type RenameFlag } from "./rename-flag.js";

/**
 * Checks `--rename` flags against the last snapshot (where the old names must be) and the definitions (where
 * the new names must be), and answers them as `diffSnapshots` takes them: column renames keyed by the table's
 * new name. A rename moves a name, so its old name must be gone from the definitions and its new name must not
 * be in the last snapshot (the migration's `down` renames back, which would collide). Every mistake is a
 * UsageError naming the flag, what is wrong and where the names are.
 */
export function resolveRenames(
  flags: readonly RenameFlag[],
  last: Snapshot | undefined,
  current: Snapshot,
): Renames {
  if (flags.length === 0) return {};
  const fail = (flag: RenameFlag, why: string) => new UsageError(`cannot ${formatRenameFlag(flag)}: ${why}`);
  if (last === undefined) {
    throw fail(
      flags[0]!,
      "there is no last snapshot (this is the first migration), so nothing can be renamed",
    );
  }
  const before = new Map(last.tables.map((t) => [t.name, t]));
  const after = new Map(current.tables.map((t) => [t.name, t]));
  const tables: Record<string, string> = {};
  for (const flag of flags) {
    if (flag.kind !== "table") continue;
    const { from, to } = flag;
    if (!before.has(from)) {
      throw fail(
        flag,
        `there is no table ${from} in the last snapshot (${listed(before.keys())}); check the old name`,
      );
    }
    if (!after.has(to)) {
      throw fail(
        flag,
        `there is no table ${to} in the definitions (${listed(after.keys())}); check the new name`,
      );
    }
    if (after.has(from)) {
      throw fail(
        flag,
        `${from} is still in the definitions; a renamed table's old name must be gone from them`,
      );
    }
    if (before.has(to)) {
      throw fail(flag, `${to} is already in the last snapshot; a table can only be renamed to a new name`);
    }
    if (tables[from] !== undefined) throw fail(flag, `table ${from} is renamed twice; keep one --rename`);
    if (Object.values(tables).includes(to)) {
      throw fail(flag, `two tables are renamed to ${to}; keep one --rename`);
    }
    tables[from] = to;
  }
  const oldNameOf = new Map(Object.entries(tables).map(([o, n]) => [n, o]));
  const columns: Record<string, Record<string, string>> = {};
  for (const flag of flags) {
    if (flag.kind !== "column") continue;
    const { from, to } = flag;
    // The table by its name in the definitions, or by its old name when it is renamed too.
    const table = after.has(flag.table) ? flag.table : tables[flag.table];
    if (table === undefined) {
      throw fail(
        flag,
        `there is no table ${flag.table} in the definitions (${listed(after.keys())}); name the table the column is in`,
      );
    }
    const oldTable = oldNameOf.get(table) ?? table;
    const was = before.get(oldTable);
    if (was === undefined) {
      throw fail(
        flag,
        `table ${table} is new (not in the last snapshot), so its columns were never named otherwise`,
      );
    }
    const is = after.get(table)!;
    if (!hasColumn(was, from)) {
      throw fail(
        flag,
        `the last snapshot's ${oldTable} has no column ${from} (${listed(columnsOf(was))}); check the old name`,
      );
    }
    if (!hasColumn(is, to)) {
      throw fail(
        flag,
        `the definitions' ${table} has no column ${to} (${listed(columnsOf(is))}); check the new name`,
      );
    }
    if (hasColumn(is, from)) {
      throw fail(
        flag,
        `${table}.${from} is still in the definitions; a renamed column's old name must be gone`,
      );
    }
    if (hasColumn(was, to)) {
      throw fail(
        flag,
        `${oldTable}.${to} is already in the last snapshot; a column can only be renamed to a new name`,
      );
    }
    const renamed = columns[table] ?? {};
    columns[table] = renamed;
    if (renamed[from] !== undefined) throw fail(flag, `${table}.${from} is renamed twice; keep one --rename`);
    if (Object.values(renamed).includes(to)) {
      throw fail(flag, `two columns of ${table} are renamed to ${to}; keep one --rename`);
    }
    renamed[from] = to;
  }
  return { tables, columns };
}

const columnsOf = (table: SnapshotTable): string[] => table.columns.map((c) => c.name);
const hasColumn = (table: SnapshotTable, name: string): boolean => table.columns.some((c) => c.name === name);

/** The names a snapshot or definition has, for an error message: "it has a, b". */
function listed(names: Iterable<string>): string {
  const all = [...names];
  return all.length === 0 ? "it has none" : `it has ${all.join(", ")}`;
}
