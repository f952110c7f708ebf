/**
 * Each function, operator and aggregate computes in SQL the value the in-memory evaluator computes, row by
 * row over the fixture (nils included), on PGlite and on a PostgreSQL server; errors raise on both sides.
 * Values are compared as JSON in their canonical form (decimals and datetimes as canonical strings).
 */
import {
  type AggregateNode,
  call,
  type Expr,
  ExpressionError,
  evaluate,
  exists,
  lit,
  normaliseDecimal,
  op,
  parent,
  ref,
} from "@ashlar/core";
import {
  ashlarErrorFunctionSql,
  compileSort,
  compileTyped,
  expressionErrorOf,
  jsonOf,
  quoteIdent,
  type SqlClient,
  SqlCompilation,
} from "@ashlar/postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchema, DRIVERS, makeRows, memoryScopes, NOW, TABLES } from "./sql-fixture.js";
import { show } from "./sql-generator.js";

const rows = makeRows();
const memory = memoryScopes(rows);

const agg = (node: Omit<AggregateNode, "kind" | "path"> & { path?: string[] }): AggregateNode => ({
  kind: "aggregate",
  path: ["comments"],
  ...node,
});

/** Expressions whose value must be the same in memory and in SQL, for every post. */
const VALUES: Record<string, Expr[]> = {
  isNil: [call("isNil", ref("title")), call("isNil", call("getPath", ref("data"), lit("b.c")))],
  coalesce: [
    call("coalesce", ref("views"), lit(0)),
    call("coalesce", ref("price"), lit(1.5)),
    call("coalesce", ref("title"), ref("tag"), lit("z")),
    call("coalesce", lit(null), ref("views")),
  ],
  contains: [
    call("contains", ref("title"), lit("%")),
    call("contains", ref("title"), lit("_")),
    call("contains", ref("tags"), lit("x")),
    call("contains", ref("tags"), ref("title")),
    call("contains", ref("title"), lit(null)),
  ],
  startsWith: [
    call("startsWith", ref("title"), lit("a_")),
    call("startsWith", ref("title"), lit("50%")),
    call("startsWith", ref("title"), lit("")),
    call("startsWith", ref("tag"), lit("r")),
  ],
  endsWith: [call("endsWith", ref("title"), lit("%b")), call("endsWith", ref("title"), lit("_b"))],
  length: [call("length", ref("title")), call("length", ref("tags")), call("length", lit("naïve 😀"))],
  lower: [call("lower", ref("title"))],
  upper: [call("upper", ref("tag"))],
  trim: [call("trim", ref("title")), call("trim", lit("\t a \u00a0\n"))],
  round: [
    call("round", ref("price")),
    call("round", ref("price"), lit(1)),
    call("round", ref("price"), lit(-1)),
    call("round", ref("ratio")),
    call("round", ref("views"), lit(-1)),
    call("round", lit(2.675), lit(2)),
    call("round", lit(-2.5)),
    call("round", lit("0"), lit(2)),
    call("round", op("-", op("-", lit(2.8), lit(1.25)), lit(0.5)), lit(1)),
  ],
  rem: [
    call("rem", ref("views"), lit(3)),
    call("rem", lit(-7), lit(2)),
    call("rem", ref("price"), lit("0.25")),
    call("rem", ref("ratio"), lit(2)),
    call("rem", lit("7.5"), lit(2)),
  ],
  now: [call("now"), call("today")],
  ago: [
    call("ago", lit(3), lit("days")),
    call("ago", lit(90), lit("minutes")),
    call("fromNow", lit(1), lit("month")),
  ],
  dateAdd: [
    call("dateAdd", ref("published_on"), lit(1), lit("month")),
    call("dateAdd", ref("published_on"), lit(1), lit("year")),
    call("dateAdd", ref("published_on"), lit(-2), lit("weeks")),
    call("dateAdd", ref("published_on"), ref("views"), lit("day")),
  ],
  datetimeAdd: [
    call("datetimeAdd", ref("created_at"), lit(1), lit("month")),
    call("datetimeAdd", ref("created_at"), lit(1500), lit("millisecond")),
    call("datetimeAdd", ref("created_at"), lit(-1), lit("microsecond")),
    call("datetimeAdd", ref("created_at"), lit(36), lit("hours")),
  ],
  getPath: [
    call("getPath", ref("data"), lit("b.c")),
    call("getPath", ref("data"), lit(["list", 1])),
    call("getPath", ref("data"), lit("list.-1")),
    call("getPath", ref("data"), lit("b")),
    call("getPath", ref("data"), lit("zz")),
    call("getPath", ref("data"), lit(null)),
  ],
  if: [
    call("if", ref("featured"), ref("title"), lit("none")),
    call("if", op(">", ref("views"), lit(5)), ref("price"), lit(0)),
    call("if", lit(null), lit(1), lit(2)),
    call("if", ref("featured"), ref("views")),
    call("if", op(">", ref("views"), lit(100)), call("error", lit("too many")), ref("views")),
  ],
  cond: [
    call(
      "cond",
      op(">", ref("views"), lit(8)),
      lit("high"),
      op(">", ref("views"), lit(3)),
      lit("mid"),
      lit("low"),
    ),
    call("cond", ref("featured"), ref("ratio")),
  ],
  stringJoin: [
    call("stringJoin", ref("tags"), lit(", ")),
    call("stringJoin", ref("tags")),
    call("stringJoin", lit(["a", null, "b"]), lit(" ")),
    call("stringJoin", ref("tags"), lit(null)),
  ],
  operators: [
    op("<>", ref("title"), lit("!")),
    op("<>", ref("views"), lit("x")),
    op("<>", lit(1.5), ref("featured")),
    op("<>", ref("price"), ref("created_at")),
    op("<>", ref("published_on"), ref("ratio")),
    op("/", ref("views"), lit(2)),
    op("/", ref("price"), lit(3)),
    call("if", op("!=", ref("price"), lit(0)), op("/", lit(2), ref("price"))),
    op("*", ref("price"), ref("views")),
    op("-", ref("ratio"), lit(0.25)),
    op("in", ref("status"), lit(["draft", null])),
  ],
  aggregates: [
    agg({ aggregate: "count" }),
    agg({ aggregate: "count", field: "mood", uniq: true }),
    agg({ aggregate: "count", where: op(">", ref("likes"), lit(100)), default: 7 }),
    agg({ aggregate: "exists", field: "amount" }),
    agg({ aggregate: "sum", field: "amount" }),
    agg({ aggregate: "sum", field: "likes", default: 0 }),
    agg({ aggregate: "avg", field: "amount" }),
    agg({ aggregate: "avg", field: "likes" }),
    agg({ aggregate: "min", field: "mood" }),
    agg({ aggregate: "max", field: "mood" }),
    agg({ aggregate: "min", field: "body" }),
    agg({ aggregate: "max", field: "amount", where: op("<", ref("likes"), parent(ref("views"))) }),
    agg({ aggregate: "first", field: "body", sort: [{ field: "likes", direction: "desc" }] }),
    agg({ aggregate: "first", field: "amount", sort: [{ field: "mood", direction: "asc" }], default: "0" }),
    agg({ aggregate: "list", field: "body", sort: [{ field: "likes", direction: "asc" }] }),
    agg({ aggregate: "list", field: "mood", sort: [{ field: "id", direction: "desc" }], uniq: true }),
    agg({ aggregate: "list", field: "amount", sort: [{ field: "id", direction: "asc" }] }),
    agg({ aggregate: "count", path: ["labels"] }),
    agg({ aggregate: "list", path: ["labels"], field: "name", sort: [{ field: "id", direction: "asc" }] }),
    agg({ aggregate: "count", path: ["author", "posts", "comments"], where: op(">", ref("likes"), lit(4)) }),
    exists(["author", "posts"], op("and", op("!=", ref("id"), parent(ref("id"))), ref("featured"))),
  ],
};

/** Expressions that must raise in memory and in SQL, for some post. */
const ERRORS: [string, Expr][] = [
  ["whole numbers divided by zero", op("/", ref("views"), lit(0))],
  ["decimals divided by zero", op("/", ref("price"), lit(0))],
  ["rem by zero", call("rem", ref("views"), lit(0))],
  ["a decimal rem by zero", call("rem", ref("price"), lit("0"))],
  [
    "error() in the branch taken",
    call("if", op(">=", ref("views"), lit(0)), call("error", lit("boom")), ref("views")),
  ],
];

const memoryValue = (e: Expr, row: Record<string, unknown>) =>
  evaluate(e, memory.scope(TABLES.posts, row), { now: () => NOW }) ?? null;

for (const [name, make] of DRIVERS) {
  describe(`${name}: functions, operators and aggregates compute what the evaluator computes`, () => {
    let db: SqlClient;
    const schema = `ashlar_sqlfn_${process.pid}_${name}`;
    const compilation = () => new SqlCompilation({ schema, functionSchema: schema, now: NOW });
    beforeAll(async () => {
      db = await make();
      await createSchema(db, schema, rows);
      await db.query(ashlarErrorFunctionSql(schema));
    }, 60_000);
    afterAll(async () => {
      await db.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      await db.close();
    });

    const select = async (e: Expr) => {
      const c = compilation();
      const compiled = compileTyped(e, c.scope(TABLES.posts, "p"));
      const rows = await db.query<{ id: unknown; v: unknown }>(
        `SELECT "p"."id", ${jsonOf(compiled)} AS v FROM ${c.tableName(TABLES.posts)} AS "p" ORDER BY "p"."id"`,
        c.params.values,
      );
      return { rows, type: compiled.type };
    };

    for (const [fn, cases] of Object.entries(VALUES)) {
      it(fn, async () => {
        for (const e of cases) {
          const { rows: answer, type } = await select(e);
          const sql = answer.map((r) => [Number(r.id), r.v]);
          // In memory a decimal meeting a number literal may stay that number (coalesce(price, 1.5)); as a
          // decimal it is the same value, which SQL answers as its canonical text.
          const asType = (v: unknown) =>
            type?.name === "decimal" && typeof v === "number" ? normaliseDecimal(String(v)) : v;
          const mem = rows.posts.map((r) => [r.id, asType(memoryValue(e, r))]);
          expect({ expr: show(e), values: sql }).toEqual({ expr: show(e), values: mem });
        }
      });
    }

    for (const [what, e] of ERRORS) {
      it(`raises on ${what}, as in memory`, async () => {
        expect(() => rows.posts.map((r) => memoryValue(e, r))).toThrow();
        await expect(select(e)).rejects.toThrow();
      });
    }

    it("raises error(...) as an ExpressionError with its message and details", async () => {
      const raise = async (e: Expr) => {
        const error = await select(e).then(
          () => undefined,
          (err: unknown) => err,
        );
        return expressionErrorOf(error);
      };
      const detailed = await raise(call("error", lit("not enough stock"), lit({ sku: "a'b" })));
      expect(detailed).toBeInstanceOf(ExpressionError);
      expect([detailed?.message, detailed?.details]).toEqual(["not enough stock", { sku: "a'b" }]);
      const bare = await raise(call("error", lit(null), lit(5)));
      expect([bare?.message, bare?.details]).toEqual(["error", { value: 5 }]);
      const fromRow = await raise(
        call("if", op("==", ref("id"), lit(2)), call("error", ref("title"), ref("tags")), lit(1)),
      );
      const row = rows.posts[1] ?? {};
      expect([fromRow?.message, fromRow?.details]).toEqual([
        row.title ?? "error",
        row.tags ? { value: row.tags } : {},
      ]);
      expect(expressionErrorOf(new Error("something else"))).toBeUndefined();
    });

    it("sorts as the memory layer sorts: enums as declared, ciStrings without case, text by code point", async () => {
      const c = compilation();
      const scope = c.scope(TABLES.posts, "p");
      const order = compileSort(
        [
          { field: "status", direction: "desc" },
          { field: "tag", direction: "asc", nulls: "first" },
          { field: "title", direction: "desc", nulls: "last" },
          { field: "id", direction: "asc" },
        ],
        scope,
      );
      const sql = await db.query<{ id: unknown }>(
        `SELECT "p"."id" FROM ${c.tableName(TABLES.posts)} AS "p" ORDER BY ${order}`,
        c.params.values,
      );
      const type = (f: string) => TABLES.posts.columns.get(f)?.type;
      const key =
        (f: string, dir: number, nilsFirst: boolean) =>
        (a: Record<string, unknown>, b: Record<string, unknown>) => {
          const [x, y] = [a[f] ?? null, b[f] ?? null];
          if (x === null || y === null) return x === y ? 0 : (x === null) === nilsFirst ? -1 : 1;
          return dir * (type(f)?.compare(x, y) ?? 0);
        };
      const keys = [
        key("status", -1, true),
        key("tag", 1, true),
        key("title", -1, false),
        key("id", 1, false),
      ];
      const expected = [...rows.posts]
        .sort((a, b) => keys.reduce((d, k) => d || k(a, b), 0))
        .map((r) => r.id);
      expect(sql.map((r) => Number(r.id))).toEqual(expected);
    });
  });
}
