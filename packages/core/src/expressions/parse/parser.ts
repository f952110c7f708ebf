import { type ComparisonOp, type Expr, isTrustedExpr, lit, not, op, ref } from "../ast.js";
import { parseCall, parseTemplate } from "./calls.js";
import { Cursor } from "./cursor.js";
import { tokenize } from "./tokenizer.js";

const COMPARISONS = ["==", "!=", "<", "<=", ">", ">="] as const;

/**
 * Parses expression text (the chunks of a tagged template around `values`) into the AST. Precedence, loosest
 * first: `or`; `and`; prefix `not`; comparisons (`== != < <= > >= in`, which do not chain); `<>`; `+ -`;
 * `* /`; unary minus on numbers; then values, lists, parentheses, references and calls.
 */
export function parseTemplateText(chunks: readonly string[], values: readonly unknown[]): Expr {
  const c = new Cursor(tokenize(chunks), values);
  const result = parseExpression(c);
  if (c.peek().kind !== "end") c.unexpected();
  return result;
}

export function parseExpression(c: Cursor): Expr {
  return parseOr(c);
}

function parseOr(c: Cursor): Expr {
  let left = parseAnd(c);
  while (c.isKeyword("or")) {
    c.next();
    left = op("or", left, parseAnd(c));
  }
  return left;
}

function parseAnd(c: Cursor): Expr {
  let left = parseNot(c);
  while (c.isKeyword("and")) {
    c.next();
    left = op("and", left, parseNot(c));
  }
  return left;
}

function parseNot(c: Cursor): Expr {
  if (!c.isKeyword("not")) return parseComparison(c);
  c.next();
  return not(parseNot(c));
}

function parseComparison(c: Cursor): Expr {
  const left = parseConcat(c);
  const parsed = comparisonOperator(c);
  if (!parsed) return left;
  const result = parsed.negated ? not(op("in", left, parseConcat(c))) : op(parsed.op, left, parseConcat(c));
  // `a < b < c` means something else in every language that allows it; here it is a mistake to point at.
  if (comparisonOperator(c, false)) {
    c.fail(`"${c.peek().text}" cannot follow a comparison; join comparisons with and/or, or add parentheses`);
  }
  return result;
}

/** Consumes (unless `consume` is false) a comparison operator, `in` or `not in`. */
function comparisonOperator(c: Cursor, consume = true): { op: ComparisonOp; negated: boolean } | undefined {
  const o = c.operator(COMPARISONS);
  let found: { op: ComparisonOp; negated: boolean } | undefined;
  if (o) found = { op: o, negated: false };
  else if (c.isKeyword("in")) found = { op: "in", negated: false };
  else if (c.isKeyword("not") && c.isKeyword("in", 1)) found = { op: "in", negated: true };
  if (found && consume) {
    c.next();
    if (found.negated) c.next();
  }
  return found;
}

function parseConcat(c: Cursor): Expr {
  let left = parseAdditive(c);
  while (c.operator(["<>"])) {
    c.next();
    left = op("<>", left, parseAdditive(c));
  }
  return left;
}

function parseAdditive(c: Cursor): Expr {
  let left = parseMultiplicative(c);
  for (let o = c.operator(["+", "-"]); o; o = c.operator(["+", "-"])) {
    c.next();
    left = op(o, left, parseMultiplicative(c));
  }
  return left;
}

function parseMultiplicative(c: Cursor): Expr {
  let left = parseUnary(c);
  for (let o = c.operator(["*", "/"]); o; o = c.operator(["*", "/"])) {
    c.next();
    left = op(o, left, parseUnary(c));
  }
  return left;
}

/** Unary minus negates a number written or interpolated; anything else is `0 - x`, spelled out. */
function parseUnary(c: Cursor): Expr {
  if (!c.operator(["-"])) return parsePrimary(c);
  const minus = c.next();
  const t = c.next();
  // `|| 0` keeps -0 out of the tree: it would print as 0 yet differ from lit(0) under deep equality.
  if (t.kind === "number") return lit(-t.value || 0);
  if (t.kind === "value" && typeof c.values[t.index] === "number")
    return lit(-(c.values[t.index] as number) || 0);
  return c.fail("unary minus applies only to numbers (write 0 - x to negate an expression)", minus.pos);
}

function parsePrimary(c: Cursor): Expr {
  const t = c.peek();
  switch (t.kind) {
    case "number":
    case "string":
      c.next();
      return lit(t.value);
    case "keyword":
      if (t.value === "true" || t.value === "false" || t.value === "nil") {
        c.next();
        return lit(t.value === "nil" ? null : t.value === "true");
      }
      return c.unexpected();
    case "value":
      c.next();
      return interpolated(c.values[t.index]);
    case "name":
      return parseReference(c);
    case "punctuation":
      if (t.value === "(") {
        c.next();
        const inner = parseExpression(c);
        c.expect(")");
        return inner;
      }
      if (t.value === "[") return parseList(c);
      if (t.value === "^") return parseTemplate(c);
      return c.unexpected();
    default:
      return c.unexpected();
  }
}

/**
 * An interpolated value is data (a literal), unless it is an expression node made by the builders or by
 * `expr` (see `trust`), which is embedded as it is so expressions compose. Undefined becomes nil so the tree stays serialisable.
 */
function interpolated(value: unknown): Expr {
  if (isTrustedExpr(value)) return value;
  return lit(value === undefined ? null : value);
}

/** `a`, `a.b.c`, or a call `name(...)`/`a.b.calc(x: 1)`. */
function parseReference(c: Cursor): Expr {
  const start = c.peek().pos;
  const segments = [c.expectName("a name").value];
  while (c.isPunctuation(".")) {
    c.next();
    segments.push(c.expectName('a field name after "."').value);
  }
  if (c.isPunctuation("(")) return parseCall(c, segments, start, parseExpression);
  const name = segments.pop() as string;
  return ref(name, segments);
}

/** A list literal holds values only, so it becomes one literal array (as the SQL side binds one parameter). */
function parseList(c: Cursor): Expr {
  c.expect("[");
  const items: unknown[] = [];
  while (!c.isPunctuation("]")) {
    const at = c.peek().pos;
    const item = parseExpression(c);
    if (item.kind !== "literal") c.fail("lists may hold only values", at);
    items.push(item.value);
    if (!c.isPunctuation("]")) c.expect(",");
  }
  c.next();
  return lit(items);
}
