import type { CallNode, Expr, RefNode, TableSpec } from "@ashlar/core";
import { compileAggregate, compileExists } from "./aggregates.js";
import { type Compiled, type ValueType, valueType, valueTypeOf } from "./column-types.js";
import { sqlFunctions } from "./functions/index.js";
import { compileOp } from "./operators.js";
import { relationshipOf, toOneColumn } from "./paths.js";
import { columnOf, type SqlScope } from "./scope.js";
import { literalSql } from "./typed-sql.js";

const BOOLEAN = valueType("boolean");

/**
 * Compiles an expression to SQL text for the row of `scope` (a boolean for WHERE, or any value), with the
 * in-memory evaluator's semantics: nil is NULL, and/or/not are SQL's three-valued logic, comparisons follow
 * the declared type (enums in declared order, ciStrings without case, decimals exactly). Values go to
 * `scope.compilation.params`; to-many paths must already be `exists` (the engine's normaliseExpr does it).
 *
 * @example
 * const c = new SqlCompilation();
 * compileExpr(expr`status == "open" and count(comments) > 2`, c.scope(posts, "p"))
 * // ("p"."status" = $1::text AND ((SELECT count(*) FROM "comments" AS "t0" WHERE "t0"."post_id" = "p"."id") > $2::bigint))
 */
export function compileExpr(expr: Expr, scope: SqlScope): string {
  return compileTyped(expr, scope).sql;
}

/**
 * One visitor over the node kinds, answering SQL text and the value's type. `expected` is the type the
 * surroundings expect, so a literal is sent as the type it meets (`price > 10`: `$1::numeric`).
 */
export function compileTyped(expr: Expr, scope: SqlScope, expected?: ValueType): Compiled {
  switch (expr.kind) {
    case "literal":
      return literalSql(expr.value, expected, scope.compilation);
    case "ref":
      return compileRef(expr, scope);
    case "op":
      return compileOp(expr, scope, compileTyped);
    case "not":
      return { sql: `(NOT ${compileTyped(expr.operand, scope, BOOLEAN).sql})`, type: BOOLEAN };
    case "call":
      return compileCall(expr, scope, expected);
    case "exists":
      return compileExists(expr, scope, compileTyped);
    case "aggregate":
      return compileAggregate(expr, scope, compileTyped);
    case "parent":
      if (!scope.outer) throw new Error("parent(...) is only meaningful inside exists or an aggregate");
      return compileTyped(expr.expr, scope.outer, expected);
    case "template":
      throw new Error(`^${expr.source}(${expr.path.join(".")}) must be filled in before compiling to SQL`);
  }
}

function compileRef(ref: RefNode, scope: SqlScope): Compiled {
  let table: TableSpec = scope.table;
  for (const name of ref.path) table = relationshipOf(table, name).destination;
  const column = table.columns.get(ref.name);
  if (!column || ref.args) {
    throw new Error(
      `${table.resource}.${ref.name} is not a column of ${table.table}: calculations and aggregates must be expanded into expressions before compiling to SQL`,
    );
  }
  const sql = ref.path.length === 0 ? columnOf(scope, ref.name) : toOneColumn(scope, ref.path, ref.name);
  return { sql, type: valueTypeOf(column.type) };
}

function compileCall(call: CallNode, scope: SqlScope, expected: ValueType | undefined): Compiled {
  const fn = sqlFunctions.get(call.name);
  if (!fn) throw new Error(`unknown function ${call.name} (no SQL form)`);
  const [min, max] = fn.arity;
  if (call.args.length < min || call.args.length > max)
    throw new Error(`${call.name} takes ${min} to ${max} arguments, not ${call.args.length}`);
  return fn.compile(call.args, {
    compile: (e, t) => compileTyped(e, scope, t),
    scope,
    compilation: scope.compilation,
    expected,
  });
}
