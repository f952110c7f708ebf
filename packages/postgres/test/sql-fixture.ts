/**
 * A small schema for the SQL compiler's tests: authors, posts, comments and labels (many-to-many through
 * post_labels), with rows full of nils, the same rows in PostgreSQL and in memory (EvalScopes over plain
 * rows, as core's memory layer builds them).
 */
import {
  type AttrType,
  type ColumnSpec,
  type EvalScope,
  type RefNode,
  type RelationshipSpec,
  type Row,
  type TableSpec,
  t,
} from "@ashlar/core";
import { columnSqlType, pgClient, pgliteClient, quoteIdent, type SqlClient } from "@ashlar/postgres";
import { drivers, server } from "./server.js";

export const DATABASE_URL = server.url;

/**
 * The server without JIT compilation: correlated subqueries make the planner's cost estimates large, and
 * PostgreSQL then spends seconds compiling a query that runs in milliseconds (measured: 2.9 s of JIT for a
 * 15 ms batch). See the report: the data layer's sessions probably want `SET jit = off` too.
 */
const WITHOUT_JIT = `${DATABASE_URL}${DATABASE_URL.includes("?") ? "&" : "?"}options=-c%20jit%3Doff`;

/** Both drivers, each made once per test file. */
export const DRIVERS = drivers(
  () => pgliteClient(),
  async () => pgClient({ connectionString: WITHOUT_JIT, max: 2 }),
);

/** A seeded pseudo-random generator (mulberry32), so every run sees the same rows and expressions. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
export type Random = ReturnType<typeof random>;

export const TIERS = ["bronze", "silver", "gold"] as const;
export const STATUSES = ["draft", "review", "published", "archived"] as const;
/** Strings with LIKE's wildcards and case variants, so prefixes, ci comparisons and escaping are exercised. */
export const TITLES = [
  "Alpha",
  "alpha",
  "ALPHA beta",
  "50% off",
  "5_0 off",
  "a_b",
  "a%b",
  "ab",
  "Beta",
  "",
  " x ",
];
export const TAGS = ["Red", "red", "RED", "blue", "Blue", "green", "a_c", "a%c"];
export const DATES = ["2026-01-31", "2026-02-28", "2025-12-31", "2024-02-29", "2026-11-22"];
export const DATETIMES = [
  "2026-11-22T02:31:34.123456Z",
  "2026-11-20T00:00:00.000000Z",
  "2025-01-31T23:59:59.999999Z",
  "2026-10-22T10:00:00.000000Z",
];
/** The fixed "now" of every comparison between memory and SQL. */
export const NOW = "2026-11-22T12:00:00.000000Z";

const type = {
  id: t.integer().config.type,
  int: t.integer().config.type,
  string: t.string().config.type,
  ci: t.ciString().config.type,
  decimal: t.decimal().config.type,
  float: t.float().config.type,
  bool: t.boolean().config.type,
  date: t.date().config.type,
  datetime: t.datetime().config.type,
  json: t.json().config.type,
  tags: t.array(t.string()).config.type,
  tier: t.enum(TIERS).config.type,
  status: t.enum(STATUSES).config.type,
};

function table(name: string, columns: Record<string, AttrType<unknown>>, primaryKey = ["id"]) {
  const cols = new Map<string, ColumnSpec>(
    Object.entries(columns).map(([n, ty]) => [n, { name: n, type: ty, optional: true, generated: false }]),
  );
  const relationships = new Map<string, RelationshipSpec>();
  const spec: TableSpec = {
    resource: name,
    table: name,
    primaryKey,
    columns: cols,
    identities: [],
    relationships,
  };
  return { spec, relationships };
}

const authors = table("authors", {
  id: type.id,
  name: type.string,
  email: type.ci,
  tier: type.tier,
  rating: type.decimal,
  score: type.int,
});
const posts = table("posts", {
  id: type.id,
  author_id: type.int,
  title: type.string,
  status: type.status,
  views: type.int,
  price: type.decimal,
  ratio: type.float,
  tag: type.ci,
  featured: type.bool,
  published_on: type.date,
  created_at: type.datetime,
  data: type.json,
  tags: type.tags,
});
const comments = table("comments", {
  id: type.id,
  post_id: type.int,
  author_id: type.int,
  body: type.string,
  likes: type.int,
  amount: type.decimal,
  mood: type.tier,
});
const labels = table("labels", { id: type.id, name: type.ci });
const postLabels = table("post_labels", { post_id: type.int, label_id: type.int }, ["post_id", "label_id"]);

const rel = (
  name: string,
  kind: RelationshipSpec["kind"],
  destination: TableSpec,
  sourceAttribute: string,
  destinationAttribute: string,
  through?: [TableSpec, string, string],
): RelationshipSpec => ({
  name,
  kind,
  destination,
  sourceAttribute,
  destinationAttribute,
  through: through?.[0],
  sourceAttributeOnJoin: through?.[1],
  destinationAttributeOnJoin: through?.[2],
});
posts.relationships.set("author", rel("author", "belongsTo", authors.spec, "author_id", "id"));
posts.relationships.set("comments", rel("comments", "hasMany", comments.spec, "id", "post_id"));
posts.relationships.set(
  "labels",
  rel("labels", "manyToMany", labels.spec, "id", "id", [postLabels.spec, "post_id", "label_id"]),
);
comments.relationships.set("post", rel("post", "belongsTo", posts.spec, "post_id", "id"));
comments.relationships.set("author", rel("author", "belongsTo", authors.spec, "author_id", "id"));
authors.relationships.set("posts", rel("posts", "hasMany", posts.spec, "id", "author_id"));
labels.relationships.set(
  "posts",
  rel("posts", "manyToMany", posts.spec, "id", "id", [postLabels.spec, "label_id", "post_id"]),
);

export const TABLES = {
  authors: authors.spec,
  posts: posts.spec,
  comments: comments.spec,
  labels: labels.spec,
  postLabels: postLabels.spec,
};

const DECIMALS = ["0", "1.5", "-2.25", "10", "0.1", "0.2", "3.333", "100.01", "-0.5", "7"];
const FLOATS = [0, 0.5, -1.25, 2.75, 10, 0.125, -3.5];

/** The rows: insertion order is primary-key order (the tie-break both sides use). */
export function makeRows(seed = 7): Record<keyof typeof TABLES, Row[]> {
  const r = random(seed);
  const maybe = <T>(p: number, value: () => T): T | null => (r.chance(p) ? null : value());
  const authorRows = Array.from({ length: 8 }, (_, i) => ({
    id: i + 1,
    name: maybe(0.2, () => r.pick(TITLES)),
    email: maybe(0.2, () => r.pick(TAGS)),
    tier: maybe(0.2, () => r.pick(TIERS)),
    rating: maybe(0.2, () => r.pick(DECIMALS)),
    score: maybe(0.2, () => r.int(-5, 20)),
  }));
  const postRows = Array.from({ length: 40 }, (_, i) => ({
    id: i + 1,
    author_id: maybe(0.15, () => r.int(1, 9)), // 9: a dangling key, reaching no author
    title: maybe(0.15, () => r.pick(TITLES)),
    status: maybe(0.15, () => r.pick(STATUSES)),
    views: maybe(0.2, () => r.int(-3, 12)),
    price: maybe(0.2, () => r.pick(DECIMALS)),
    ratio: maybe(0.2, () => r.pick(FLOATS)),
    tag: maybe(0.2, () => r.pick(TAGS)),
    featured: maybe(0.2, () => r.chance(0.5)),
    published_on: maybe(0.2, () => r.pick(DATES)),
    created_at: maybe(0.2, () => r.pick(DATETIMES)),
    data: maybe(0.3, () => ({ a: r.int(0, 3), b: { c: r.pick(["x", "y", null]) }, list: [1, r.int(0, 2)] })),
    tags: maybe(0.3, () => Array.from({ length: r.int(0, 3) }, () => r.pick(["x", "y", "z", "a_b"]))),
  }));
  const commentRows = Array.from({ length: 90 }, (_, i) => ({
    id: i + 1,
    post_id: maybe(0.05, () => r.int(1, 30)),
    author_id: maybe(0.2, () => r.int(1, 8)),
    body: maybe(0.2, () => r.pick(TITLES)),
    likes: maybe(0.2, () => r.int(0, 9)),
    amount: maybe(0.2, () => r.pick(DECIMALS)),
    mood: maybe(0.2, () => r.pick(TIERS)),
  }));
  const labelRows = ["Urgent", "urgent", "bug", "Feature", "docs"].map((name, i) => ({ id: i + 1, name }));
  const pairs = new Set<string>();
  for (let i = 0; i < 50; i++) pairs.add(`${r.int(1, 30)}:${r.int(1, 5)}`);
  const postLabelRows = [...pairs].map((p) => {
    const [post_id, label_id] = p.split(":").map(Number);
    return { post_id, label_id };
  });
  return {
    authors: authorRows,
    posts: postRows,
    comments: commentRows,
    labels: labelRows,
    postLabels: postLabelRows,
  };
}

/** Creates the schema's tables (with the compiler's column types) and inserts the rows. */
export async function createSchema(db: SqlClient, schema: string, rows: Record<keyof typeof TABLES, Row[]>) {
  const s = quoteIdent(schema);
  await db.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await db.query(`CREATE SCHEMA ${s}`);
  for (const [key, spec] of Object.entries(TABLES) as [keyof typeof TABLES, TableSpec][]) {
    const columns = [...spec.columns.values()].map((c) => `${quoteIdent(c.name)} ${columnSqlType(c.type)}`);
    await db.query(
      `CREATE TABLE ${s}.${quoteIdent(spec.table)} (${columns.join(", ")}, PRIMARY KEY (${spec.primaryKey.map(quoteIdent).join(", ")}))`,
    );
    for (const row of rows[key]) {
      const names = [...spec.columns.keys()];
      const values = names.map((n) => {
        const v = row[n] ?? null;
        return v !== null && columnSqlType(spec.columns.get(n)?.type ?? type.json) === "jsonb"
          ? JSON.stringify(v)
          : v;
      });
      await db.query(
        `INSERT INTO ${s}.${quoteIdent(spec.table)} (${names.map(quoteIdent).join(", ")}) VALUES (${names.map((_, i) => `$${i + 1}`).join(", ")})`,
        values,
      );
    }
  }
}

/** The in-memory side: EvalScopes over the rows, following relationships as core's memory layer does. */
export function memoryScopes(rows: Record<keyof typeof TABLES, Row[]>) {
  const rowsOf = new Map<TableSpec, Row[]>(
    (Object.keys(TABLES) as (keyof typeof TABLES)[]).map((k) => [TABLES[k], rows[k]]),
  );
  const where = (spec: TableSpec, column: string, value: unknown) =>
    value === null || value === undefined ? [] : (rowsOf.get(spec) ?? []).filter((r) => r[column] === value);
  const follow = (rel: RelationshipSpec, row: Row): Row[] => {
    if (rel.kind !== "manyToMany" || !rel.through)
      return where(rel.destination, rel.destinationAttribute, row[rel.sourceAttribute]);
    return where(rel.through, rel.sourceAttributeOnJoin ?? "", row[rel.sourceAttribute]).flatMap((j) =>
      where(rel.destination, rel.destinationAttribute, j[rel.destinationAttributeOnJoin ?? ""]),
    );
  };
  const relOf = (spec: TableSpec, name: string) => {
    const found = spec.relationships.get(name);
    if (!found) throw new Error(`no relationship ${name}`);
    return found;
  };
  const scope = (spec: TableSpec, row: Row, parent?: EvalScope): EvalScope => {
    const self: EvalScope = {
      parent,
      get(ref: RefNode) {
        let s = spec;
        let r: Row | undefined = row;
        for (const name of ref.path) {
          const rel = relOf(s, name);
          r = follow(rel, r)[0];
          if (!r) return null;
          s = rel.destination;
        }
        return r[ref.name] ?? null;
      },
      typeOf(ref: RefNode) {
        let s = spec;
        for (const name of ref.path) s = relOf(s, name).destination;
        return s.columns.get(ref.name)?.type;
      },
      related(path: readonly string[]) {
        let current = { spec, rows: [row] };
        for (const name of path) {
          const rel = relOf(current.spec, name);
          current = { spec: rel.destination, rows: current.rows.flatMap((x) => follow(rel, x)) };
        }
        return current.rows.map((x) => scope(current.spec, x, self));
      },
    };
    return self;
  };
  return { scope };
}
