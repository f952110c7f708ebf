import { defaultContext, evaluate, typeOfExpr } from "../../expressions/evaluate.js";
import type { DataQuery, Row, TableSpec } from "../contract.js";
import { rowComparator } from "../sort-rows.js";
import type { MemoryQueryContext } from "./memory-scope.js";

/**
 * The memory layer's query pipeline over the rows a transaction sees: filter → sort → per-group or overall
 * offset/limit → computed values. One clock for the whole query, as one SQL statement has one `now()`.
 */
export function runQuery(context: MemoryQueryContext, spec: TableSpec, query: DataQuery): Row[] {
  const clock = defaultContext();
  const scopeOf = (row: Row) => context.scope(spec, row);
  let rows = context.rows(spec);
  const filter = query.filter;
  if (filter) rows = rows.filter((row) => evaluate(filter, scopeOf(row), clock) === true);
  if (query.sort?.length) {
    const sort = query.sort;
    const keys = new Map<Row, unknown[]>(
      rows.map((row) => [
        row,
        sort.map((s) => (s.expr ? evaluate(s.expr, scopeOf(row), clock) : row[s.field])),
      ]),
    );
    // Expression keys compare in their declared type (an enum through a path sorts in declared order).
    const first = rows[0];
    const exprTypes = sort.map((s) => (s.expr && first ? typeOfExpr(s.expr, scopeOf(first)) : undefined));
    rows = [...rows].sort(
      rowComparator(
        sort,
        (f, i) => (sort[i]?.expr ? exprTypes[i] : spec.columns.get(f)?.type),
        (row, i) => keys.get(row)?.[i],
      ),
    );
  }
  if (query.limitPer) rows = limitPerGroup(rows, query.limitPer);
  const start = query.offset ?? 0;
  rows = rows.slice(start, query.limit === undefined ? undefined : start + query.limit);
  const calculations = Object.entries(query.calculations ?? {});
  if (!calculations.length) return rows;
  return rows.map((row) => {
    const scope = scopeOf(row);
    return {
      ...row,
      ...Object.fromEntries(calculations.map(([name, e]) => [name, evaluate(e, scope, clock) ?? null])),
    };
  });
}

/** Keeps `offset`..`offset + limit` rows of each distinct value of `field`, in the current order. */
function limitPerGroup(rows: Row[], per: NonNullable<DataQuery["limitPer"]>): Row[] {
  const seen = new Map<string, number>();
  const from = per.offset ?? 0;
  const to = per.limit === undefined ? Number.POSITIVE_INFINITY : from + per.limit;
  return rows.filter((row) => {
    const key = JSON.stringify(row[per.field] ?? null);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n >= from && n < to;
  });
}
