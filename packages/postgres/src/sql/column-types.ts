import type { AttrType } from "@ashlar/core";

/**
 * What the compiler knows about the type of a SQL value: the attribute type's name ("integer", "enum",
 * "embedded:Address", ...) and, for enums, the declared values (their order is the comparison order).
 */
export interface ValueType {
  readonly name: string;
  readonly enumValues?: readonly string[] | undefined;
}

/** A compiled expression: SQL text, and the type of its value when known. */
export interface Compiled {
  readonly sql: string;
  readonly type: ValueType | undefined;
}

/** The compiler's view of an attribute type. */
export function valueTypeOf(type: AttrType<unknown>): ValueType {
  if (type.name !== "enum") return { name: type.name };
  const values = (type.constraints as { values?: readonly string[] }).values;
  return { name: "enum", enumValues: values ?? [] };
}

export const valueType = (name: string): ValueType => ({ name });

/**
 * The PostgreSQL column type an attribute type is stored as; the data layer creates tables with these, and
 * the compiler casts parameters to them. Text-like types are `text` (enums too: their order lives in the
 * resource, not the database), exact decimals are `numeric`, and every structured value (json, map, array,
 * embedded resources, custom types, any type this list does not know) is `jsonb`.
 *
 * @example columnSqlType(t.decimal().config.type) // "numeric"
 */
export function columnSqlType(type: Pick<AttrType<unknown>, "name"> | ValueType): string {
  switch (type.name) {
    case "string":
    case "ciString":
    case "enum":
      return "text";
    case "integer":
      return "bigint";
    case "float":
      return "double precision";
    case "decimal":
      return "numeric";
    case "boolean":
      return "boolean";
    case "uuid":
    case "uuidv7":
      return "uuid";
    case "date":
      return "date";
    case "datetime":
      return "timestamptz";
    case "time":
      return "time";
    case "duration":
      return "interval";
    default:
      // json, map, array, embedded:<name>, custom:<vendor>, and types of your own (t.of): stored as JSON.
      return "jsonb";
  }
}

/** Whether values of the type are stored as text (so orderings need a collation, see `orderingKey`). */
export const isTextType = (type: ValueType | undefined): boolean =>
  type !== undefined && columnSqlType(type) === "text";

/** Whether values of the type are stored as jsonb. */
export const isJsonType = (type: ValueType | undefined): boolean =>
  type !== undefined && columnSqlType(type) === "jsonb";

/**
 * The type of values that share one SQL expression (COALESCE, CASE): the first known type, except that whole
 * numbers meeting a fraction become double precision, as PostgreSQL resolves bigint with double precision.
 */
export function commonType(types: readonly (ValueType | undefined)[]): ValueType | undefined {
  const first = types.find((t) => t !== undefined);
  if (first?.name === "integer" && types.some((t) => t?.name === "float")) return { name: "float" };
  return first;
}
