/**
 * Event-log replay throughput (events per second) on PGlite and, with DATABASE_URL, the PostgreSQL server:
 * users are created and updated with the log on, then the log is replayed in full, three times; medians.
 * `npm run bench:replay` (BENCH_USERS sets how many users; each makes two events).
 */
import { create, createApp, defaults, domain, read, resource, t, update } from "@ashlar/core";
import { eventLog, track } from "@ashlar/events";
import { PostgresDataLayer, pgClient, pgliteClient, type SqlClient } from "@ashlar/postgres";

const Member = resource("benchMember", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    email: t.string(),
    name: t.string(),
    status: t.enum(["active", "inactive"]).default("active"),
    insertedAt: t.createTimestamp(),
    updatedAt: t.updateTimestamp(),
  },
  actions: {
    read: read({ primary: true }),
    create: create({ accept: ["email", "name"] }),
    rename: update({ accept: ["name"] }),
    ...defaults("destroy"),
  },
});

const USERS = Number(process.env.BENCH_USERS ?? 2000);

async function measure(name: string, client: SqlClient) {
  const schema = `bench_replay_${process.pid}_${name}`;
  const log = eventLog({ track: [track(Member)] });
  const shared = {
    ...client,
    query: client.query.bind(client),
    transaction: client.transaction.bind(client),
    close: async () => undefined,
  };
  const app = await createApp({
    domains: [domain("bench", { resources: [Member, log.resource] })],
    dataLayer: new PostgresDataLayer(shared, { schema }),
    recorders: [log],
  });
  const inputs = Array.from({ length: USERS }, (_, i) => ({ email: `u${i}@x.test`, name: `user ${i}` }));
  const created = await app.engine.bulkCreate(Member, "create", inputs, { notify: false });
  await app.engine.bulkUpdate(Member, "rename", created.records, { name: "renamed" }, { notify: false });
  const rates: number[] = [];
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    const result = await log.replay(app);
    rates.push(result.applied / ((performance.now() - started) / 1000));
  }
  await client.query(`DROP SCHEMA "${schema}" CASCADE`);
  const median = [...rates].sort((a, b) => a - b)[1] as number;
  console.log(`${name.padEnd(8)} replay of ${USERS * 2} events: ${median.toFixed(0)} events/s (median of 3)`);
}

const pglite = await pgliteClient();
await measure("pglite", pglite);
await pglite.close();
if (process.env.DATABASE_URL) {
  const server = pgClient({ connectionString: process.env.DATABASE_URL, max: 4 });
  await measure("postgres", server);
  await server.close();
}
