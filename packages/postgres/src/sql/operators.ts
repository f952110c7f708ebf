import type { Expr, OpNode } from "@ashlar/core";
import { type Compiled, columnSqlType, isTextType, type ValueType, valueType } from "./column-types.js";
import type { SqlScope } from "./scope.js";
import {
  castTo,
  decimalText,
  enumValuesParam,
  literalType,
  orderingKey,
  textOf,
  typedAs,
} from "./typed-sql.js";

/** Compiles a child expression; `expected` types a literal by what it meets. */
export type CompileFn = (expr: Expr, scope: SqlScope, expected?: ValueType) => Compiled;

const BOOLEAN = valueType("boolean");
const STRING = valueType("string");
/** The type of an enum literal's position (compared by identity with this object). */
const INTEGER: ValueType = { name: "integer" };
const SQL_OPERATOR = { "==": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">=" } as const;

/**
 * The type governing a binary operation, as the evaluator's `typeOfEither`: a decimal on either side wins (so
 * arithmetic and comparisons stay exact), otherwise the left side's type, otherwise the right's.
 */
export function typeOfEither(
  left: ValueType | undefined,
  right: ValueType | undefined,
): ValueType | undefined {
  return left?.name === "decimal" ? left : right?.name === "decimal" ? right : (left ?? right);
}

const literalValue = (e: Expr): unknown => (e.kind === "literal" ? e.value : undefined);

/**
 * Both operands, and the type governing the operation. Non-literal sides are compiled first, so a literal is
 * sent as the type it meets (or, with `literal`, however the caller wants it sent); two literals keep their
 * own types.
 */
function operands(
  node: OpNode,
  scope: SqlScope,
  compile: CompileFn,
  literal?: (value: unknown, type: ValueType | undefined) => Compiled | undefined,
) {
  const l0 = node.left.kind === "literal" ? undefined : compile(node.left, scope);
  const r0 = node.right.kind === "literal" ? undefined : compile(node.right, scope);
  const type =
    l0 || r0
      ? typeOfEither(l0?.type, r0?.type)
      : typeOfEither(literalType(literalValue(node.left)), literalType(literalValue(node.right)));
  const side = (e: Expr, other: Compiled | undefined) =>
    literal?.(literalValue(e), type) ?? compile(e, scope, other?.type ?? type);
  const left = l0 ?? side(node.left, r0);
  const right = r0 ?? side(node.right, l0);
  return {
    left: typedAs(left, right.type),
    right: typedAs(right, left.type),
    type: type ?? left.type ?? right.type,
  };
}

/** Binary operators: boolean connectives, comparisons, `in`, arithmetic and `<>` (concatenation). */
export function compileOp(node: OpNode, scope: SqlScope, compile: CompileFn): Compiled {
  switch (node.op) {
    case "and":
    case "or": {
      const l = compile(node.left, scope, BOOLEAN);
      const r = compile(node.right, scope, BOOLEAN);
      // SQL's AND/OR are already three-valued exactly as the evaluator's.
      return { sql: `(${l.sql} ${node.op.toUpperCase()} ${r.sql})`, type: BOOLEAN };
    }
    case "in":
      return compileIn(node, scope, compile);
    case "+":
    case "-":
    case "*":
    case "/":
      return compileArithmetic(node, scope, compile);
    case "<>": {
      // A literal is joined as its JavaScript text, whatever the other side is (the evaluator's String(v)).
      const asText = (value: unknown): Compiled =>
        value === null || value === undefined
          ? { sql: "NULL::text", type: STRING }
          : { sql: scope.compilation.param(String(value), "text"), type: STRING };
      const { left, right } = operands(node, scope, compile, asText);
      return { sql: `(${textOf(left)} || ${textOf(right)})`, type: STRING };
    }
    default:
      return compileComparison(node, node.op, scope, compile);
  }
}

function compileComparison(
  node: OpNode,
  op: keyof typeof SQL_OPERATOR,
  scope: SqlScope,
  compile: CompileFn,
): Compiled {
  const c = scope.compilation;
  const ordering = op !== "==" && op !== "!=";
  // Enums order by declared position: a literal's position is worked out here (0 for a value the enum does
  // not have, which the evaluator places before all others), a column's by array_position.
  const position = (value: unknown, type: ValueType | undefined): Compiled | undefined => {
    if (!ordering || type?.name !== "enum") return undefined;
    if (value === null || value === undefined) return { sql: "NULL::integer", type: INTEGER };
    return { sql: c.param((type.enumValues ?? []).indexOf(String(value)) + 1, "integer"), type: INTEGER };
  };
  const { left, right, type } = operands(node, scope, compile, position);
  let l = left.sql;
  let r = right.sql;
  if (type?.name === "decimal") {
    l = castTo(left, "numeric");
    r = castTo(right, "numeric");
  } else if (type?.name === "ciString") {
    l = `lower(${l})`;
    r = `lower(${r})`;
  }
  if (ordering && type?.name === "enum") {
    const values = enumValuesParam(type, c);
    const key = (side: Compiled) =>
      side.type === INTEGER ? side.sql : orderingKey({ sql: side.sql, type }, values);
    l = key(left);
    r = key(right);
  } else if (ordering && (isTextType(type) || (isTextType(left.type) && isTextType(right.type)))) {
    // Code point order, as JavaScript compares strings, whatever collation the database has.
    l = `${l} COLLATE "C"`;
  }
  return { sql: `(${l} ${SQL_OPERATOR[op]} ${r})`, type: BOOLEAN };
}

/**
 * `x in [a, b]` as `x = ANY($1::T[])`, which has the evaluator's nil rules already: true on a match; else
 * nil when the list holds nil; else false. A nil `x` is nil, even against an empty list (where ANY says false).
 */
function compileIn(node: OpNode, scope: SqlScope, compile: CompileFn): Compiled {
  if (node.right.kind !== "literal")
    throw new Error("the right side of `in` must be a list of values (a literal), not an expression");
  const list = node.right.value;
  const c = scope.compilation;
  if (list === null || list === undefined) return { sql: "NULL::boolean", type: BOOLEAN };
  if (!Array.isArray(list)) throw new Error("the right side of `in` must be a list");
  const present = list.filter((v) => v !== null && v !== undefined);
  const left = compile(node.left, scope, literalType(present[0]));
  if (list.length === 0)
    return { sql: `(CASE WHEN ${left.sql} IS NULL THEN NULL::boolean ELSE FALSE END)`, type: BOOLEAN };
  const type = left.type ?? literalType(present[0]);
  let items: unknown[] = list;
  let element = type ? columnSqlType(type) : "text";
  let subject = left.sql;
  if (type?.name === "decimal") {
    items = list.map(decimalText);
    subject = castTo(left, "numeric");
  } else if (type?.name === "integer" || type?.name === "float") {
    // A fraction among whole numbers is compared as a number, as the evaluator does.
    if (!present.every((v) => Number.isSafeInteger(v))) element = "double precision";
    else items = list.map((v) => (v === null || v === undefined ? v : String(v)));
    if (type.name === "float") element = "double precision";
  } else if (element === "jsonb") {
    items = list.map((v) => (v === null || v === undefined ? null : JSON.stringify(v)));
  } else if (element === "text") {
    items = list.map((v) => (v === null || v === undefined ? null : String(v)));
  }
  const array = c.param(items, `${element}[]`);
  if (type?.name === "ciString") {
    const u = c.nextAlias();
    return {
      sql: `(lower(${subject}) = ANY (SELECT lower(${u}) FROM unnest(${array}) AS ${u}))`,
      type: BOOLEAN,
    };
  }
  return { sql: `(${subject} = ANY (${array}))`, type: BOOLEAN };
}

/**
 * Arithmetic as the evaluator does it: exactly on decimals (numeric; division truncated to 20 places, as
 * decimalArithmetic does), and as JavaScript numbers otherwise (so dividing whole numbers gives a fraction:
 * double precision). Division by zero raises, as it does in memory.
 */
function compileArithmetic(node: OpNode, scope: SqlScope, compile: CompileFn): Compiled {
  const { left, right, type } = operands(node, scope, compile);
  const bothText = isTextType(left.type) && isTextType(right.type);
  if (type?.name === "decimal" || bothText) {
    const l = castTo(left, "numeric");
    const r = castTo(right, "numeric");
    const sql =
      node.op === "/"
        ? // div() is exact truncating division; scaled by 10^20 it keeps 20 decimal places, as in memory.
          `(div((${l}) * 100000000000000000000::numeric, ${r}) * 0.00000000000000000001::numeric)`
        : `(${l} ${node.op} ${r})`;
    return { sql, type: valueType("decimal") };
  }
  const float = node.op === "/" || left.type?.name === "float" || right.type?.name === "float";
  if (node.op === "/")
    return {
      sql: `(${castTo(left, "double precision")} / ${castTo(right, "double precision")})`,
      type: valueType("float"),
    };
  return { sql: `(${left.sql} ${node.op} ${right.sql})`, type: valueType(float ? "float" : "integer") };
}
