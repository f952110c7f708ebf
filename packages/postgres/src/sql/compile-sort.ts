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
  return sort
    .map((s) => {
      const value = compileTyped(s.expr ?? ref(s.field), scope);
      const key = orderingKey(value, enumValuesParam(value.type, scope.compilation));
      const nulls = s.nulls ? ` NULLS ${s.nulls === "first" ? "FIRST" : "LAST"}` : "";
      return `${key} ${s.direction === "desc" ? "DESC" : "ASC"}${nulls}`;
    })
    .join(", ");
}
