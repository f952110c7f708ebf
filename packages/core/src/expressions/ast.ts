/**
 * The expression AST: one serialisable tree read by every back end (the in-memory evaluator here, the SQL
 * compiler in @ashlar/postgres, the API filter parsers). Node kinds form a discriminated union on `kind`.
 */
export type Expr = RefNode | LiteralNode | OpNode | NotNode | CallNode;

/** A field of the current record, or of a related record reached through `path` (relationship names). */
export interface RefNode {
  readonly kind: "ref";
  readonly path: readonly string[];
  readonly name: string;
}

/** A constant. Interpolated user values always become literals: they are data, never syntax. */
export interface LiteralNode {
  readonly kind: "literal";
  readonly value: unknown;
}

export type ComparisonOp = "==" | "!=" | "<" | "<=" | ">" | ">=" | "in";
export type BooleanOp = "and" | "or";
export type ArithmeticOp = "+" | "-" | "*" | "/" | "<>";
export type BinaryOp = ComparisonOp | BooleanOp | ArithmeticOp;

export interface OpNode {
  readonly kind: "op";
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}

export interface NotNode {
  readonly kind: "not";
  readonly operand: Expr;
}

/** A function call, such as `isNil(x)` or `contains(subject, "fire")`; see `expressions/functions`. */
export interface CallNode {
  readonly kind: "call";
  readonly name: string;
  readonly args: readonly Expr[];
}

export const ref = (name: string, path: readonly string[] = []): RefNode => ({ kind: "ref", path, name });
export const lit = (value: unknown): LiteralNode => ({ kind: "literal", value });
export const op = (o: BinaryOp, left: Expr, right: Expr): OpNode => ({ kind: "op", op: o, left, right });
export const not = (operand: Expr): NotNode => ({ kind: "not", operand });
export const call = (name: string, ...args: Expr[]): CallNode => ({ kind: "call", name, args });

/** Joins expressions with `and`; undefined parts are skipped, and no parts means "no filter". */
export function and(...parts: (Expr | undefined)[]): Expr | undefined {
  return parts.reduce<Expr | undefined>(
    (acc, e) => (e === undefined ? acc : acc ? op("and", acc, e) : e),
    undefined,
  );
}

export function or(...parts: Expr[]): Expr | undefined {
  return parts.reduce<Expr | undefined>((acc, e) => (acc ? op("or", acc, e) : e), undefined);
}

/** Every attribute reference in an expression (for verification when the app is built). */
export function refsOf(expr: Expr): RefNode[] {
  switch (expr.kind) {
    case "ref":
      return [expr];
    case "literal":
      return [];
    case "op":
      return [...refsOf(expr.left), ...refsOf(expr.right)];
    case "not":
      return refsOf(expr.operand);
    case "call":
      return expr.args.flatMap(refsOf);
  }
}

const SHAPES: Record<Expr["kind"], readonly string[]> = {
  ref: ["kind", "path", "name"],
  literal: ["kind", "value"],
  op: ["kind", "op", "left", "right"],
  not: ["kind", "operand"],
  call: ["kind", "name", "args"],
};

/** Whether a value is an expression node (as opposed to the object form of a filter). */
export function isExpr(value: unknown): value is Expr {
  if (typeof value !== "object" || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  if (typeof kind !== "string" || !Object.hasOwn(SHAPES, kind)) return false;
  const shape = SHAPES[kind as Expr["kind"]];
  const keys = Object.keys(value);
  return keys.length === shape.length && shape.every((k) => keys.includes(k));
}
