import type { SortSpec } from "../data-layer/contract.js";
import { call, type Expr, lit, not, op, ref } from "../expressions/ast.js";

/**
 * Keyset pagination: a cursor holds a record's sort-key values; the next page is every record strictly after
 * it in the sort order. The sort always ends with the primary key, so "strictly after" is a total order.
 * Nil placement follows the sort (PostgreSQL defaults: nils last ascending, first descending).
 */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string, keys: number): unknown[] | undefined {
  try {
    const values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    return Array.isArray(values) && values.length === keys ? values : undefined;
  } catch {
    return undefined;
  }
}

const keyExpr = (s: SortSpec): Expr => s.expr ?? ref(s.field);
const isNil = (e: Expr) => call("isNil", e);
const nilsFirst = (s: SortSpec) => (s.nulls ?? (s.direction === "desc" ? "first" : "last")) === "first";

/** Records strictly after `value` on one key. */
function after(s: SortSpec, value: unknown): Expr {
  const e = keyExpr(s);
  if (value === null || value === undefined) return nilsFirst(s) ? not(isNil(e)) : lit(false);
  const beyond = op(s.direction === "desc" ? "<" : ">", e, lit(value));
  return nilsFirst(s) ? beyond : op("or", beyond, isNil(e));
}

/** Records equal to `value` on one key (nil equals nil here, as in ORDER BY). */
function same(s: SortSpec, value: unknown): Expr {
  const e = keyExpr(s);
  return value === null || value === undefined ? isNil(e) : op("==", e, lit(value));
}

/** The condition "strictly after these key values": (k1 > v1) or (k1 = v1 and k2 > v2) or ... */
export function afterCursor(sort: readonly SortSpec[], values: readonly unknown[]): Expr {
  const alternatives = sort.map((s, i) => {
    const ties = sort.slice(0, i).map((t, j) => same(t, values[j]));
    return [...ties, after(s, values[i])].reduce((acc, e) => op("and", acc, e));
  });
  return alternatives.reduce((acc, e) => op("or", acc, e));
}

/** The same sort run backwards (for `before` pages): directions and nil placement flipped. */
export function reversed(sort: readonly SortSpec[]): SortSpec[] {
  return sort.map((s) => ({
    ...s,
    direction: s.direction === "desc" ? "asc" : "desc",
    nulls: nilsFirst(s) ? "last" : "first",
  }));
}
