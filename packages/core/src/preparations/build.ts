import type { SortSpec } from "../data-layer/contract.js";
import type { Expr } from "../expressions/ast.js";
import { PreparationDef } from "./preparation.js";

export interface BuildOptions {
  /** Joined to the caller's filter with `and`. */
  filter?: Expr;
  /** Appended after the caller's sort (a default order, or a tiebreaker). */
  sort?: readonly SortSpec[];
  /** Used when the caller gives no limit. */
  defaultLimit?: number;
}

/**
 * Shapes every read of an action: a fixed filter, a default sort, a default limit.
 * @example recent: read({ preparations: [build({ sort: [{ field: "insertedAt", direction: "desc" }], defaultLimit: 20 })] })
 */
export function build(options: BuildOptions): PreparationDef<string> {
  return new PreparationDef({
    name: "build",
    refs: [...(options.sort ?? []).map((s) => s.field)],
    describe: () =>
      [
        options.filter && "filters the read",
        options.sort?.length && `sorts by ${options.sort.map((s) => `${s.field} ${s.direction}`).join(", ")}`,
        options.defaultLimit !== undefined && `limits to ${options.defaultLimit} by default`,
      ]
        .filter(Boolean)
        .join("; "),
    prepare: (query) => {
      query.filterBy(options.filter);
      query.sortBy(...(options.sort ?? []));
      if (query.limit === undefined && options.defaultLimit !== undefined) query.limit = options.defaultLimit;
    },
  });
}
