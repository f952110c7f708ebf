import type { AttrType } from "../types/type.js";
import { compareDefault } from "../types/type.js";
import type { Row, SortSpec } from "./contract.js";

/**
 * A row comparator for a sort, with PostgreSQL's nil placement by default: nils last when ascending, first
 * when descending. Values compare with their type (enums in declared order, ciStrings without case).
 */
export function rowComparator(
  sort: readonly SortSpec[],
  /** The type a key compares in: the field's, or (for an expression key) the expression's. */
  typeOf: (field: string, index: number) => AttrType<unknown> | undefined,
  /** The value a row sorts by for the i-th key (default: the row's value of the key's field). */
  sortValue: (row: Row, index: number) => unknown = (row, i) => row[sort[i]?.field ?? ""],
): (a: Row, b: Row) => number {
  const keys = sort.map((s, index) => ({
    index,
    sign: s.direction === "desc" ? -1 : 1,
    nilsFirst: (s.nulls ?? (s.direction === "desc" ? "first" : "last")) === "first",
    compare: typeOf(s.field, index)?.compare ?? compareDefault,
  }));
  return (a, b) => {
    for (const k of keys) {
      const x = sortValue(a, k.index);
      const y = sortValue(b, k.index);
      const xNil = x === null || x === undefined;
      const yNil = y === null || y === undefined;
      if (xNil || yNil) {
        if (xNil && yNil) continue;
        return xNil === k.nilsFirst ? -1 : 1;
      }
      const d = k.compare(x, y);
      if (d !== 0) return k.sign * d;
    }
    return 0;
  };
}
