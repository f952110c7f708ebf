/**
 * Bulk create throughput with rows inserted together (multi-row INSERT per batch) against the same bulk create
 * with one INSERT per record, on PGlite and (with DATABASE_URL) the PostgreSQL server, in one run.
 * `npm run bench:bulk` — prints records/s for each and the ratio.
 */
import { createApp, type DataLayer, defaults, domain, resource, t } from "@ashlar/core";
import { PostgresDataLayer, pgClient, pgliteClient, type SqlClient } from "@ashlar/postgres";

const Row = resource("benchRow", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    title: t.string(),
    n: t.integer(),
    status: t.enum(["open", "closed"]).default("open"),
    insertedAt: t.createTimestamp(),
  },
  actions: { ...defaults("read", "create") },
});
const Bench = domain("bench", { resources: [Row] });

/** The same layer without `createMany`, so bulk creates insert one row per statement. */
function oneByOne(layer: DataLayer): DataLayer {
  return new Proxy(layer, {
    get: (target, key) => {
      if (key === "createMany") return undefined;
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const COUNT = Number(process.env.BENCH_ROWS ?? 5000);

async function measure(client: SqlClient, schema: string, together: boolean): Promise<number> {
  const base = new PostgresDataLayer(
    {
      ...client,
      close: async () => undefined,
      query: client.query.bind(client),
      transaction: client.transaction.bind(client),
    },
    { schema },
  );
  const app = await createApp({ domains: [Bench], dataLayer: together ? base : oneByOne(base) });
  const inputs = Array.from({ length: COUNT }, (_, i) => ({ title: `row ${i}`, n: i }));
  const started = performance.now();
  const result = await app.engine.bulkCreate(Row, "create", inputs, { notify: false, returnRecords: false });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== "success")
    throw new Error(`bulk create failed: ${result.status} ${String(result.errors[0]?.error.message)}`);
  await client.query(`DROP SCHEMA "${schema}" CASCADE`);
  return COUNT / seconds;
}

async function compare(name: string, client: SqlClient) {
  const rounds: { together: number[]; single: number[] } = { together: [], single: [] };
  for (let round = 0; round < 3; round++) {
    rounds.single.push(await measure(client, `bench_bulk_${process.pid}_s${round}`, false));
    rounds.together.push(await measure(client, `bench_bulk_${process.pid}_t${round}`, true));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const together = median(rounds.together);
  const single = median(rounds.single);
  console.log(
    `${name.padEnd(8)} ${COUNT} records: together ${together.toFixed(0)}/s, one by one ${single.toFixed(0)}/s, ratio ${(together / single).toFixed(2)}x`,
  );
}

const pglite = await pgliteClient();
await compare("pglite", pglite);
await pglite.close();
if (process.env.DATABASE_URL) {
  const server = pgClient({ connectionString: process.env.DATABASE_URL, max: 4 });
  await compare("postgres", server);
  await server.close();
}
