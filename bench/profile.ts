/**
 * `npm run bench:profile -- <scenario> [--contender=ashlar-pg] [--vs=sql-pg] [--seconds=5] [--sql]`:
 * one contender's operation of one scenario (1–8) in a loop (with `--vs`, alternating with another's), for `node --cpu-prof` and quick before/after comparisons while
 * working on the engine. The data (the `--medium` size) is seeded once into the database
 * `ashlar_bench_profile` and kept for the next runs (`--reseed` starts again); PGlite runs in memory on a copy.
 * `--sql` prints the statements of one call. Not a benchmark: `npm run bench` is.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pgClient, type SqlClient } from "@ashlar/postgres";
import pg from "pg";
import { ashlarContender } from "./contenders/ashlar.js";
import type { Contender, ContenderId } from "./contenders/contender.js";
import { drizzleContender } from "./contenders/drizzle.js";
import { generatePrismaClient, prismaContender } from "./contenders/prisma.js";
import { sqlContender } from "./contenders/sql.js";
import { createDatabase, databaseUrl, migrateHelpdesk } from "./data/database.js";
import { pickFixture } from "./data/fixture.js";
import { copyToPglite } from "./data/pglite-copy.js";
import { seedHelpdesk } from "./data/seed.js";
import { parseOptions } from "./lib/options.js";
import { OPERATION_SCENARIOS } from "./scenarios/operations.js";

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const scenario = OPERATION_SCENARIOS.find((s) => s.id === args.find((a) => !a.startsWith("--")));
if (!scenario) {
  console.error(`usage: npm run bench:profile -- <${OPERATION_SCENARIOS.map((s) => s.id).join("|")}>
  [--contender=ashlar-pg|ashlar-pglite|sql-pg|drizzle|prisma] [--vs=<contender>] [--seconds=5] [--sql] [--reseed]`);
  process.exit(2);
}
const contenderId = (flag("contender") ?? "ashlar-pg") as ContenderId;
const seconds = Number(flag("seconds") ?? 5);
const options = parseOptions(["--medium"], process.env);
const DATABASE = "ashlar_bench_profile";

/** The kept database's URL, seeded first when it is missing (or `--reseed`). */
async function keptDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
  await admin.end();
  const url = databaseUrl(options.adminUrl, DATABASE);
  if (found.rowCount && !args.includes("--reseed")) return url;
  await createDatabase(options.adminUrl, DATABASE);
  const client = pgClient({ connectionString: url, max: 4 });
  await migrateHelpdesk(client);
  await seedHelpdesk(client, options.data, (line) => console.log(line));
  await client.close();
  return url;
}

let printing = args.includes("--sql");
const url = await keptDatabase();
const fixture = await pickFixture(url, options.loadParents);
const closers: (() => Promise<unknown>)[] = [];

/** A contender on the kept database (ashlar's clients print their statements with `--sql`). */
async function contenderOf(id: ContenderId): Promise<Contender> {
  const sql = args.includes("--sql");
  if (id === "ashlar-pg") {
    const server = pgClient({ connectionString: url, max: 4 });
    closers.push(() => server.close());
    return ashlarContender(id, sql ? logging(server) : server);
  }
  if (id === "ashlar-pglite") {
    const dir = await mkdtemp(join(tmpdir(), "ashlar-profile-pglite-"));
    const copy = await copyToPglite(url, dir);
    closers.push(async () => {
      await copy.client.close();
      await rm(dir, { recursive: true, force: true });
    });
    return ashlarContender(id, sql ? logging(copy.client) : copy.client);
  }
  if (id === "sql-pg") return sqlContender(url);
  if (id === "drizzle") return drizzleContender(url);
  const problem = generatePrismaClient();
  if (problem) throw new Error(problem);
  return prismaContender(url);
}

/** A client that prints each statement of the first call. */
function logging(client: SqlClient): SqlClient {
  const wrap = (c: SqlClient): SqlClient => ({
    driver: c.driver,
    query: (sql, params, name) => {
      if (printing) console.log(`  ${sql}\n    ${JSON.stringify(params)}`);
      return c.query(sql, params, name);
    },
    transaction: (fn) => {
      if (printing) console.log("  BEGIN");
      return c.transaction((tx) => fn(wrap(tx)));
    },
    close: () => c.close(),
  });
  return wrap(client);
}
const ids = [contenderId, ...(flag("vs") ? [flag("vs") as ContenderId] : [])];
const contenders = await Promise.all(ids.map(contenderOf));
const operations = contenders.map((c) => {
  const op = scenario.operation(c, fixture);
  if (!op) throw new Error(`${c.id} has no ${scenario.id}`);
  return op;
});
let calls = 0;
for (const op of operations) {
  await op(calls++);
  printing = false;
  for (let k = 0; k < 200; k++) await op(calls++);
}
// With --vs, rounds of 50 calls alternate between the two, so both see the same machine.
const timed = ids.map(() => ({ calls: 0, ms: 0 }));
const started = performance.now();
while (performance.now() - started < seconds * 1000) {
  for (const [i, op] of operations.entries()) {
    const t = performance.now();
    for (let k = 0; k < 50; k++) await op(calls++);
    (timed[i] as { ms: number }).ms += performance.now() - t;
    (timed[i] as { calls: number }).calls += 50;
  }
}
const rates = timed.map((t) => (t.calls / t.ms) * 1000);
for (const [i, id] of ids.entries())
  console.log(`${scenario.id} ${id}: ${rates[i]?.toFixed(0)} ops/s (${timed[i]?.calls} calls)`);
if (rates.length === 2)
  console.log(`ratio ${ids[0]}/${ids[1]}: ${((rates[0] ?? 0) / (rates[1] ?? 1)).toFixed(2)}×`);
for (const c of contenders) await c.close();
for (const close of closers) await close();
