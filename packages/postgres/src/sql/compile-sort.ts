import { ref, type SortSpec } from "@ashlar/core";
import { compileTyped } from "./compile-expr.js";
import type { SqlScope } from "./scope.js";
import { enumValuesParam, orderingKey } from "./typed-sql.js";

/**
 * The items of an ORDER BY (without the keywords) for a sort: each key an attribute or an expression, in
 * its type's order (enums as declared, ciStrings without case, text by code point), nils where the SortSpec
 * says or PostgreSQL's default (last ascending, first descending, as in memory). Empty for no sort.
 *
 * @example
 * compileSort([{ field: "status", direction: "asc" }, { field: "id", direction: "desc", nulls: "last" }], scope)
 * // array_position($1::text[], "t0"."status") ASC, "t0"."id" DESC NULLS LAST
 */
export function compileSort(sort: readonly SortSpec[], scope: SqlScope): string {
  return compileSortKeys(sort, scope)
    .map((k) => `${k.key} ${k.order}`)
    .join(", ");
}

/** One ORDER BY item in parts: the key expression, and its direction with where nils go (`DESC NULLS LAST`). */
export interface SortKey {
  readonly key: string;
  readonly order: string;
}

/** The items of an ORDER BY, each as its key and its order (for a key that is also selected, see the data layer). */
export function compileSortKeys(sort: readonly SortSpec[], scope: SqlScope): SortKey[] {
  return sort.map((s) => {
    const value = compileTyped(s.expr ?? ref(s.field), scope);
    const key = orderingKey(value, enumValuesParam(value.type, scope.compilation));
    const nulls = s.nulls ? ` NULLS ${s.nulls === "first" ? "FIRST" : "LAST"}` : "";
    return { key, order: `${s.direction === "desc" ? "DESC" : "ASC"}${nulls}` };
  });
}
