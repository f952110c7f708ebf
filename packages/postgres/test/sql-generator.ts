/**
 * Random expressions over the fixture's schema (sql-fixture.ts), for the agreement property test: typed
 * values (columns, to-one paths, literals with nils, arithmetic, functions, aggregates) combined into
 * predicates (comparisons, in, isNil, text functions, exists, and/or/not).
 */
import { type AggregateNode, call, type Expr, exists, lit, not, op, parent, ref } from "@ashlar/core";
import { DATES, DATETIMES, type Random, STATUSES, TAGS, TIERS, TITLES } from "./sql-fixture.js";

type Kind = "int" | "decimal" | "float" | "string" | "ci" | "status" | "tier" | "date" | "datetime" | "bool";
/** The table an expression is about: the root (posts), or the rows inside exists/aggregates. */
type At = "posts" | "comments" | "labels";

const KINDS: readonly Kind[] = [
  "int",
  "decimal",
  "float",
  "string",
  "ci",
  "status",
  "tier",
  "date",
  "datetime",
  "bool",
];
/** Kinds whose comparison depends on the declared type (exact, in declared order, without case). */
const TYPED: readonly Kind[] = ["decimal", "ci", "status", "tier"];

/** Columns and to-one paths of each kind, by table. */
const LEAVES: Record<At, Partial<Record<Kind, readonly Expr[]>>> = {
  posts: {
    int: [ref("views"), ref("score", ["author"]), ref("id")],
    decimal: [ref("price"), ref("rating", ["author"])],
    float: [ref("ratio")],
    string: [ref("title"), ref("name", ["author"])],
    ci: [ref("tag"), ref("email", ["author"])],
    status: [ref("status")],
    tier: [ref("tier", ["author"])],
    date: [ref("published_on")],
    datetime: [ref("created_at")],
    bool: [ref("featured")],
  },
  comments: {
    int: [ref("likes"), ref("views", ["post"]), ref("score", ["author"])],
    decimal: [ref("amount")],
    string: [ref("body"), ref("name", ["author"])],
    ci: [ref("email", ["author"])],
    status: [ref("status", ["post"])],
    tier: [ref("mood"), ref("tier", ["author"])],
  },
  labels: { ci: [ref("name")], int: [ref("id")] },
};

const PATTERNS = ["a", "A", "%", "_", "a_", "a%", "5_", "50%", "", "lph", "off", "b", " "];
const DECIMAL_LITERALS = ["0", "1.5", "-2.25", "10", "0.1", "0.3", "3.333", "100.01", "7", 1.5, 10, 0.1];
const NONZERO = [1, 2, 3, -2, 4];

export function expressionGenerator(r: Random) {
  const literalOf = (kind: Kind): unknown => {
    if (r.chance(0.05)) return null;
    switch (kind) {
      case "int":
        return r.chance(0.1) ? r.pick([1.5, -0.5]) : r.int(-3, 12);
      case "decimal":
        return r.pick(DECIMAL_LITERALS);
      case "float":
        return r.pick([0, 0.5, -1.25, 2.75, 10, 1]);
      case "string":
        return r.pick(TITLES);
      case "ci":
        return r.pick(TAGS);
      case "status":
        return r.pick([...STATUSES, "bogus"]);
      case "tier":
        return r.pick(TIERS);
      case "date":
        return r.pick(DATES);
      case "datetime":
        return r.pick(DATETIMES);
      case "bool":
        return r.chance(0.5);
    }
  };

  const leaf = (kind: Kind, at: At): Expr => {
    const own = LEAVES[at][kind];
    // Inside exists/aggregates, now and then a value of the outer row.
    if (at !== "posts" && LEAVES.posts[kind] && (!own || r.chance(0.25)))
      return parent(r.pick(LEAVES.posts[kind] ?? []));
    if (!own || r.chance(0.2)) return lit(literalOf(kind));
    return r.pick(own);
  };

  const aggregate = (kind: "int" | "decimal" | "tier" | "string", at: At, depth: number): Expr => {
    const where = r.chance(0.5) ? predicate("comments", depth - 1) : undefined;
    const field =
      kind === "int" ? "likes" : kind === "decimal" ? "amount" : kind === "tier" ? "mood" : "body";
    const choices: AggregateNode["aggregate"][] =
      kind === "int"
        ? ["count", "sum", "min", "max", "first"]
        : kind === "decimal"
          ? ["sum", "avg", "min", "max", "first"]
          : ["min", "max", "first"];
    const aggregate = r.pick(choices);
    const node: AggregateNode = {
      kind: "aggregate",
      aggregate,
      path: at === "labels" ? ["posts", "comments"] : ["comments"],
      field: aggregate === "count" && r.chance(0.5) ? undefined : field,
      where,
      sort:
        aggregate === "first"
          ? [
              {
                field: r.pick(["likes", "amount", "mood", "body"]),
                direction: r.pick(["asc", "desc"] as const),
              },
            ]
          : undefined,
      uniq: aggregate === "count" && r.chance(0.3) ? true : undefined,
      default: r.chance(0.2) ? literalOf(kind) : undefined,
    };
    return node;
  };

  /** A column of the row itself (not a literal, not parent(...)): what the evaluator takes a type from. */
  const anchorOf = (kind: Kind, at: At): Expr | undefined => {
    const own = LEAVES[at][kind];
    return own ? r.pick(own) : undefined;
  };

  const value = (kind: Kind, at: At, depth: number): Expr => {
    if (depth <= 0 || r.chance(0.35)) return leaf(kind, at);
    const again = (k: Kind = kind) => value(k, at, depth - 1);
    switch (kind) {
      case "int":
        return r.pick<() => Expr>([
          () => op(r.pick(["+", "-", "*"] as const), again(), again()),
          () => call("coalesce", again(), lit(r.int(0, 5))),
          () => call("length", again("string")),
          () => call("rem", again(), lit(r.pick(NONZERO))),
          () => call("if", predicate(at, depth - 1), again(), r.chance(0.8) ? again() : lit(null)),
          () => (at !== "posts" ? again() : aggregate("int", at, depth)),
        ])();
      case "decimal": {
        // The evaluator types an operation by its direct references only, so each decimal operation has a
        // decimal column on one side (see the report on untyped decimals).
        const anchor = anchorOf("decimal", at);
        if (!anchor) return leaf(kind, at);
        const either = (x: Expr, y: Expr) => (r.chance(0.5) ? [x, y] : [y, x]) as [Expr, Expr];
        return r.pick<() => Expr>([
          () =>
            op(r.pick(["+", "-", "*"] as const), ...either(anchor, r.chance(0.6) ? again() : again("int"))),
          () => op("/", anchor, lit(r.pick([...NONZERO, "0.5", "3"]))),
          () => call("coalesce", anchor, lit(r.pick(DECIMAL_LITERALS))),
          () => call("round", again(), lit(r.int(-1, 2))),
          () => call("rem", anchor, lit(r.pick(["1.5", 2, "0.25"]))),
          () => (at !== "posts" ? again() : aggregate("decimal", at, depth)),
        ])();
      }
      case "float":
        return r.pick<() => Expr>([
          () => op(r.pick(["+", "-", "*"] as const), again(), lit(r.pick([0.5, 2, -1.25]))),
          () => op("/", r.chance(0.5) ? again() : again("int"), lit(r.pick([2, 4, -0.5]))),
          () => call("round", again(), lit(r.int(0, 1))),
        ])();
      case "string":
        return r.pick<() => Expr>([
          () => call(r.pick(["lower", "upper", "trim"]), again()),
          () => op("<>", again(), lit(r.pick(["_", "x", "%"]))),
          () =>
            op(
              "<>",
              value(r.pick(["int", "float", "decimal", "date", "datetime", "bool"] as const), at, depth - 1),
              again(),
            ),
          () => call("coalesce", again(), lit(r.pick(TITLES))),
          () => (at === "posts" ? call("stringJoin", ref("tags"), lit(r.pick([", ", "", "_"]))) : again()),
          () => (at !== "posts" ? again() : aggregate("string", at, depth)),
        ])();
      case "tier":
        return at === "posts" && r.chance(0.5) ? aggregate("tier", at, depth) : leaf(kind, at);
      case "date":
        return call("dateAdd", again(), lit(r.int(-13, 13)), lit(r.pick(["day", "months", "year", "week"])));
      case "datetime":
        return r.pick<() => Expr>([
          () =>
            call(
              "datetimeAdd",
              again(),
              lit(r.int(-40, 40)),
              lit(r.pick(["hour", "day", "month", "minutes", "second"])),
            ),
          () => call(r.pick(["ago", "fromNow"]), lit(r.int(0, 400)), lit(r.pick(["day", "hours", "month"]))),
          () => call("now"),
        ])();
      default:
        return leaf(kind, at);
    }
  };

  const comparison = (at: At, depth: number): Expr => {
    const kind = r.pick(KINDS.filter((k) => !TYPED.includes(k) || LEAVES[at][k]));
    const o = r.pick(["==", "!=", "<", "<=", ">", ">="] as const);
    const right = r.chance(0.6) ? lit(literalOf(kind)) : value(kind, at, depth);
    // Decimals, enums and ciStrings compare by their type only next to a column (see anchorOf).
    const left = TYPED.includes(kind) ? (anchorOf(kind, at) as Expr) : value(kind, at, depth);
    return r.chance(0.2) ? op(o, right, left) : op(o, left, right);
  };

  const membership = (at: At, depth: number): Expr => {
    const kind = r.pick(KINDS.filter((k) => k !== "bool" && (!TYPED.includes(k) || LEAVES[at][k])));
    const list = Array.from({ length: r.int(0, 3) }, () => literalOf(kind));
    const subject = TYPED.includes(kind) ? (anchorOf(kind, at) as Expr) : value(kind, at, depth);
    return op("in", subject, lit(list));
  };

  /** An aggregate over the row's comments compared with a value: the typed kinds next to a column. */
  const aggregateComparison = (depth: number): Expr => {
    const kind = r.pick(["int", "int", "decimal", "tier", "string"] as const);
    const o = r.pick(["==", "!=", "<", "<=", ">", ">="] as const);
    const other =
      kind === "decimal"
        ? ref("price")
        : kind === "tier"
          ? ref("tier", ["author"])
          : value(kind, "posts", depth - 1);
    return op(
      o,
      aggregate(kind, "posts", depth),
      r.chance(0.5) && kind !== "decimal" && kind !== "tier" ? lit(literalOf(kind)) : other,
    );
  };

  const predicate = (at: At, depth: number): Expr => {
    const sub = () => predicate(at, depth - 1);
    const options: [number, () => Expr][] = [
      [4, () => comparison(at, depth)],
      [1, () => membership(at, depth)],
      [1, () => call("isNil", value(r.pick(KINDS), at, depth))],
      [
        1,
        () =>
          call(
            r.pick(["startsWith", "endsWith", "contains"]),
            value(r.pick(["string", "ci"] as const), at, depth),
            lit(r.pick(PATTERNS)),
          ),
      ],
      [0.3, () => leaf("bool", at)],
    ];
    if (depth > 0) {
      options.push(
        [3, () => op(r.pick(["and", "or"] as const), sub(), sub())],
        [1, () => not(sub())],
        [0.4, () => call("cond", sub(), sub(), sub(), sub(), ...(r.chance(0.5) ? [sub()] : []))],
      );
      if (at === "posts")
        options.push(
          [2, () => aggregateComparison(depth)],
          [1, () => exists(["comments"], r.chance(0.8) ? predicate("comments", depth - 1) : undefined)],
          [0.5, () => exists(["labels"], predicate("labels", depth - 1))],
          [0.5, () => exists(["author", "posts"], predicate("posts", depth - 1))],
          [0.2, () => call("contains", ref("tags"), lit(r.pick(["x", "a_b", "q", null])))],
          [
            0.3,
            () =>
              op(
                r.pick(["==", "!="] as const),
                call("getPath", ref("data"), lit(r.pick(["a", "b.c", ["list", 1], "list.0", "list.-1"]))),
                lit(r.pick([0, 1, 2, "x", "y"])),
              ),
          ],
          [0.2, () => call("isNil", call("getPath", ref("data"), lit(r.pick(["b.c", "a", "zz"]))))],
        );
      if (at === "labels") options.push([1, () => exists(["posts"], predicate("posts", depth - 1))]);
    }
    return weighted(options)();
  };

  const weighted = <T>(options: readonly [number, T][]): T => {
    let x = r.next() * options.reduce((sum, [w]) => sum + w, 0);
    for (const [w, option] of options) {
      x -= w;
      if (x < 0) return option;
    }
    return (options.at(-1) as [number, T])[1];
  };

  return { predicate: (depth = 4) => predicate("posts", depth) };
}

/** An expression written out in full, for reports. */
export function show(e: Expr): string {
  switch (e.kind) {
    case "ref":
      return [...e.path, e.name].join(".");
    case "literal":
      return JSON.stringify(e.value) ?? "nil";
    case "op":
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case "not":
      return `not ${show(e.operand)}`;
    case "call":
      return `${e.name}(${e.args.map(show).join(", ")})`;
    case "parent":
      return `parent(${show(e.expr)})`;
    case "template":
      return `^${e.source}(${e.path.join(".")})`;
    case "exists":
      return `exists(${e.path.join(".")}${e.where ? `, ${show(e.where)}` : ""})`;
    case "aggregate": {
      const extras = [
        e.where ? `where: ${show(e.where)}` : "",
        e.sort ? `sort: ${e.sort.map((s) => `${s.field} ${s.direction}`).join(", ")}` : "",
        e.uniq ? "uniq" : "",
        e.default !== undefined ? `default: ${JSON.stringify(e.default)}` : "",
      ].filter(Boolean);
      return `${e.aggregate}(${[...e.path, ...(e.field ? [e.field] : [])].join(".")}${extras.length ? `; ${extras.join("; ")}` : ""})`;
    }
  }
}
