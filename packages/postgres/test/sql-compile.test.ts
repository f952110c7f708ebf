/**
 * The SQL compiler's text: what each construct compiles to, that values only ever travel as parameters,
 * that names are quoted, and the errors for what cannot be compiled. (What the SQL computes is checked
 * against PostgreSQL in sql-functions.test.ts and sql-agreement.test.ts.)
 */
import { type AggregateNode, call, exists, lit, not, op, parent, ref, t, template } from "@ashlar/core";
import {
  columnSqlType,
  compileExpr,
  compileSort,
  quoteIdent,
  SqlCompilation,
  type SqlScope,
  sqlFunctions,
} from "@ashlar/postgres";
import { describe, expect, it } from "vitest";
import { TABLES } from "./sql-fixture.js";

function compile(e: Parameters<typeof compileExpr>[0], options = {}) {
  const c = new SqlCompilation(options);
  const scope: SqlScope = c.scope(TABLES.posts, "p");
  return { sql: compileExpr(e, scope), params: c.params.values };
}

describe("parameters and identifiers", () => {
  it("sends every value as a parameter, never in the SQL text", () => {
    const evil = "x'); DROP TABLE posts; --";
    const { sql, params } = compile(
      op("and", op("==", ref("title"), lit(evil)), op("in", ref("tag"), lit([evil]))),
    );
    expect(sql).not.toContain("DROP");
    expect(params).toContain(evil);
    expect(sql).toMatch(/\$1::text/);
  });

  it("quotes identifiers, doubling inner quotes", () => {
    expect(quoteIdent('we"ird name')).toBe('"we""ird name"');
    expect(() => quoteIdent("")).toThrow(/cannot be a SQL identifier/);
    const { sql } = compile(ref("title"), { schema: 'my"schema' });
    expect(sql).toBe('"p"."title"');
    const path = compile(ref("name", ["author"]), { schema: 'my"schema' }).sql;
    expect(path).toContain('"my""schema"."authors"');
  });

  it("numbers placeholders in order across one statement", () => {
    const c = new SqlCompilation();
    const scope = c.scope(TABLES.posts, "p");
    const a = compileExpr(op("==", ref("views"), lit(1)), scope);
    const b = compileExpr(op("==", ref("views"), lit(2)), scope);
    expect([a, b]).toEqual(['("p"."views" = $1::bigint)', '("p"."views" = $2::bigint)']);
    expect(c.params.values).toEqual(["1", "2"]);
  });

  it("names a context-multitenant table in its tenant's schema, and hands out fresh aliases", () => {
    const c = new SqlCompilation({ schema: "app" });
    expect(c.tableName(TABLES.posts)).toBe('"app"."posts"');
    expect(c.tableName({ ...TABLES.posts, multitenancy: "context", tenant: "acme" })).toBe('"acme"."posts"');
    c.scope(TABLES.posts, "t0");
    expect(c.nextAlias()).toBe("t1");
  });
});

describe("column types", () => {
  it("stores each attribute type as the documented PostgreSQL type", () => {
    const cases: [ReturnType<typeof t.string>["config"]["type"], string][] = [
      [t.string().config.type, "text"],
      [t.ciString().config.type, "text"],
      [t.enum(["a", "b"]).config.type, "text"],
      [t.integer().config.type, "bigint"],
      [t.float().config.type, "double precision"],
      [t.decimal().config.type, "numeric"],
      [t.boolean().config.type, "boolean"],
      [t.uuid().config.type, "uuid"],
      [t.uuidv7().config.type, "uuid"],
      [t.date().config.type, "date"],
      [t.datetime().config.type, "timestamptz"],
      [t.time().config.type, "time"],
      [t.duration().config.type, "interval"],
      [t.json().config.type, "jsonb"],
      [t.map().config.type, "jsonb"],
      [t.array(t.string()).config.type, "jsonb"],
    ];
    for (const [type, sql] of cases) expect([type.name, columnSqlType(type)]).toEqual([type.name, sql]);
    expect(columnSqlType({ name: "embedded:Address" })).toBe("jsonb");
    expect(columnSqlType({ name: "custom:zod" })).toBe("jsonb");
  });
});

describe("comparisons", () => {
  it("casts a literal to the type of the column it meets", () => {
    expect(compile(op(">", ref("price"), lit(10))).sql).toBe('("p"."price" > $1::numeric)');
    expect(compile(op(">", ref("price"), lit(0.1))).params).toEqual(["0.1"]);
    expect(compile(op("<", lit("2026-01-01"), ref("published_on"))).sql).toBe(
      '($1::date < "p"."published_on")',
    );
    expect(compile(op("==", ref("created_at"), lit("2026-11-22T02:31:34.123456Z"))).sql).toContain(
      "$1::timestamptz",
    );
    // A fraction meeting a whole-number column stays a fraction, as the evaluator compares numbers.
    expect(compile(op("==", ref("views"), lit(1.5))).sql).toBe('("p"."views" = $1::double precision)');
  });

  it("orders enums by declared position, computing a literal's position up front", () => {
    const { sql, params } = compile(op("<", ref("status"), lit("published")));
    expect(sql).toBe('(array_position($2::text[], "p"."status") < $1::integer)');
    expect(params).toEqual([3, ["draft", "review", "published", "archived"]]);
    expect(compile(op("<", ref("status"), lit("bogus"))).params[0]).toBe(0);
    // Equality needs no order.
    expect(compile(op("==", ref("status"), lit("draft"))).sql).toBe('("p"."status" = $1::text)');
  });

  it("compares ciStrings by lower case and text in code point order", () => {
    expect(compile(op("==", ref("tag"), lit("RED"))).sql).toBe('(lower("p"."tag") = lower($1::text))');
    expect(compile(op("<", ref("title"), lit("b"))).sql).toBe('("p"."title" COLLATE "C" < $1::text)');
  });

  it("compiles `in` to = ANY of one array parameter, keeping nil's meaning", () => {
    expect(compile(op("in", ref("views"), lit([1, null, 3]))).sql).toBe('("p"."views" = ANY ($1::bigint[]))');
    expect(compile(op("in", ref("price"), lit([1.5, "2"]))).params).toEqual([["1.5", "2"]]);
    expect(compile(op("in", ref("views"), lit([]))).sql).toBe(
      '(CASE WHEN "p"."views" IS NULL THEN NULL::boolean ELSE FALSE END)',
    );
    expect(compile(op("in", ref("views"), lit(null))).sql).toBe("NULL::boolean");
    expect(() => compile(op("in", ref("views"), ref("views")))).toThrow(/right side of `in`/);
  });

  it("keeps and/or/not as SQL's three-valued operators", () => {
    const { sql } = compile(not(op("or", ref("featured"), op("and", ref("featured"), lit(null)))));
    expect(sql).toBe('(NOT ("p"."featured" OR ("p"."featured" AND NULL::boolean)))');
  });
});

describe("arithmetic", () => {
  it("divides whole numbers as fractions, decimals exactly to 20 places", () => {
    expect(compile(op("/", ref("views"), lit(2))).sql).toBe(
      '(("p"."views")::double precision / ($1::bigint)::double precision)',
    );
    expect(compile(op("/", ref("price"), lit(3))).sql).toContain("div(");
    expect(compile(op("+", ref("price"), ref("views"))).sql).toBe('("p"."price" + ("p"."views")::numeric)');
  });

  it("concatenates with || as the evaluator's text of each side", () => {
    expect(compile(op("<>", ref("title"), ref("price"))).sql).toBe(
      '("p"."title" || trim_scale("p"."price")::text)',
    );
  });
});

describe("paths, exists and aggregates", () => {
  it("reads a to-one path with a correlated subquery, and refuses a to-many one", () => {
    expect(compile(ref("tier", ["author"])).sql).toBe(
      '(SELECT "t0"."tier" FROM "authors" AS "t0" WHERE "t0"."id" = "p"."author_id" LIMIT 1)',
    );
    expect(() => compile(ref("body", ["comments"]))).toThrow(/to-many: use exists/);
  });

  it("compiles exists through a many-to-many join table, with parent(...) reaching the outer row", () => {
    const { sql } = compile(exists(["labels"], op("==", ref("name"), parent(ref("tag")))));
    expect(sql).toBe(
      'EXISTS (SELECT 1 FROM "post_labels" AS "t0" JOIN "labels" AS "t1" ON "t1"."id" = "t0"."label_id" WHERE "t0"."post_id" = "p"."id" AND (lower("t1"."name") = lower("p"."tag")))',
    );
  });

  it("compiles aggregates as correlated subqueries with defaults", () => {
    const count: AggregateNode = { kind: "aggregate", aggregate: "count", path: ["comments"] };
    expect(compile(count).sql).toBe(
      '(SELECT count(*) FROM "comments" AS "t0" WHERE "t0"."post_id" = "p"."id")',
    );
    const sum: AggregateNode = {
      kind: "aggregate",
      aggregate: "sum",
      path: ["comments"],
      field: "amount",
      default: 0,
    };
    expect(compile(sum).sql).toBe(
      'COALESCE((SELECT sum("t0"."amount") FROM "comments" AS "t0" WHERE "t0"."post_id" = "p"."id" AND "t0"."amount" IS NOT NULL), $1::numeric)',
    );
    const json: AggregateNode = { kind: "aggregate", aggregate: "max", path: ["comments"], field: "id" };
    expect(compile(json).sql).toContain('max("t0"."id")');
  });
});

describe("functions", () => {
  it("has a SQL form for every built-in function", () => {
    expect([...sqlFunctions.keys()].sort()).toEqual(
      [
        "ago",
        "coalesce",
        "cond",
        "contains",
        "dateAdd",
        "datetimeAdd",
        "endsWith",
        "error",
        "fromNow",
        "getPath",
        "if",
        "isNil",
        "length",
        "lower",
        "now",
        "rem",
        "round",
        "startsWith",
        "stringJoin",
        "today",
        "trim",
        "upper",
      ].sort(),
    );
  });

  it("matches prefixes without LIKE, so % and _ are only characters", () => {
    expect(compile(call("startsWith", ref("title"), lit("50%"))).sql).toBe(
      'starts_with("p"."title", $1::text)',
    );
    expect(compile(call("endsWith", ref("title"), lit("_b"))).sql).not.toMatch(/LIKE/i);
    expect(compile(call("contains", ref("title"), lit("%"))).sql).toBe('(strpos("p"."title", $1::text) > 0)');
  });

  it("uses the database's now() unless the compilation fixes one", () => {
    expect(compile(call("now")).sql).toBe("now()");
    expect(compile(call("now"), { now: "2026-11-22T12:00:00.000000Z" }).sql).toBe("$1::timestamptz");
  });

  it("rejects what it cannot compile, naming it", () => {
    expect(() => compile(call("nope"))).toThrow(/unknown function nope/);
    expect(() => compile(call("isNil"))).toThrow(/isNil takes 1 to 1 arguments, not 0/);
    expect(() => compile(call("dateAdd", ref("published_on"), lit(1), lit("hour")))).toThrow(
      /unknown unit "hour"/,
    );
    expect(() => compile(call("ago", lit(1), ref("title")))).toThrow(/the unit must be a value/);
    expect(() => compile(ref("nope"))).toThrow(/posts.nope is not a column of posts/);
    expect(() => compile(parent(ref("id")))).toThrow(/only meaningful inside exists/);
    expect(() => compile(template("actor", "id"))).toThrow(/must be filled in/);
  });
});

describe("compileSort", () => {
  it("orders enums as declared, ciStrings without case, text by code point, with nil placement as asked", () => {
    const c = new SqlCompilation();
    const scope = c.scope(TABLES.posts, "p");
    const sql = compileSort(
      [
        { field: "status", direction: "asc" },
        { field: "tag", direction: "desc", nulls: "last" },
        { field: "title", direction: "asc", nulls: "first" },
        { field: "tier", expr: ref("tier", ["author"]), direction: "asc" },
        { field: "id", direction: "desc" },
      ],
      scope,
    );
    expect(sql).toBe(
      'array_position($1::text[], "p"."status") ASC, lower("p"."tag") COLLATE "C" DESC NULLS LAST, ("p"."title") COLLATE "C" ASC NULLS FIRST, array_position($2::text[], (SELECT "t0"."tier" FROM "authors" AS "t0" WHERE "t0"."id" = "p"."author_id" LIMIT 1)) ASC, "p"."id" DESC',
    );
    expect(compileSort([], scope)).toBe("");
  });
});
