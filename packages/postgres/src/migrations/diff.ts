import { qualifiedName, quoteIdent } from "../sql/params.js";
import {
  primaryKeyName,
  type Snapshot,
  type SnapshotColumn,
  type SnapshotForeignKey,
  type SnapshotIndex,
  type SnapshotTable,
} from "./snapshot.js";

/** A migration: statements that take the database forward (`up`) and exactly back again (`down`). */
export interface Migration {
  readonly up: string[];
  readonly down: string[];
}

/**
 * Renames are never guessed: a column that disappears and one that appears are a drop and an add (and the old
 * column's data is gone) unless a rename says so here.
 */
export interface Renames {
  /** Old table name → new table name. */
  readonly tables?: Readonly<Record<string, string>>;
  /** Per table (its new name), old column name → new column name. */
  readonly columns?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface DiffOptions {
  readonly renames?: Renames;
  /** The schema every statement names (default "public"). */
  readonly schema?: string;
}

/**
 * The statements that turn a database matching `from` (nothing when undefined) into one matching `to`, and
 * back. `down` is the diff of the reverse direction, with the renames reversed, so up then down leaves the
 * schema as it was (except for the data of dropped columns and tables, which no migration can bring back).
 *
 * Order of `up`: drop foreign keys and unique indexes that go or change; rename tables and columns; drop
 * changed primary keys; drop tables; create tables; add, alter and drop columns; add primary keys; create
 * unique indexes; add foreign keys (last, when every table they reference exists).
 */
export function diffSnapshots(
  from: Snapshot | undefined,
  to: Snapshot,
  options: DiffOptions = {},
): Migration {
  const schema = options.schema ?? "public";
  const renames = options.renames ?? {};
  const empty: Snapshot = { version: 1, tables: [] };
  return {
    up: plan(from ?? empty, to, renames, schema),
    down: plan(to, from ?? empty, invertRenames(renames), schema),
  };
}

/** The renames of the reverse migration: new → old, columns keyed by the table's old name. */
export function invertRenames(renames: Renames): Renames {
  const tables = Object.fromEntries(Object.entries(renames.tables ?? {}).map(([o, n]) => [n, o]));
  const columns = Object.fromEntries(
    Object.entries(renames.columns ?? {}).map(([table, cols]) => [
      tables[table] ?? table,
      Object.fromEntries(Object.entries(cols).map(([o, n]) => [n, o])),
    ]),
  );
  return { tables, columns };
}

interface Pair {
  readonly from: SnapshotTable;
  readonly to: SnapshotTable;
  /** Old column name → new, for the columns of this table that are renamed. */
  readonly columnRenames: Readonly<Record<string, string>>;
}

function plan(from: Snapshot, to: Snapshot, renames: Renames, schema: string): string[] {
  const q = (table: string) => qualifiedName(table, schema);
  const fromTables = new Map(from.tables.map((t) => [t.name, t]));
  const toTables = new Map(to.tables.map((t) => [t.name, t]));
  const tableRenames = renames.tables ?? {};
  for (const [old, renamed] of Object.entries(tableRenames)) {
    if (!fromTables.has(old)) throw new Error(`cannot rename table ${old}: it is not in the old snapshot`);
    if (!toTables.has(renamed))
      throw new Error(`cannot rename table ${old} to ${renamed}: not in the new snapshot`);
  }
  const renamedTo = new Map(Object.entries(tableRenames).map(([o, n]) => [n, o]));
  const pairs: Pair[] = [];
  const created: SnapshotTable[] = [];
  for (const table of to.tables) {
    const source =
      renamedTo.get(table.name) ?? (tableRenames[table.name] === undefined ? table.name : undefined);
    const old = source === undefined ? undefined : fromTables.get(source);
    if (!old) {
      created.push(table);
      continue;
    }
    const columnRenames = renames.columns?.[table.name] ?? {};
    for (const [o, n] of Object.entries(columnRenames)) {
      if (!old.columns.some((c) => c.name === o) || !table.columns.some((c) => c.name === n)) {
        throw new Error(`cannot rename column ${table.name}.${o} to ${n}: one of them is missing`);
      }
    }
    pairs.push({ from: old, to: table, columnRenames });
  }
  const kept = new Set(pairs.map((p) => p.from.name));
  const dropped = from.tables.filter((t) => !kept.has(t.name));

  const toFks = new Map(to.tables.flatMap((t) => t.foreignKeys.map((fk) => [fk.name, fk] as const)));
  const fromFks = from.tables.flatMap((t) => t.foreignKeys.map((fk) => ({ table: t.name, fk })));
  const newFks = to.tables.flatMap((t) => t.foreignKeys.map((fk) => ({ table: t.name, fk })));
  const fromFkNames = new Map(fromFks.map(({ fk }) => [fk.name, fk]));

  const up: string[] = [];
  // 1. Foreign keys that go or change (of dropped tables too, so tables drop in any order).
  for (const { table, fk } of fromFks) {
    const next = toFks.get(fk.name);
    if (next && sameForeignKey(fk, next) && kept.has(table)) continue;
    up.push(`ALTER TABLE ${q(table)} DROP CONSTRAINT ${quoteIdent(fk.name)}`);
    up.push(`DROP INDEX ${q(fk.index)}`);
  }
  // 2. Unique indexes that go or change, on tables that stay.
  for (const { from: old, to: table } of pairs) {
    const next = new Map(table.indexes.map((i) => [i.name, i]));
    for (const index of old.indexes) {
      const n = next.get(index.name);
      if (!n || !sameIndex(index, n)) up.push(`DROP INDEX ${q(index.name)}`);
    }
  }
  // 3. Renames: tables (and their primary key's name), then columns.
  for (const { from: old, to: table } of pairs) {
    if (old.name === table.name) continue;
    up.push(`ALTER TABLE ${q(old.name)} RENAME TO ${quoteIdent(table.name)}`);
    up.push(
      `ALTER TABLE ${q(table.name)} RENAME CONSTRAINT ${quoteIdent(primaryKeyName(old.name))} TO ${quoteIdent(primaryKeyName(table.name))}`,
    );
  }
  for (const { from: old, to: table, columnRenames } of pairs) {
    for (const [o, n] of Object.entries(columnRenames)) {
      up.push(`ALTER TABLE ${q(table.name)} RENAME COLUMN ${quoteIdent(o)} TO ${quoteIdent(n)}`);
      // An enum's CHECK is named after its column, so it follows the rename.
      if (old.columns.find((c) => c.name === o)?.values) {
        up.push(
          `ALTER TABLE ${q(table.name)} RENAME CONSTRAINT ${quoteIdent(`${o}_values`)} TO ${quoteIdent(`${n}_values`)}`,
        );
      }
    }
  }
  // 4. Primary keys that change.
  const pkChanged = pairs.filter(
    (p) =>
      !sameList(
        p.from.primaryKey.map((c) => p.columnRenames[c] ?? c),
        p.to.primaryKey,
      ),
  );
  for (const { to: table } of pkChanged) {
    up.push(`ALTER TABLE ${q(table.name)} DROP CONSTRAINT ${quoteIdent(primaryKeyName(table.name))}`);
  }
  // 5. and 6. Tables that go, tables that come.
  for (const table of dropped) up.push(`DROP TABLE ${q(table.name)}`);
  for (const table of created) up.push(createTable(table, q(table.name)));
  // 7. Columns.
  for (const { from: old, to: table, columnRenames } of pairs) {
    const oldColumns = new Map(old.columns.map((c) => [columnRenames[c.name] ?? c.name, c]));
    const newColumns = new Set(table.columns.map((c) => c.name));
    for (const column of table.columns) {
      const before = oldColumns.get(column.name);
      if (!before) up.push(`ALTER TABLE ${q(table.name)} ADD COLUMN ${columnDefinition(column)}`);
      else up.push(...alterColumn(q(table.name), before, column));
    }
    for (const [name] of oldColumns) {
      if (!newColumns.has(name)) up.push(`ALTER TABLE ${q(table.name)} DROP COLUMN ${quoteIdent(name)}`);
    }
  }
  for (const { to: table } of pkChanged) {
    up.push(
      `ALTER TABLE ${q(table.name)} ADD CONSTRAINT ${quoteIdent(primaryKeyName(table.name))} PRIMARY KEY (${table.primaryKey.map(quoteIdent).join(", ")})`,
    );
  }
  // 9. Unique indexes that come or change.
  const oldIndexes = new Map(pairs.map((p) => [p.to.name, new Map(p.from.indexes.map((i) => [i.name, i]))]));
  for (const table of to.tables) {
    for (const index of table.indexes) {
      const before = oldIndexes.get(table.name)?.get(index.name);
      if (!before || !sameIndex(before, index)) up.push(createIndex(index, q(table.name)));
    }
  }
  // 10. Foreign keys that come or change, and the index on their column.
  for (const { table, fk } of newFks) {
    const before = fromFkNames.get(fk.name);
    const stays =
      before !== undefined &&
      sameForeignKey(before, fk) &&
      fromFks.some((f) => f.fk === before && kept.has(f.table));
    if (stays) continue;
    up.push(
      `ALTER TABLE ${q(table)} ADD CONSTRAINT ${quoteIdent(fk.name)} FOREIGN KEY (${quoteIdent(fk.column)}) REFERENCES ${q(fk.references.table)} (${quoteIdent(fk.references.column)})`,
    );
    up.push(`CREATE INDEX ${quoteIdent(fk.index)} ON ${q(table)} (${quoteIdent(fk.column)})`);
  }
  return up;
}

function columnDefinition(column: SnapshotColumn): string {
  const generated = column.generated ? " GENERATED BY DEFAULT AS IDENTITY" : "";
  const preset = column.default === undefined ? "" : ` DEFAULT ${column.default}`;
  const check = column.values ? ` CONSTRAINT ${valuesCheck(column)}` : "";
  return `${quoteIdent(column.name)} ${column.type}${generated}${preset}${column.nullable ? "" : " NOT NULL"}${check}`;
}

/** An enum column's CHECK: the declared values (definitions, not input; still quoted as literals). */
function valuesCheck(column: SnapshotColumn): string {
  const values = (column.values ?? []).map((v) => `'${v.replaceAll("'", "''")}'`).join(", ");
  return `${quoteIdent(`${column.name}_values`)} CHECK (${quoteIdent(column.name)} = ANY (ARRAY[${values}]::text[]))`;
}

function createTable(table: SnapshotTable, name: string): string {
  const columns = table.columns.map(columnDefinition);
  const pk = `CONSTRAINT ${quoteIdent(primaryKeyName(table.name))} PRIMARY KEY (${table.primaryKey.map(quoteIdent).join(", ")})`;
  return `CREATE TABLE ${name} (${[...columns, pk].join(", ")})`;
}

function createIndex(index: SnapshotIndex, table: string): string {
  const keys = index.keys.map((k) => (k.lower ? `lower(${quoteIdent(k.column)})` : quoteIdent(k.column)));
  const nulls = index.nullsNotDistinct ? " NULLS NOT DISTINCT" : "";
  return `CREATE UNIQUE INDEX ${quoteIdent(index.name)} ON ${table} (${keys.join(", ")})${nulls}`;
}

/** Identity goes first and comes last, since an identity column must be NOT NULL while it is one. */
function alterColumn(table: string, before: SnapshotColumn, after: SnapshotColumn): string[] {
  const col = `ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(after.name)}`;
  const out: string[] = [];
  if (before.generated && !after.generated) out.push(`${col} DROP IDENTITY`);
  if (before.type !== after.type)
    out.push(`${col} TYPE ${after.type} USING ${quoteIdent(after.name)}::${after.type}`);
  if (before.nullable && !after.nullable) out.push(`${col} SET NOT NULL`);
  if (!before.generated && after.generated) out.push(`${col} ADD GENERATED BY DEFAULT AS IDENTITY`);
  if (!before.nullable && after.nullable) out.push(`${col} DROP NOT NULL`);
  if (JSON.stringify(before.values) !== JSON.stringify(after.values)) {
    if (before.values) out.push(`ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(`${after.name}_values`)}`);
    if (after.values) out.push(`ALTER TABLE ${table} ADD CONSTRAINT ${valuesCheck(after)}`);
  }
  if (before.default !== after.default) {
    out.push(after.default === undefined ? `${col} DROP DEFAULT` : `${col} SET DEFAULT ${after.default}`);
  }
  return out;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

const sameIndex = (a: SnapshotIndex, b: SnapshotIndex): boolean =>
  a.nullsNotDistinct === b.nullsNotDistinct &&
  a.keys.length === b.keys.length &&
  a.keys.every((k, i) => k.column === b.keys[i]?.column && k.lower === b.keys[i]?.lower);

const sameForeignKey = (a: SnapshotForeignKey, b: SnapshotForeignKey): boolean =>
  a.column === b.column &&
  a.index === b.index &&
  a.references.table === b.references.table &&
  a.references.column === b.references.column;
