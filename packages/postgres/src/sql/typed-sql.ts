import { normaliseDecimal } from "@ashlar/core";
import {
  type Compiled,
  columnSqlType,
  isJsonType,
  isTextType,
  type ValueType,
  valueType,
} from "./column-types.js";
import type { SqlCompilation } from "./scope.js";

/**
 * Typed SQL fragments: how a literal becomes a parameter of the right SQL type, and how a value is turned
 * into text, JSON or a sort key the way the in-memory evaluator sees it.
 */

const isNil = (v: unknown): v is null | undefined => v === null || v === undefined;

/** The type a literal has on its own: strings, booleans, whole numbers, other numbers, lists, maps. */
export function literalType(value: unknown): ValueType | undefined {
  if (typeof value === "string") return valueType("string");
  if (typeof value === "boolean") return valueType("boolean");
  if (typeof value === "number") return valueType(Number.isSafeInteger(value) ? "integer" : "float");
  if (typeof value === "bigint") return valueType("decimal");
  if (Array.isArray(value)) return valueType("array");
  if (typeof value === "object" && value !== null) return valueType("map");
  return undefined;
}

/** A decimal's canonical text, for a number meeting a decimal (the evaluator reads it the same way). */
export const decimalText = (v: unknown): unknown =>
  typeof v === "number" || typeof v === "bigint" ? (normaliseDecimal(String(v)) ?? String(v)) : v;

/**
 * A literal as a parameter cast to the type it meets (`price > 10` sends 10 as `$1::numeric`), or to its own
 * type when it meets none. A whole-number type meeting a fraction keeps the fraction (double precision), as
 * the evaluator compares 1 with 1.5 as numbers. Nil is a typed NULL.
 */
export function literalSql(value: unknown, expected: ValueType | undefined, c: SqlCompilation): Compiled {
  const type = expected ?? literalType(value);
  if (isNil(value)) return { sql: type ? `NULL::${columnSqlType(type)}` : "NULL", type };
  if (!type) throw new Error(`${String(value)} cannot be sent to SQL`);
  if (isJsonType(type)) return { sql: c.param(JSON.stringify(value), "jsonb"), type };
  switch (type.name) {
    case "decimal":
      return { sql: c.param(decimalText(value), "numeric"), type };
    case "integer":
      if (typeof value === "number" && !Number.isSafeInteger(value))
        return { sql: c.param(value, "double precision"), type: valueType("float") };
      if (typeof value === "string" && !/^[+-]?\d+$/.test(value.trim()))
        return { sql: c.param(value, "numeric"), type: valueType("decimal") };
      return { sql: c.param(String(value), "bigint"), type };
    default:
      return {
        sql: c.param(isTextType(type) ? String(value) : value, columnSqlType(type)),
        type,
      };
  }
}

/**
 * A value of unknown type (such as `if(c, nil, nil)`, which PostgreSQL would take as text) cast to the type
 * it meets, so CASE, COALESCE and operators see one type.
 */
export function typedAs(value: Compiled, type: ValueType | undefined): Compiled {
  if (value.type || !type) return value;
  return { sql: `(${value.sql})::${columnSqlType(type)}`, type };
}

/**
 * `(sql)::type`, unless the value already has that SQL type. A float becomes numeric through its text, the
 * shortest text that reads back as the same double (as JavaScript's String(x), which the evaluator uses):
 * a direct cast keeps only 15 significant digits, so 1.0499999999999998 would become 1.05.
 */
export function castTo(value: Compiled, sqlType: string): string {
  if (value.type && columnSqlType(value.type) === sqlType) return value.sql;
  if (value.type?.name === "float" && sqlType === "numeric") return `((${value.sql})::text)::numeric`;
  return `(${value.sql})::${sqlType}`;
}

const DATETIME_TEXT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/**
 * A value as the text the evaluator would make of it (`String(value)` of the canonical value): decimals
 * without trailing zeros, datetimes as "2026-11-22T02:31:34.123456Z", dates as "2026-11-22", times as
 * "14:05:00" with six fraction digits only when there is a fraction.
 */
export function textOf(value: Compiled): string {
  switch (value.type?.name) {
    case "decimal":
      return `trim_scale(${value.sql})::text`;
    case "datetime":
      return `to_char((${value.sql}) AT TIME ZONE 'UTC', ${DATETIME_TEXT})`;
    case "date":
      return `to_char(${value.sql}, 'YYYY-MM-DD')`;
    case "time":
      return `(to_char((${value.sql})::interval, 'HH24:MI:SS') || CASE WHEN extract(microseconds FROM ${value.sql})::bigint % 1000000 = 0 THEN '' ELSE to_char((${value.sql})::interval, '.US') END)`;
    default:
      return isTextType(value.type) ? value.sql : `(${value.sql})::text`;
  }
}

/**
 * A value as JSON the way it is held in memory (and in jsonb columns): decimals and temporal values as their
 * canonical strings, JSON as it is, the rest through to_jsonb.
 */
export function jsonOf(value: Compiled): string {
  const name = value.type?.name;
  if (isJsonType(value.type)) return value.sql;
  if (name === "decimal" || name === "datetime" || name === "date" || name === "time")
    return `to_jsonb(${textOf(value)})`;
  // An untyped value (a bare NULL) needs a type for to_jsonb to accept it.
  return value.type ? `to_jsonb(${value.sql})` : `to_jsonb((${value.sql})::text)`;
}

/**
 * What a value sorts and compares by (`<`, ORDER BY, min/max), in the evaluator's order: enums by declared
 * position, ciStrings by their lower case, text by code point (COLLATE "C", whatever the database's
 * collation), everything else natively. `enumValues` is the placeholder of the enum's values, when sent.
 */
export function orderingKey(value: Compiled, enumValues: () => string): string {
  switch (value.type?.name) {
    case "enum":
      return `array_position(${enumValues()}, ${value.sql})`;
    case "ciString":
      return `lower(${value.sql}) COLLATE "C"`;
    default:
      return isTextType(value.type) ? `(${value.sql}) COLLATE "C"` : value.sql;
  }
}

/** The enum's declared values as one parameter, `$n::text[]`, added on first use. */
export function enumValuesParam(type: ValueType | undefined, c: SqlCompilation): () => string {
  let placeholder: string | undefined;
  return () => {
    placeholder ??= c.param([...(type?.enumValues ?? [])], "text[]");
    return placeholder;
  };
}
