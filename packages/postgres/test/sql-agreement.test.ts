/**
 * The SQL compiler's centrepiece test: for thousands of random expressions, the rows where the in-memory
 * evaluator answers true (and those where it answers false) are exactly the rows PostgreSQL selects with
 * `WHERE <compiled>` (and `WHERE NOT <compiled>`), on PGlite and on a PostgreSQL server. Checking the false
 * rows too pins three-valued logic: a nil must stay nil, not turn into false.
 */
import { type Expr, evaluate } from "@ashlar/core";
import {
  ashlarErrorFunctionSql,
  compileExpr,
  quoteIdent,
  type SqlClient,
  SqlCompilation,
} from "@ashlar/postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSchema, DRIVERS, makeRows, memoryScopes, NOW, random, TABLES } from "./sql-fixture.js";
import { expressionGenerator, show } from "./sql-generator.js";

/** Set ASHLAR_SQL_SEED and ASHLAR_SQL_COUNT to explore beyond the fixed run. */
const SEED = Number(process.env.ASHLAR_SQL_SEED ?? 20261122);
const COUNT = Number(process.env.ASHLAR_SQL_COUNT ?? 5000);
const BATCH = 100;

type Answer =
  | { readonly true: readonly number[]; readonly false: readonly number[] }
  | { readonly error: string };

const rows = makeRows();
const memory = memoryScopes(rows);
const generator = expressionGenerator(random(SEED));
const expressions: Expr[] = Array.from({ length: COUNT }, () => generator.predicate());

function memoryAnswer(e: Expr): Answer {
  const yes: number[] = [];
  const no: number[] = [];
  try {
    for (const row of rows.posts) {
      const v = evaluate(e, memory.scope(TABLES.posts, row), { now: () => NOW });
      if (v === true) yes.push(row.id as number);
      else if (v === false) no.push(row.id as number);
      else if (v !== null) throw new Error(`not a boolean: ${JSON.stringify(v)}`);
    }
  } catch (error) {
    return { error: String(error) };
  }
  return { true: yes, false: no };
}

const memoryAnswers = expressions.map(memoryAnswer);

const ids = (v: unknown): number[] => (Array.isArray(v) ? v.map(Number) : []);

/** One query for a whole batch: per expression, the ids where it is true and where it is false. */
async function sqlAnswers(db: SqlClient, schema: string, batch: readonly Expr[]): Promise<Answer[]> {
  const c = new SqlCompilation({ schema, functionSchema: schema, now: NOW });
  const scope = c.scope(TABLES.posts, "p");
  const columns = batch.map((e, i) => {
    const sql = compileExpr(e, scope);
    const agg = `array_agg("p"."id" ORDER BY "p"."id")`;
    return `${agg} FILTER (WHERE ${sql}) AS "t${i}", ${agg} FILTER (WHERE NOT ${sql}) AS "f${i}"`;
  });
  const [row] = await db.query(
    `SELECT ${columns.join(", ")} FROM ${c.tableName(TABLES.posts)} AS "p"`,
    c.params.values,
  );
  return batch.map((_, i) => ({ true: ids(row?.[`t${i}`]), false: ids(row?.[`f${i}`]) }));
}

/** Per expression, when a batch fails (an error raised by one expression, or a compile error). */
async function sqlAnswersOneByOne(db: SqlClient, schema: string, batch: readonly Expr[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const e of batch) {
    try {
      answers.push(...(await sqlAnswers(db, schema, [e])));
    } catch (error) {
      answers.push({ error: String(error) });
    }
  }
  return answers;
}

function compiledText(e: Expr, schema: string): string {
  try {
    const c = new SqlCompilation({ schema, now: NOW });
    return `${compileExpr(e, c.scope(TABLES.posts, "p"))} -- ${JSON.stringify(c.params.values)}`;
  } catch (error) {
    return String(error);
  }
}

const agree = (m: Answer, s: Answer) =>
  "error" in m || "error" in s
    ? "error" in m && "error" in s
    : JSON.stringify(m.true) === JSON.stringify(s.true) &&
      JSON.stringify(m.false) === JSON.stringify(s.false);

for (const [name, make] of DRIVERS) {
  describe(`${name}: compiled SQL agrees with the in-memory evaluator`, () => {
    let db: SqlClient;
    const schema = `ashlar_sql_${process.pid}_${name}`;
    beforeAll(async () => {
      db = await make();
      await createSchema(db, schema, rows);
      await db.query(ashlarErrorFunctionSql(schema));
    }, 60_000);
    afterAll(async () => {
      await db.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      await db.close();
    });

    it(`selects the same rows for ${COUNT} random expressions`, async () => {
      const disagreements: string[] = [];
      let trueRows = 0;
      let errors = 0;
      for (let start = 0; start < expressions.length; start += BATCH) {
        const batch = expressions.slice(start, start + BATCH);
        const sql = await sqlAnswers(db, schema, batch).catch(() => sqlAnswersOneByOne(db, schema, batch));
        for (const [i, e] of batch.entries()) {
          const m = memoryAnswers[start + i] as Answer;
          const s = sql[i] as Answer;
          if ("error" in m) errors++;
          else trueRows += m.true.length;
          if (!agree(m, s))
            disagreements.push(
              `${show(e)}\n  memory: ${JSON.stringify(m)}\n  sql:    ${JSON.stringify(s)}\n  ${compiledText(e, schema)}`,
            );
        }
      }
      expect(disagreements.slice(0, 15).join("\n\n")).toBe("");
      expect(disagreements.length).toBe(0);
      // The generator must produce expressions that select something, and few that raise.
      expect(trueRows).toBeGreaterThan(COUNT * 5);
      expect(errors).toBeLessThan(COUNT / 20);
    }, 120_000);
  });
}
