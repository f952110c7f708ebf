import type { AttrType } from "../types/type.js";
import { compareDefault } from "../types/type.js";
import type { Row, SortSpec } from "./contract.js";

/**
 * A row comparator for a sort, with PostgreSQL's nil placement by default: nils last when ascending, first
 * when descending. Values compare with their type (enums in declared order, ciStrings without case).
 */
export function rowComparator(
  sort: readonly SortSpec[],
  typeOf: (field: string) => AttrType<unknown> | undefined,
): (a: Row, b: Row) => number {
  const keys = sort.map((s) => ({
    field: s.field,
    sign: s.direction === "desc" ? -1 : 1,
    nilsFirst: (s.nulls ?? (s.direction === "desc" ? "first" : "last")) === "first",
    compare: typeOf(s.field)?.compare ?? compareDefault,
  }));
  return (a, b) => {
    for (const k of keys) {
      const x = a[k.field];
      const y = b[k.field];
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
