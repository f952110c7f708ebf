import type { DataQuery, TableSpec } from "@ashlar/core";
import type { Compiled } from "../sql/column-types.js";
import { compileExpr, compileTyped } from "../sql/compile-expr.js";
import { compileSortKeys } from "../sql/compile-sort.js";
import { quoteIdent } from "../sql/params.js";
import type { SqlCompilation } from "../sql/scope.js";
import { selectList } from "./codec.js";
import { selectComputed } from "./computed.js";

/** A read's statement, and the computed values its rows carry (decoded by the caller). */
export interface SelectStatement {
  readonly sql: string;
  readonly computed: readonly { readonly name: string; readonly value: Compiled }[];
}

/**
 * The SELECT of a read, on the table aliased "r". A sorted page is read in two steps: an inner query sorts
 * and cuts the bare rows (with its sort keys selected), the outer one formats only the rows of the page
 * (timestamps through `to_char`, computed values, aggregates). Otherwise PostgreSQL evaluates the whole select
 * list on every row the sort sees — measured here on 50 of ~330 matching tickets: 780 → 1,300 reads/s.
 */
export function selectStatement(c: SqlCompilation, spec: TableSpec, query: DataQuery): SelectStatement {
  const scope = c.scope(spec, "r");
  const computed = Object.entries(query.calculations ?? {}).map(([name, e]) => ({
    name,
    value: compileTyped(e, scope),
  }));
  const columns = [
    selectList("r", spec),
    ...computed.map((x) => `${selectComputed(x.value)} AS ${quoteIdent(x.name)}`),
  ].join(", ");
  const table = `${c.tableName(spec)} AS "r"`;
  const where = query.filter ? ` WHERE ${compileExpr(query.filter, scope)}` : "";
  const keys = query.sort?.length ? compileSortKeys(query.sort, scope) : [];
  const order = keys.map((k) => `${k.key} ${k.order}`).join(", ");
  const page =
    (query.limit !== undefined ? ` LIMIT ${c.param(query.limit, "bigint")}` : "") +
    (query.offset ? ` OFFSET ${c.param(query.offset, "bigint")}` : "");
  let sql: string;
  if (query.limitPer) {
    const per = query.limitPer;
    const window = `row_number() OVER (PARTITION BY "r".${quoteIdent(per.field)}${order ? ` ORDER BY ${order}` : ""}) AS "__rn"`;
    const from = per.offset ?? 0;
    const to = per.limit === undefined ? "" : ` AND "__rn" <= ${c.param(from + per.limit, "bigint")}`;
    sql = `SELECT * FROM (SELECT ${columns}, ${window} FROM ${table}${where}) AS "w" WHERE "__rn" > ${c.param(from, "bigint")}${to} ORDER BY "__rn"${page}`;
  } else if (keys.length && query.limit !== undefined && !query.lock) {
    const sortKeys = keys.map((k, i) => `${k.key} AS "__sort${i}"`).join(", ");
    const inner = `SELECT "r".*, ${sortKeys} FROM ${table}${where} ORDER BY ${keys.map((k, i) => `"__sort${i}" ${k.order}`).join(", ")}${page}`;
    sql = `SELECT ${columns} FROM (${inner}) AS "r" ORDER BY ${keys.map((k, i) => `"r"."__sort${i}" ${k.order}`).join(", ")}`;
  } else {
    sql = `SELECT ${columns} FROM ${table}${where}${order ? ` ORDER BY ${order}` : ""}${page}`;
  }
  if (query.lock) sql += ` FOR UPDATE OF "r"`;
  return { sql, computed };
}
