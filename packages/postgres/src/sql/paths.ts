import type { RelationshipSpec, TableSpec } from "@ashlar/core";
import { quoteIdent } from "./params.js";
import { columnOf, type SqlScope } from "./scope.js";

/**
 * Following relationships in SQL. A path's rows are a FROM list of joins plus one correlation with the
 * current row: `FROM "comments" AS "t1" ... WHERE "t1"."post_id" = "t0"."id"`. Many-to-many hops go through
 * the join table. As in memory, a nil key reaches nothing and a row reached twice (through two join rows)
 * counts twice.
 */
export interface PathRows {
  /** `table AS alias JOIN ... ON ...` */
  readonly from: string;
  /** The condition tying the first hop to the current row. */
  readonly correlation: string;
  /** The scope of the rows reached, whose outer scope is the current one. */
  readonly scope: SqlScope;
}

export function relationshipOf(table: TableSpec, name: string): RelationshipSpec {
  const rel = table.relationships.get(name);
  if (!rel) throw new Error(`${table.resource} has no relationship "${name}"`);
  return rel;
}

export const isToMany = (rel: RelationshipSpec): boolean =>
  rel.kind === "hasMany" || rel.kind === "manyToMany";

/** The rows reached from the scope's row through `path` (one or more relationships). */
export function pathRows(scope: SqlScope, path: readonly string[]): PathRows {
  if (path.length === 0) throw new Error("a relationship path needs at least one relationship");
  const c = scope.compilation;
  let table = scope.table;
  let alias = scope.alias;
  const from: string[] = [];
  let correlation = "";
  for (const [i, name] of path.entries()) {
    const rel = relationshipOf(table, name);
    const joins: { table: TableSpec; alias: string; on: string }[] = [];
    let key = columnOf({ ...scope, alias }, rel.sourceAttribute);
    if (rel.kind === "manyToMany") {
      if (!rel.through || !rel.sourceAttributeOnJoin || !rel.destinationAttributeOnJoin)
        throw new Error(
          `${table.resource}.${name}: a many-to-many relationship needs its join table and columns`,
        );
      const through = c.nextAlias();
      joins.push({
        table: rel.through,
        alias: through,
        on: `${quoteIdent(through)}.${quoteIdent(rel.sourceAttributeOnJoin)} = ${key}`,
      });
      key = `${quoteIdent(through)}.${quoteIdent(rel.destinationAttributeOnJoin)}`;
    }
    const next = c.nextAlias();
    joins.push({
      table: rel.destination,
      alias: next,
      on: `${quoteIdent(next)}.${quoteIdent(rel.destinationAttribute)} = ${key}`,
    });
    for (const [j, join] of joins.entries()) {
      const named = `${c.tableName(join.table)} AS ${quoteIdent(join.alias)}`;
      if (i === 0 && j === 0) {
        from.push(named);
        correlation = join.on;
      } else from.push(`JOIN ${named} ON ${join.on}`);
    }
    table = rel.destination;
    alias = next;
  }
  return { from: from.join(" "), correlation, scope: c.scope(table, alias, scope) };
}

/**
 * A column reached through to-one relationships, as a correlated scalar subquery: nil when no row is related.
 *
 * A subquery rather than a LEFT JOIN because it is an expression: it can stand anywhere an expression can
 * (WHERE, ORDER BY, the select list, an UPDATE's condition, inside EXISTS and aggregate bodies at any depth)
 * without the caller having to hoist joins into its FROM clause, and it can never multiply the outer rows.
 * PostgreSQL runs it as an index lookup per row. LIMIT 1 because a hasOne is not unique in the database:
 * as in memory, one related row is read.
 */
export function toOneColumn(scope: SqlScope, path: readonly string[], column: string): string {
  let table = scope.table;
  for (const name of path) {
    const rel = relationshipOf(table, name);
    if (isToMany(rel))
      throw new Error(`${table.resource}.${name} is to-many: use exists(...) or an aggregate`);
    table = rel.destination;
  }
  const rows = pathRows(scope, path);
  return `(SELECT ${columnOf(rows.scope, column)} FROM ${rows.from} WHERE ${rows.correlation} LIMIT 1)`;
}
