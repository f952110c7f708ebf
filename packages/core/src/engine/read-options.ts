import type { SortSpec } from "../data-layer/contract.js";
import { type Expr, isExpr, refsOf } from "../expressions/ast.js";
import { type FilterInput, filterInputToExpr } from "../expressions/filter-input.js";
import type { AnyResource } from "../resource/resource.js";
import type { Query } from "./query.js";

/** A sort key: "field" (ascending), "-field" (descending), or a full spec. */
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

/** Applies a caller's filter, sort and page to a query, reporting unknown fields as input errors. */
export function applyReadOptions(query: Query, options: ReadOptions): void {
  const { resource } = query;
  if (options.filter !== undefined) {
    const expr = isExpr(options.filter)
      ? options.filter
      : filterInputToExpr(options.filter as Record<string, unknown>);
    if (expr) {
      for (const r of refsOf(expr)) {
        if (r.path.length)
          query.addError({
            code: "invalid_filter",
            field: [...r.path, r.name].join("."),
            message: "filters through relationships are not supported yet",
          });
        else if (!isAttribute(resource, r.name))
          query.addError({
            code: "invalid_filter",
            field: r.name,
            message: `is not a field of ${resource.name}`,
          });
      }
      query.filterBy(expr);
    }
  }
  for (const s of options.sort ?? []) {
    const spec: SortSpec =
      typeof s === "string"
        ? s.startsWith("-")
          ? { field: s.slice(1), direction: "desc" }
          : { field: s, direction: "asc" }
        : { field: s.field, direction: s.direction ?? "asc", ...(s.nulls ? { nulls: s.nulls } : {}) };
    if (!isAttribute(resource, spec.field))
      query.addError({
        code: "invalid_sort",
        field: spec.field,
        message: `is not a field of ${resource.name}`,
      });
    else query.sortBy(spec);
  }
  for (const key of ["limit", "offset"] as const) {
    const n = options[key];
    if (n === undefined) continue;
    if (!Number.isInteger(n) || n < 0)
      query.addError({ code: `invalid_${key}`, field: key, message: "must be a whole number of 0 or more" });
    else query[key] = n;
  }
}

const isAttribute = (resource: AnyResource, name: string) => Object.hasOwn(resource.attributes, name);
