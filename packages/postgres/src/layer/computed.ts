import type { Compiled } from "../sql/column-types.js";

/**
 * A computed value (a calculation or aggregate in the select list) read as canonical text where the driver
 * would otherwise answer something lossy or driver-specific (bigint as a string, timestamps as Date), and
 * turned back into the value the memory layer answers.
 */
export function selectComputed(value: Compiled): string {
  switch (value.type?.name) {
    case "datetime":
      return `to_char((${value.sql}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
    case "integer":
    case "decimal":
    case "date":
    case "time":
    case "duration":
    case "uuid":
    case "uuidv7":
      return `(${value.sql})::text`;
    default:
      return value.sql;
  }
}

export function decodeComputed(value: Compiled, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  switch (value.type?.name) {
    case "integer":
      return Number(raw);
    case "decimal": {
      const text = String(raw);
      return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
    }
    case "float":
      return typeof raw === "string" ? Number(raw) : raw;
    default:
      return typeof raw === "bigint" ? Number(raw) : raw;
  }
}
