import { castValue } from "../../engine/cast-value.js";
import { and, type Expr, lit, op, or, ref } from "../../expressions/ast.js";
import type { AttributeMap } from "../../resource/attribute.js";
import type { AnyResource } from "../../resource/resource.js";
import { canonicalJson } from "../../types/json.js";

type Row = Record<string, unknown>;
type Path = readonly (string | number)[];

/** One entry of a managed argument. */
export interface InputItem {
  /** Where it sits in the argument: `[index]` in a list, `[]` for a single value. */
  readonly at: Path;
  /** The fields it gives (a bare key value becomes `{ id: value }`). */
  readonly fields: Row;
  /** Its key fields, cast with the destination's types; undefined when it names no record. */
  readonly key: Row | undefined;
}

/** A problem with the argument's shape or keys, at a path inside the argument. */
export type InputProblem = { readonly at: Path; readonly code: string; readonly message: string };

const isPlainObject = (v: unknown): v is Row => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * Reads a managed argument into items: a list, or (for to-one relationships, or when not a list) one value.
 * nil means no records. Each entry is an object of the destination's fields, or a bare key value when the key
 * is one field. Key values are cast with the destination's attribute types so that they compare as stored.
 *
 * @example readInput(["t1", { name: "new" }], ["id"], Tag, false)
 *   // → [{ at: [0], fields: { id: "t1" }, key: { id: "t1" } }, { at: [1], fields: { name: "new" }, key: undefined }]
 */
export async function readInput(
  value: unknown,
  keyFields: readonly string[],
  destination: AnyResource,
  toOne: boolean,
): Promise<{ items: InputItem[]; problems: InputProblem[] }> {
  const items: InputItem[] = [];
  const problems: InputProblem[] = [];
  if (value === null || value === undefined) return { items, problems };
  const list = Array.isArray(value);
  const entries: readonly unknown[] = list ? value : [value];
  if (toOne && entries.length > 1) {
    problems.push({
      at: [],
      code: "too_many",
      message: `takes one ${destination.name}, not ${entries.length}`,
    });
    return { items, problems };
  }
  const attrs = destination.attributes as AttributeMap;
  for (const [index, entry] of entries.entries()) {
    const at: Path = list ? [index] : [];
    let fields: Row;
    if (isPlainObject(entry)) fields = entry;
    else if ((typeof entry === "string" || typeof entry === "number") && keyFields.length === 1)
      fields = { [keyFields[0] as string]: entry };
    else {
      const wanted =
        keyFields.length === 1 ? `a ${keyFields[0]} or an object of fields` : "an object of fields";
      problems.push({ at, code: "invalid_type", message: `must be ${wanted} of a ${destination.name}` });
      continue;
    }
    const key: Row = {};
    let ok = true;
    for (const k of keyFields) {
      const config = attrs[k]?.config;
      const result = config ? await castValue(config, fields[k]) : { ok: true as const, value: fields[k] };
      if (result.ok) key[k] = result.value ?? null;
      else {
        ok = false;
        problems.push({ at: [...at, k], code: result.code, message: result.message });
      }
    }
    if (!ok) continue;
    if (keyFields.some((k) => key[k] === null))
      items.push({ at, fields: withoutNilKeys(fields, keyFields), key: undefined });
    else items.push({ at, fields: { ...fields, ...key }, key });
  }
  return { items, problems };
}

/**
 * An entry without a (whole) key names no record. Its nil key fields are dropped, so that a create never
 * receives an explicit nil primary key.
 */
const withoutNilKeys = (fields: Row, keyFields: readonly string[]): Row =>
  Object.fromEntries(
    Object.entries(fields).filter(
      ([k, v]) => !(keyFields.includes(k) && (v === null || v === undefined || v === "")),
    ),
  );

/** A key's identity for comparisons: the canonical JSON of its values, in key order. */
export const keyString = (record: Row, keyFields: readonly string[]): string =>
  canonicalJson(keyFields.map((k) => record[k] ?? null));

/** The key fields of a record. */
export const keyOf = (record: Row, keyFields: readonly string[]): Row =>
  Object.fromEntries(keyFields.map((k) => [k, record[k]]));

/** A key for messages: `"t1"`, or `{"a":1,"b":2}` for composite keys. */
export const keyText = (key: Row, keyFields: readonly string[]): string =>
  JSON.stringify(keyFields.length === 1 ? key[keyFields[0] as string] : key);

/** A filter matching the records with any of these keys. */
export function keysFilter(keyFields: readonly string[], keys: readonly Row[]): Expr {
  if (keyFields.length === 1) {
    const field = keyFields[0] as string;
    return op("in", ref(field), lit(keys.map((k) => k[field])));
  }
  const each = keys.map((k) => and(...keyFields.map((f) => op("==", ref(f), lit(k[f])))) as Expr);
  return or(...each) ?? lit(false);
}
