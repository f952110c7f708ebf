import { call, type Expr, lit, not, op, ref } from "./ast.js";

/**
 * The object form of a filter, typed against a record:
 * `{ status: "open", priority: { in: ["high", "urgent"] }, or: [{ subject: { contains: "fire" } }] }`.
 * A plain value means equality; several keys are joined with `and`.
 */
export type FilterInput<R> = {
  [K in keyof R]?: R[K] | FieldOperators<NonNullable<R[K]>>;
} & {
  and?: readonly FilterInput<R>[];
  or?: readonly FilterInput<R>[];
  not?: FilterInput<R>;
};

export interface FieldOperators<V> {
  eq?: V;
  notEq?: V;
  gt?: V;
  gte?: V;
  lt?: V;
  lte?: V;
  in?: readonly V[];
  notIn?: readonly V[];
  isNil?: boolean;
  contains?: V extends readonly (infer I)[] ? I : V;
  startsWith?: V extends string ? string : never;
  endsWith?: V extends string ? string : never;
}

const COMPARISONS = { eq: "==", notEq: "!=", gt: ">", gte: ">=", lt: "<", lte: "<=", in: "in" } as const;
const OPERATOR_NAMES = new Set([
  ...Object.keys(COMPARISONS),
  "notIn",
  "isNil",
  "contains",
  "startsWith",
  "endsWith",
]);

const isOperatorObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" &&
  v !== null &&
  !Array.isArray(v) &&
  Object.keys(v).length > 0 &&
  Object.keys(v).every((k) => OPERATOR_NAMES.has(k));

/**
 * Turns the object form into the expression AST. An object whose keys are not all operator names is a value
 * (equality with a map or embedded value); unknown fields are caught when the
 * query is verified against the resource.
 */
export function filterInputToExpr(input: Record<string, unknown>): Expr | undefined {
  const parts: Expr[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (key === "and" || key === "or") {
      // A part without conditions (`{}`) matches every row: it drops out of `and` and makes `or` match all.
      const all = (value as Record<string, unknown>[]).map(filterInputToExpr);
      if (key === "or" && all.includes(undefined)) continue;
      const list = all.filter((e): e is Expr => !!e);
      const joined = list.reduce<Expr | undefined>((acc, e) => (acc ? op(key, acc, e) : e), undefined);
      if (joined) parts.push(joined);
      else if (key === "or") parts.push(lit(false));
    } else if (key === "not") {
      const inner = filterInputToExpr(value as Record<string, unknown>);
      parts.push(inner ? not(inner) : lit(false));
    } else if (isOperatorObject(value)) {
      for (const [name, operand] of Object.entries(value)) parts.push(fieldOperator(key, name, operand));
    } else if (value === null) {
      parts.push(call("isNil", ref(key)));
    } else {
      parts.push(op("==", ref(key), lit(value)));
    }
  }
  return parts.reduce<Expr | undefined>((acc, e) => (acc ? op("and", acc, e) : e), undefined);
}

function fieldOperator(field: string, name: string, operand: unknown): Expr {
  const target = ref(field);
  if (name === "isNil") return operand ? call("isNil", target) : not(call("isNil", target));
  // `{ eq: null }` means "is nil", as a plain `field: null` does (a SQL `= NULL` would never match).
  if (operand === null && name === "eq") return call("isNil", target);
  if (operand === null && name === "notEq") return not(call("isNil", target));
  if (name === "notIn") return not(op("in", target, lit(operand)));
  if (name === "contains" || name === "startsWith" || name === "endsWith")
    return call(name, target, lit(operand));
  return op(COMPARISONS[name as keyof typeof COMPARISONS], target, lit(operand));
}
