/**
 * `npm run bench`: ashlar against hand-written SQL, Drizzle and Prisma on the helpdesk's data, in one
 * process, interleaved — see bench/README.md for the method. Flags: --quick (tiny data, CI's smoke check),
 * --medium, --json (also writes bench/results.json), --only=<scenario ids>.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, platform, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { pgClient } from "@ashlar/postgres";
import { ashlarContender } from "./contenders/ashlar.js";
import { CONTENDERS, type Contender, type ContenderId } from "./contenders/contender.js";
import { drizzleContender } from "./contenders/drizzle.js";
import { generatePrismaClient, prismaContender } from "./contenders/prisma.js";
import { sqlContender } from "./contenders/sql.js";
import { createDatabase, dropDatabase, migrateHelpdesk, serverVersion } from "./data/database.js";
import { pickFixture } from "./data/fixture.js";
import { copyToPglite } from "./data/pglite-copy.js";
import { type SeedSummary, seedHelpdesk } from "./data/seed.js";
import { parseOptions } from "./lib/options.js";
import { countingClient, countPgQueries } from "./lib/query-counter.js";
import { formatTable, resultsJson, type ScenarioResult } from "./lib/report.js";
import { runColdStart } from "./scenarios/cold-start.js";
import { runHttp } from "./scenarios/http.js";
import { OPERATION_SCENARIOS, runOperationScenario } from "./scenarios/operations.js";
import { runReplay } from "./scenarios/replay.js";
import { runTypecheck } from "./scenarios/typecheck.js";

const options = parseOptions(process.argv.slice(2), process.env);
const SCENARIO_IDS = [
  ...OPERATION_SCENARIOS.map((s) => s.id),
  "replay",
  "http-list",
  "typecheck-100",
  "cold-start",
];
const unknown = [...options.only].filter((id) => !SCENARIO_IDS.includes(id));
if (unknown.length) {
  console.error(`unknown scenario ${unknown.join(", ")}; the scenarios are ${SCENARIO_IDS.join(", ")}`);
  process.exit(2);
}
const wanted = (id: string) => options.only.size === 0 || options.only.has(id);
const started = performance.now();
const say = (line: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

/** The installed version of a package (for the results' machine section). */
const packageVersion = (name: string): string =>
  (
    JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), "utf8")) as {
      version: string;
    }
  ).version;

/** A contender that cannot run at all: every scenario n/a for the same reason. */
const absent = (id: ContenderId, reason: string): Contender => ({
  id,
  unsupported: { "*": reason },
  caveats: {},
  close: async () => undefined,
});

countPgQueries();
const database = `ashlar_bench_${process.pid}`;
const pgliteDir = await mkdtemp(join(tmpdir(), "ashlar-bench-pglite-"));
const results: ScenarioResult[] = [];
let seeded: SeedSummary | undefined;
try {
  say(`${options.size} run: creating database ${database} on ${new URL(options.adminUrl).host}`);
  const url = await createDatabase(options.adminUrl, database);
  const server = pgClient({ connectionString: url, max: 4 });
  await migrateHelpdesk(server);
  seeded = await seedHelpdesk(server, options.data, say);
  say(`seeded ${JSON.stringify({ ...seeded, seconds: undefined })} in ${seeded.seconds.toFixed(1)} s`);
  const fixture = await pickFixture(url, options.loadParents);
  const copy = await copyToPglite(url, pgliteDir);
  say(`copied ${copy.rows} rows into PGlite (${pgliteDir})`);

  const prismaProblem = generatePrismaClient();
  if (prismaProblem) say(`prisma n/a: ${prismaProblem}`);
  const contenders: Contender[] = [
    await ashlarContender("ashlar-pg", server),
    await ashlarContender("ashlar-pglite", countingClient(copy.client)),
    sqlContender(url),
    drizzleContender(url),
    prismaProblem ? absent("prisma", prismaProblem) : await prismaContender(url),
  ];
  try {
    for (const scenario of OPERATION_SCENARIOS) {
      if (!wanted(scenario.id)) continue;
      results.push(await runOperationScenario(scenario, contenders, fixture, options));
      say(`${scenario.id} done`);
    }
  } finally {
    for (const c of contenders) await c.close();
    await copy.client.close();
    await server.close();
  }
  if (wanted("replay")) {
    results.push(await runReplay(options, `${database}_replay`));
    say("replay done");
  }
  if (wanted("http-list")) {
    results.push(await runHttp(options, url, pgliteDir, fixture));
    say("http-list done");
  }
  if (wanted("typecheck-100")) {
    results.push(await runTypecheck(options));
    say("typecheck-100 done");
  }
  if (wanted("cold-start")) {
    results.push(await runColdStart(options, pgliteDir));
    say("cold-start done");
  }
} finally {
  await dropDatabase(options.adminUrl, database);
  await rm(pgliteDir, { recursive: true, force: true });
}

console.log(`\n${formatTable(results)}\n`);
if (options.json) {
  const machine = {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    postgres: await serverVersion(options.adminUrl),
    pglite: packageVersion("@electric-sql/pglite"),
    drizzle: packageVersion("drizzle-orm"),
    prisma: packageVersion("@prisma/client"),
    date: new Date().toISOString(),
    run: options.size,
    data: seeded && { ...seeded, seconds: Number(seeded.seconds.toFixed(1)) },
    contenders: CONTENDERS,
  };
  const path = new URL("./results.json", import.meta.url);
  await writeFile(path, `${JSON.stringify(resultsJson(machine, results), null, 2)}\n`);
  say(`wrote ${path.pathname}`);
}
say("done");
