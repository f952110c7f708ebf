import type { ColumnSpec, Row, TableSpec } from "@ashlar/core";
import { quoteIdent } from "../sql/params.js";

const kind = (column: ColumnSpec): string => column.type.name.split(":")[0] as string;

/**
 * How a column is read so both drivers answer the same canonical text: timestamps as "…T…Z" with six
 * fractional digits (a JS Date would drop the microseconds), numbers that may not fit a double as text, and
 * intervals in ISO-8601 (the session sets intervalstyle). Each value is then cast by its attribute type.
 */
export function selectColumn(alias: string, column: ColumnSpec): string {
  const ref = `${quoteIdent(alias)}.${quoteIdent(column.name)}`;
  switch (kind(column)) {
    case "datetime":
      return `to_char(${ref} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
    case "date":
    case "time":
    case "duration":
    case "decimal":
    case "integer":
    case "uuid":
    case "uuidv7":
      return `${ref}::text`;
    default:
      return ref;
  }
}

const selectLists = new WeakMap<TableSpec, Map<string, string>>();

/** The select list of a table: every column under its own name (built once per table and alias). */
export function selectList(alias: string, spec: TableSpec): string {
  let byAlias = selectLists.get(spec);
  if (!byAlias) {
    byAlias = new Map();
    selectLists.set(spec, byAlias);
  }
  let list = byAlias.get(alias);
  if (list === undefined) {
    list = [...spec.columns.values()]
      .map((c) => `${selectColumn(alias, c)} AS ${quoteIdent(c.name)}`)
      .join(", ");
    byAlias.set(alias, list);
  }
  return list;
}

/**
 * Kinds whose text the database already answers in canonical form (values were cast when written; datetimes
 * come through `to_char` above): they skip the cast, which was the largest per-row cost of reading.
 */
const CANONICAL = new Set(["string", "ciString", "enum", "uuid", "uuidv7", "boolean", "datetime", "date"]);

const castColumns = new WeakMap<TableSpec, readonly ColumnSpec[]>();

/** The columns whose values are cast when read (every kind not in CANONICAL), once per table. */
function columnsToCast(spec: TableSpec): readonly ColumnSpec[] {
  let columns = castColumns.get(spec);
  if (!columns) {
    columns = [...spec.columns.values()].filter((c) => !CANONICAL.has(c.type.name));
    castColumns.set(spec, columns);
  }
  return columns;
}

/**
 * Turns a driver's row into canonical values (the same ones the memory layer holds), in place: the row is a
 * fresh object of the driver's, holding every column (the select list names them all). Canonical kinds come
 * as they are.
 */
export function decodeRow(spec: TableSpec, row: Row): Row {
  for (const column of columnsToCast(spec)) {
    const value = row[column.name];
    if (value === null || value === undefined) continue;
    const cast = column.type.cast(value);
    if (cast instanceof Promise) continue;
    if (cast.ok) row[column.name] = cast.value;
  }
  return row;
}

/** A value as a query parameter: JSON-typed columns as JSON text, everything else as it is. */
export function encodeValue(column: ColumnSpec | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const k = column ? kind(column) : "";
  if (k === "json" || k === "map" || k === "array" || k === "embedded" || k === "custom")
    return JSON.stringify(value);
  return value;
}
