import {
  type AggregateKind,
  type AggregateNode,
  call,
  type ExistsNode,
  type Expr,
  parent,
  type RefNode,
  type TemplateNode,
} from "../ast.js";
import { builtinFunctions } from "../functions/index.js";
import type { Cursor } from "./cursor.js";

type ParseExpression = (c: Cursor) => Expr;

/** Aggregates written inline; `exists` is its own node kind, so it is not among them. */
const AGGREGATES = [
  "count",
  "sum",
  "avg",
  "min",
  "max",
  "first",
  "list",
] as const satisfies readonly AggregateKind[];
type InlineAggregate = (typeof AGGREGATES)[number];
const TEMPLATES = ["actor", "arg", "context"] as const satisfies readonly TemplateNode["source"][];

/**
 * Everything written `name(...)`, the cursor on "(": `exists(path, cond?)`, inline aggregates, `parent(x)`,
 * built-in functions (arity checked here, so a mistake surfaces where the text is written), and calculations
 * with named arguments `fullName(sep: " ")`, which become a reference carrying `args`.
 */
export function parseCall(
  c: Cursor,
  segments: readonly string[],
  start: number,
  parse: ParseExpression,
): Expr {
  const name = segments.join(".");
  if (segments.length === 1) {
    if (name === "exists") return parseExists(c, parse);
    if ((AGGREGATES as readonly string[]).includes(name))
      return parseAggregate(c, name as InlineAggregate, parse);
    if (name === "parent") {
      c.expect("(");
      const inner = parse(c);
      c.expect(")");
      return parent(inner);
    }
  }
  const fn = segments.length === 1 ? builtinFunctions.get(name) : undefined;
  const args = parseArguments(c, parse);
  if (fn) {
    if (args.named.length) c.fail(`${name} takes positional arguments, not named ones`, args.named[0]?.pos);
    const [min, max] = fn.arity;
    if (args.positional.length < min || args.positional.length > max) {
      c.fail(`${name} takes ${describeArity(min, max)}, got ${args.positional.length}`, start);
    }
    return call(name, ...args.positional);
  }
  if (args.positional.length || !args.named.length) {
    const hint = args.positional.length
      ? ""
      : " (a calculation without arguments is written without parentheses)";
    c.fail(`unknown function ${name}; functions are ${knownFunctions().join(", ")}${hint}`, start);
  }
  const calculation: RefNode = {
    kind: "ref",
    path: segments.slice(0, -1),
    name: segments.at(-1) as string,
    args: Object.fromEntries(args.named.map((a) => [a.name, a.value])),
  };
  return calculation;
}

/** `^actor(id)`, `^arg(status)`, `^context(tenant.plan)`; the cursor on "^". */
export function parseTemplate(c: Cursor): TemplateNode {
  c.next();
  const source = c.peek();
  const name = c.expectName(`${TEMPLATES.map((t) => `^${t}`).join(", ")} after "^"`).value;
  if (!(TEMPLATES as readonly string[]).includes(name)) {
    c.fail(
      `unknown template ^${name}; templates are ${TEMPLATES.map((t) => `^${t}`).join(", ")}`,
      source.pos,
    );
  }
  c.expect("(");
  const path = parsePath(c, "a field path");
  c.expect(")");
  return { kind: "template", source: name as TemplateNode["source"], path };
}

function parseExists(c: Cursor, parse: ParseExpression): ExistsNode {
  c.expect("(");
  const path = parsePath(c, "a relationship path");
  const where = parseCondition(c, parse);
  return where ? { kind: "exists", path, where } : { kind: "exists", path };
}

/** `count(path)` counts the records at the end of the path; the others take `path.field`, the last segment the field. */
function parseAggregate(c: Cursor, aggregate: InlineAggregate, parse: ParseExpression): AggregateNode {
  c.expect("(");
  const pathStart = c.peek().pos;
  const segments = parsePath(c, "a relationship path");
  const where = parseCondition(c, parse);
  const withWhere = <N extends AggregateNode>(node: N): N => (where ? { ...node, where } : node);
  if (aggregate === "count") return withWhere({ kind: "aggregate", aggregate, path: segments });
  if (segments.length < 2) {
    c.fail(
      `${aggregate} needs a relationship path and a field, such as ${aggregate}(items.price)`,
      pathStart,
    );
  }
  return withWhere({
    kind: "aggregate",
    aggregate,
    path: segments.slice(0, -1),
    field: segments.at(-1) as string,
  });
}

/** `)` or `, condition)`: the optional filter of exists and aggregates. */
function parseCondition(c: Cursor, parse: ParseExpression): Expr | undefined {
  if (c.isPunctuation(")")) {
    c.next();
    return undefined;
  }
  c.expect(",");
  const where = parse(c);
  c.expect(")");
  return where;
}

/** A dotted name: `comments`, `comments.author`. */
function parsePath(c: Cursor, what: string): string[] {
  const segments = [c.expectName(what).value];
  while (c.isPunctuation(".")) {
    c.next();
    segments.push(c.expectName('a name after "."').value);
  }
  return segments;
}

interface Arguments {
  readonly positional: Expr[];
  readonly named: { name: string; value: Expr; pos: number }[];
}

/** `(a, b)` or `(name: a, other: b)`; the two kinds do not mix. */
function parseArguments(c: Cursor, parse: ParseExpression): Arguments {
  c.expect("(");
  const args: Arguments = { positional: [], named: [] };
  while (!c.isPunctuation(")")) {
    const t = c.peek();
    if (t.kind === "name" && c.isPunctuation(":", 1)) {
      c.next();
      c.next();
      if (args.positional.length) c.fail("named arguments cannot follow positional ones", t.pos);
      if (args.named.some((a) => a.name === t.value)) c.fail(`argument ${t.value} is given twice`, t.pos);
      args.named.push({ name: t.value, value: parse(c), pos: t.pos });
    } else {
      if (args.named.length) c.fail("positional arguments cannot follow named ones", t.pos);
      args.positional.push(parse(c));
    }
    if (!c.isPunctuation(")")) c.expect(",");
  }
  c.next();
  return args;
}

function describeArity(min: number, max: number): string {
  const n = (k: number) => `${k} argument${k === 1 ? "" : "s"}`;
  if (max === 0) return "no arguments";
  if (min === max) return n(min);
  if (max === Number.POSITIVE_INFINITY) return `at least ${n(min)}`;
  return `${min} to ${n(max)}`;
}

function knownFunctions(): string[] {
  return [...builtinFunctions.keys(), ...AGGREGATES, "exists", "parent"].sort();
}
