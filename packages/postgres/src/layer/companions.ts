import type { CompanionInsert, TableSpec } from "@ashlar/core";
import { quoteIdent } from "../sql/params.js";
import type { SqlCompilation } from "../sql/scope.js";

/** How the layer sends one column's value as a parameter (JSON as text, each cast to its column's type). */
export type ParamOf = (c: SqlCompilation, spec: TableSpec, column: string, value: unknown) => string;

/**
 * A write and its companions (see `WriteOptions.companions`) as one statement: the write becomes the CTE "w",
 * each companion an `INSERT ... SELECT ... FROM` the write (the first) or the companion before it (the others,
 * so they are inserted in order) — a write that writes no row inserts none — joined to its advisory lock, which is therefore held before the companion's column defaults (a sequence) and stamps
 * (`clock_timestamp()`) are evaluated. The statement answers the write's own rows. PostgreSQL runs every
 * part or none, so no transaction is needed around it.
 *
 * @example
 * WITH "w" AS (INSERT INTO "ticket" ... RETURNING ...),
 *   "c0" AS (INSERT INTO "event" ("recordId", ..., "occurredAt") SELECT $9::uuid, ..., clock_timestamp()
 *     FROM "w", (SELECT pg_advisory_xact_lock(hashtextextended($12::text, 0))) AS "l0" RETURNING 1)
 * SELECT * FROM "w"
 */
export function withCompanions(
  c: SqlCompilation,
  write: string,
  companions: readonly CompanionInsert[] | undefined,
  paramOf: ParamOf,
): string {
  if (!companions?.length) return write;
  const inserts = companions.map((x, i) => {
    const stamp = (x.stamp ?? []).filter((k) => x.table.columns.has(k));
    const given = Object.keys(x.row).filter((k) => {
      const column = x.table.columns.get(k);
      return column && !stamp.includes(k) && !(x.row[k] == null && column.generated);
    });
    const values = [
      ...given.map((k) => paramOf(c, x.table, k, x.row[k])),
      ...stamp.map(() => "clock_timestamp()"),
    ];
    const lock =
      x.lock === undefined
        ? ""
        : `, (SELECT pg_advisory_xact_lock(hashtextextended(${c.param(`ashlar:${x.lock}`, "text")}, 0))) AS "l${i}"`;
    const columns = [...given, ...stamp].map(quoteIdent).join(", ");
    // Each reads the one row the previous answered, so they are inserted in order (CTEs have none of their own).
    const after = i === 0 ? `"w"` : `"c${i - 1}"`;
    return `"c${i}" AS (INSERT INTO ${c.tableName(x.table)} (${columns}) SELECT ${values.join(", ")} FROM ${after}${lock} RETURNING 1)`;
  });
  return `WITH "w" AS (${write}), ${inserts.join(", ")} SELECT * FROM "w"`;
}
