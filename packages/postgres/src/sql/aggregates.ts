import { type AggregateNode, type ExistsNode, ref } from "@ashlar/core";
import { type Compiled, commonType, isJsonType, type ValueType, valueType } from "./column-types.js";
import type { CompileFn } from "./operators.js";
import { quoteIdent } from "./params.js";
import { pathRows } from "./paths.js";
import type { SqlScope } from "./scope.js";
import { enumValuesParam, jsonOf, literalSql, orderingKey } from "./typed-sql.js";

/**
 * `exists(path, where)` and aggregates as correlated subqueries over the rows the path reaches, with the
 * evaluator's rules (expressions/aggregate.ts): nils of the field are skipped by every aggregate of a field,
 * an empty set gives the aggregate's default (count 0, exists false, list [], the rest nil), decimals are
 * exact, first and list follow the aggregate's sort.
 */

const BOOLEAN = valueType("boolean");

export function compileExists(node: ExistsNode, scope: SqlScope, compile: CompileFn): Compiled {
  const rows = pathRows(scope, node.path);
  const where = node.where ? ` AND ${compile(node.where, rows.scope, BOOLEAN).sql}` : "";
  return { sql: `EXISTS (SELECT 1 FROM ${rows.from} WHERE ${rows.correlation}${where})`, type: BOOLEAN };
}

export function compileAggregate(node: AggregateNode, scope: SqlScope, compile: CompileFn): Compiled {
  const rows = pathRows(scope, node.path);
  const inner = rows.scope;
  const c = scope.compilation;
  const field = node.field === undefined ? undefined : compile(ref(node.field), inner);
  const conditions = [rows.correlation];
  if (node.where) conditions.push(compile(node.where, inner, BOOLEAN).sql);
  if (field && node.aggregate !== "count") conditions.push(`${field.sql} IS NOT NULL`);
  const body = `FROM ${rows.from} WHERE ${conditions.join(" AND ")}`;
  const withDefault = (sql: string, type: ValueType | undefined): Compiled => {
    if (node.default === undefined || node.default === null) return { sql, type };
    const fallback = literalSql(node.default, type, c);
    return { sql: `COALESCE(${sql}, ${fallback.sql})`, type: commonType([type, fallback.type]) };
  };
  const distinct = node.uniq ? "DISTINCT " : "";
  // Values compared by their type: ciStrings without case (so uniq counts "A" and "a" once).
  const key = (v: Compiled) => (v.type?.name === "ciString" ? `lower(${v.sql})` : v.sql);
  const order = () => orderBy(node, inner, compile);
  switch (node.aggregate) {
    case "count": {
      const counted = field ? `${distinct}${key(field)}` : node.uniq ? "DISTINCT TRUE" : "*";
      const sql = `(SELECT count(${counted}) ${body})`;
      if (node.default === undefined || node.default === null) return { sql, type: valueType("integer") };
      return withDefault(`NULLIF(${sql}, 0)`, valueType("integer"));
    }
    case "exists": {
      const sql = `EXISTS (SELECT 1 ${body})`;
      if (node.default === undefined || node.default === null || node.default === false)
        return { sql, type: BOOLEAN };
      return {
        sql: `(CASE WHEN ${sql} THEN TRUE ELSE ${literalSql(node.default, BOOLEAN, c).sql} END)`,
        type: BOOLEAN,
      };
    }
    case "sum":
      return withDefault(`(SELECT sum(${distinct}${need(field, node).sql}) ${body})`, field?.type);
    case "avg": {
      const f = need(field, node);
      if (f.type?.name === "decimal") {
        // Exactly as decimalArithmetic divides: truncated to 20 decimal places.
        const sql = `(SELECT div(sum(${distinct}${f.sql}) * 100000000000000000000::numeric, count(${distinct}${f.sql})) * 0.00000000000000000001::numeric ${body})`;
        return withDefault(sql, f.type);
      }
      return withDefault(`(SELECT avg(${distinct}(${f.sql})::double precision) ${body})`, valueType("float"));
    }
    case "min":
    case "max":
      return withDefault(`(SELECT ${extreme(node.aggregate, need(field, node), c)} ${body})`, field?.type);
    case "first": {
      const f = need(field, node);
      return withDefault(`(SELECT ${f.sql} ${body} ORDER BY ${order()} LIMIT 1)`, f.type);
    }
    case "list":
      return compileList(node, need(field, node), body, order, c);
  }
}

function need(field: Compiled | undefined, node: AggregateNode): Compiled {
  if (!field) throw new Error(`a ${node.aggregate} aggregate needs a field`);
  return field;
}

/** The aggregate's sort (PostgreSQL's nil placement, which is the evaluator's), then the primary key for ties. */
function orderBy(node: AggregateNode, inner: SqlScope, compile: CompileFn): string {
  const keys = (node.sort ?? []).map((s) => {
    const value = compile(ref(s.field), inner);
    const key = orderingKey(value, enumValuesParam(value.type, inner.compilation));
    return `${key} ${s.direction === "desc" ? "DESC" : "ASC"}`;
  });
  for (const pk of inner.table.primaryKey) keys.push(`${compile(ref(pk), inner).sql} ASC`);
  return keys.join(", ");
}

/** min or max in the type's order. */
function extreme(which: "min" | "max", f: Compiled, c: SqlScope["compilation"]): string {
  switch (f.type?.name) {
    case "enum": {
      const values = enumValuesParam(f.type, c)();
      return `(${values})[${which}(array_position(${values}, ${f.sql}))]`;
    }
    case "ciString":
      // The value itself (not its lower case) that is least or greatest without regard to case.
      return `(array_agg(${f.sql} ORDER BY lower(${f.sql}) COLLATE "C" ${which === "min" ? "ASC" : "DESC"}))[1]`;
    case "string":
      return `${which}((${f.sql}) COLLATE "C")`;
    case "boolean":
      return `${which === "min" ? "bool_and" : "bool_or"}(${f.sql})`;
    case "uuid":
    case "uuidv7":
      return `(${which}((${f.sql})::text))::uuid`;
    default:
      if (f.type && isJsonType(f.type))
        throw new Error(`${which} of a ${f.type.name} value is not supported in SQL`);
      return `${which}(${f.sql})`;
  }
}

/** The field's values as a JSON list in sort order; with uniq, each value once, where it first appears. */
function compileList(
  node: AggregateNode,
  f: Compiled,
  body: string,
  order: () => string,
  c: SqlScope["compilation"],
): Compiled {
  const type = valueType("array");
  const fallback = literalSql(node.default ?? [], type, c).sql;
  if (!node.uniq)
    return {
      sql: `COALESCE((SELECT jsonb_agg(${jsonOf(f)} ORDER BY ${order()}) ${body}), ${fallback})`,
      type,
    };
  const [numbered, firsts] = [quoteIdent(c.nextAlias()), quoteIdent(c.nextAlias())];
  const distinctKey = f.type?.name === "ciString" ? `lower(${f.sql})` : f.sql;
  const sql =
    `COALESCE((SELECT jsonb_agg(${firsts}.v ORDER BY ${firsts}.o) FROM (` +
    `SELECT DISTINCT ON (${numbered}.k) ${numbered}.v, ${numbered}.o FROM (` +
    `SELECT ${jsonOf(f)} AS v, ${distinctKey} AS k, row_number() OVER (ORDER BY ${order()}) AS o ${body}` +
    `) AS ${numbered} ORDER BY ${numbered}.k, ${numbered}.o) AS ${firsts}), ${fallback})`;
  return { sql, type };
}
