/**
 * The expression AST: one serialisable tree read by every back end (the in-memory evaluator here, the SQL
 * compiler in @ashlar/postgres, the API filter parsers). Node kinds form a discriminated union on `kind`.
 */
export type Expr =
  | RefNode
  | LiteralNode
  | OpNode
  | NotNode
  | CallNode
  | ExistsNode
  | AggregateNode
  | ParentNode
  | TemplateNode;

/**
 * A field of the current record, or of a related record reached through `path` (relationship names). The
 * field may be an attribute, a calculation (with `args`) or an aggregate of that resource.
 */
export interface RefNode {
  readonly kind: "ref";
  readonly path: readonly string[];
  readonly name: string;
  /** Arguments of a calculation. */
  readonly args?: Readonly<Record<string, Expr>>;
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

/** True when some record reached through `path` matches `where` (any record, when `where` is absent). */
export interface ExistsNode {
  readonly kind: "exists";
  readonly path: readonly string[];
  readonly where?: Expr | undefined;
}

export type AggregateKind = "count" | "exists" | "sum" | "avg" | "min" | "max" | "first" | "list";

/** An aggregate over the records reached through `path`: `count(comments)`, `sum(items, price)`. */
export interface AggregateNode {
  readonly kind: "aggregate";
  readonly aggregate: AggregateKind;
  readonly path: readonly string[];
  /** The field aggregated (all but count and exists). */
  readonly field?: string | undefined;
  readonly where?: Expr | undefined;
  /** For first and list: the order of the related records. */
  readonly sort?: readonly { readonly field: string; readonly direction: "asc" | "desc" }[] | undefined;
  /** Count or list distinct values only. */
  readonly uniq?: boolean | undefined;
  /** The value for an empty set (count defaults to 0, exists to false, the rest to nil). */
  readonly default?: unknown;
}

/** Inside `exists` or an aggregate's filter: evaluates `expr` against the outer record. */
export interface ParentNode {
  readonly kind: "parent";
  readonly expr: Expr;
}

/** A value of the call: `^actor(id)`, `^arg(status)`, `^context(tenant.plan)`; filled in before evaluation. */
export interface TemplateNode {
  readonly kind: "template";
  readonly source: "actor" | "arg" | "context";
  readonly path: readonly string[];
}

/**
 * Nodes made by the builders and by `expr`: only these are embedded when interpolated into `expr`. Any other
 * object, even one shaped like a node (say, JSON from a request), is a value, so data never becomes syntax.
 */
const TRUSTED: object = Object.create(Object.prototype);

/**
 * Marks a node as made by code (builders, the parser), so `expr` may embed it: trusted nodes are made on
 * their own prototype, which JSON, spreads and clones never carry. (A WeakSet of nodes did the same at ~180 ns
 * a node — a few µs of every read.) Answers the node itself when it is trusted already, else a trusted copy.
 */
export function trust<T extends Expr>(node: T): T {
  return Object.getPrototypeOf(node) === TRUSTED ? node : (Object.assign(Object.create(TRUSTED), node) as T);
}

/** Whether a value is a node made by the builders or by `expr` (see `trust`). */
export const isTrustedExpr = (value: unknown): value is Expr =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === TRUSTED;

/** A new trusted node (the builders' hot path: no copy). */
function made<T extends Expr>(kind: T["kind"]): T {
  const node = Object.create(TRUSTED) as { kind: string };
  node.kind = kind;
  return node as T;
}

export const ref = (name: string, path: readonly string[] = []): RefNode => {
  const node = made<RefNode>("ref") as { path: readonly string[]; name: string };
  node.path = path;
  node.name = name;
  return node as RefNode;
};
export const lit = (value: unknown): LiteralNode => {
  const node = made<LiteralNode>("literal") as { value: unknown };
  node.value = value;
  return node as LiteralNode;
};
export const op = (o: BinaryOp, left: Expr, right: Expr): OpNode => {
  const node = made<OpNode>("op") as { op: BinaryOp; left: Expr; right: Expr };
  node.op = o;
  node.left = left;
  node.right = right;
  return node as OpNode;
};
export const not = (operand: Expr): NotNode => trust({ kind: "not", operand });
export const call = (name: string, ...args: Expr[]): CallNode => trust({ kind: "call", name, args });

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

export const exists = (path: readonly string[], where?: Expr): ExistsNode =>
  trust(where === undefined ? { kind: "exists", path } : { kind: "exists", path, where });
export const parent = (expr: Expr): ParentNode => trust({ kind: "parent", expr });
export const template = (source: TemplateNode["source"], ...path: string[]): TemplateNode =>
  trust({ kind: "template", source, path });

/** The node with each operand (both sides of an op, a not's operand, a call's arguments) replaced by `fn`. */
export function mapOperands(expr: Expr, fn: (e: Expr) => Expr): Expr {
  switch (expr.kind) {
    case "op":
      return { ...expr, left: fn(expr.left), right: fn(expr.right) };
    case "not":
      return { ...expr, operand: fn(expr.operand) };
    case "call":
      return { ...expr, args: expr.args.map(fn) };
    default:
      return expr;
  }
}

/** The direct children of a node (not descending into exists/aggregate bodies, which have their own root). */
export function childrenOf(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case "op":
      return [expr.left, expr.right];
    case "not":
      return [expr.operand];
    case "call":
      return expr.args;
    case "ref":
      return Object.values(expr.args ?? {});
    case "parent":
      return [expr.expr];
    default:
      return [];
  }
}

/**
 * Every reference in an expression, each with the relationship path it is relative to (for verification when
 * the app is built). References inside `exists` and aggregate filters are relative to the related resource;
 * inside `parent(...)` they are relative to the outer one again.
 */
export function refsOf(
  expr: Expr,
  base: readonly string[] = [],
  outer: readonly (readonly string[])[] = [],
): RefNode[] {
  switch (expr.kind) {
    case "ref":
      return [
        { ...expr, path: [...base, ...expr.path] },
        ...Object.values(expr.args ?? {}).flatMap((a) => refsOf(a, base, outer)),
      ];
    case "exists":
    case "aggregate": {
      const inner = [...base, ...expr.path];
      const field = expr.kind === "aggregate" && expr.field ? [ref(expr.field, inner)] : [];
      const sorted = expr.kind === "aggregate" ? (expr.sort ?? []).map((s) => ref(s.field, inner)) : [];
      return [...field, ...sorted, ...(expr.where ? refsOf(expr.where, inner, [...outer, base]) : [])];
    }
    case "parent":
      return refsOf(expr.expr, outer.at(-1) ?? [], outer.slice(0, -1));
    default:
      return childrenOf(expr).flatMap((c) => refsOf(c, base, outer));
  }
}

/** Each node kind's required keys, then its optional ones. */
const SHAPES: Record<Expr["kind"], readonly [readonly string[], readonly string[]]> = {
  ref: [["kind", "path", "name"], ["args"]],
  literal: [["kind", "value"], []],
  op: [["kind", "op", "left", "right"], []],
  not: [["kind", "operand"], []],
  call: [["kind", "name", "args"], []],
  exists: [["kind", "path"], ["where"]],
  aggregate: [
    ["kind", "aggregate", "path"],
    ["field", "where", "sort", "uniq", "default"],
  ],
  parent: [["kind", "expr"], []],
  template: [["kind", "source", "path"], []],
};

/** Whether a value is an expression node (as opposed to the object form of a filter). */
export function isExpr(value: unknown): value is Expr {
  if (typeof value !== "object" || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  if (typeof kind !== "string" || !Object.hasOwn(SHAPES, kind)) return false;
  const [required, optional] = SHAPES[kind as Expr["kind"]];
  const keys = Object.keys(value);
  return (
    required.every((k) => keys.includes(k)) && keys.every((k) => required.includes(k) || optional.includes(k))
  );
}
