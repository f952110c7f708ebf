import type { SortSpec } from "../data-layer/contract.js";
import { type Expr, isExpr } from "../expressions/ast.js";
import { type FilterInput, filterInputToExpr } from "../expressions/filter-input.js";
import type { Query } from "./query.js";

/**
 * A sort key: "field" (ascending), "-field" (descending), or a full spec. The field may be an attribute, a
 * calculation, an aggregate, or a path through to-one relationships ("reporter.name").
 */
export type SortInput<R> =
  | (keyof R & string)
  | `-${keyof R & string}`
  | { field: keyof R & string; direction?: "asc" | "desc"; nulls?: "first" | "last" };

/** What a caller may say about a read. */
export interface ReadOptions<R = Record<string, unknown>> {
  /** The object form (`{ status: "open" }`) or an expression. */
  filter?: FilterInput<R> | Expr;
  sort?: readonly SortInput<R>[];
  limit?: number;
  offset?: number;
}

/** Turns the caller's sort keys into specs (still by name: the engine resolves names when it normalises). */
export function sortSpecsOf(
  sort: readonly (string | { field: string; direction?: "asc" | "desc"; nulls?: "first" | "last" })[],
): SortSpec[] {
  return sort.map((s) =>
    typeof s === "string"
      ? s.startsWith("-")
        ? { field: s.slice(1), direction: "desc" }
        : { field: s, direction: "asc" }
      : { field: s.field, direction: s.direction ?? "asc", ...(s.nulls ? { nulls: s.nulls } : {}) },
  );
}

/** Applies a caller's filter, sort and page to a query; names are checked when the query is normalised. */
export function applyReadOptions(query: Query, options: ReadOptions): void {
  if (options.filter !== undefined) {
    query.filterBy(
      isExpr(options.filter) ? options.filter : filterInputToExpr(options.filter as Record<string, unknown>),
    );
  }
  query.sortBy(...sortSpecsOf((options.sort ?? []) as readonly string[]));
  for (const key of ["limit", "offset"] as const) {
    const n = options[key];
    if (n === undefined) continue;
    if (!Number.isInteger(n) || n < 0) {
      query.addError({ code: `invalid_${key}`, field: key, message: "must be a whole number of 0 or more" });
    } else query[key] = n;
  }
}
