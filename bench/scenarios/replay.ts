/**
 * Scenario 9: replay throughput. A fresh helpdesk database (on the server, and in an in-memory PGlite) gets
 * its history through the actions with the event log on — an admin registers and invites an agent and a
 * customer, the customer opens tickets, the agent comments on each and closes it — then the whole log is
 * replayed (tables cleared, every event run through its action again), a few times; events/s, median.
 */
import { createApp } from "@ashlar/core";
import { PostgresDataLayer, pgClient, pgliteClient, type SqlClient } from "@ashlar/postgres";
import { createHelpdesk, DEMO_PASSWORD } from "../../examples/helpdesk/src/index.js";
import { eventKeyOf } from "../../examples/helpdesk/src/server/env.js";
import type { ContenderId } from "../contenders/contender.js";
import { createDatabase, dropDatabase, migrateHelpdesk } from "../data/database.js";
import { median } from "../lib/measure.js";
import type { RunOptions } from "../lib/options.js";
import { countingClient, queries, sharedClient } from "../lib/query-counter.js";
import type { ContenderResult, ScenarioResult } from "../lib/report.js";

async function replayRate(
  client: SqlClient,
  tickets: number,
  rounds: number,
): Promise<ContenderResult & { events: number }> {
  await migrateHelpdesk(client);
  const helpdesk = createHelpdesk({ encryptionKey: eventKeyOf({}) });
  const { User, Ticket, Comment } = helpdesk.resources;
  const app = await createApp({
    domains: helpdesk.domains,
    dataLayer: new PostgresDataLayer(sharedClient(client), { createTables: false }),
    recorders: [helpdesk.log],
  });
  try {
    const e = app.engine;
    const admin = await e.create(User, "register", {
      email: "admin@replay.test",
      name: "Admin",
      password: DEMO_PASSWORD,
      orgName: "Replay",
    });
    const invite = (email: string, role: string) =>
      e.create(User, "invite", { email, name: role, role, password: DEMO_PASSWORD }, { actor: admin });
    const agent = await invite("agent@replay.test", "agent");
    const customer = await invite("customer@replay.test", "customer");
    const bulk = { notify: false, batchSize: 200 } as const;
    const opened = await e.bulkCreate(
      Ticket,
      "open",
      Array.from({ length: tickets }, (_, i) => ({ subject: `Replayed ${i}`, priority: "normal" })),
      { ...bulk, actor: customer },
    );
    await e.bulkCreate(
      Comment,
      "create",
      opened.records.map((t) => ({ ticketId: t.id, body: "Looking into it." })),
      { ...bulk, actor: agent },
    );
    await e.bulkUpdate(Ticket, "close", opened.records, {}, { ...bulk, actor: agent });
    const rates: number[] = [];
    const perEvent: number[] = [];
    let events = 0;
    for (let round = 0; round < rounds; round++) {
      const before = queries.count;
      const started = performance.now();
      const result = await helpdesk.log.replay(app);
      rates.push(result.applied / ((performance.now() - started) / 1000));
      perEvent.push((queries.count - before) / result.applied);
      events = result.applied;
    }
    return { opsPerSec: median(rates), queriesPerOp: median(perEvent), events };
  } finally {
    await app.close();
  }
}

export async function runReplay(options: RunOptions, database: string): Promise<ScenarioResult> {
  const rounds = options.size === "quick" ? 1 : 3;
  const contenders: Partial<Record<ContenderId, ContenderResult>> = {};
  const notes: string[] = [];
  const url = await createDatabase(options.adminUrl, database);
  const server = pgClient({ connectionString: url, max: 4 });
  try {
    const r = await replayRate(server, options.replayTickets, rounds);
    contenders["ashlar-pg"] = r;
    notes.push(
      `${r.events} events (3 users, ${options.replayTickets} tickets opened, commented and closed), replayed whole ${rounds}×; opsPerSec = events/s, q = statements per event`,
    );
  } finally {
    await server.close();
    await dropDatabase(options.adminUrl, database);
  }
  const lite = await pgliteClient();
  try {
    contenders["ashlar-pglite"] = await replayRate(countingClient(lite), options.replayTickets, rounds);
  } finally {
    await lite.close();
  }
  for (const c of ["sql-pg", "drizzle", "prisma"] as const) contenders[c] = { na: "no event log to replay" };
  for (const c of ["ashlar-pg", "ashlar-pglite"] as const) {
    const { opsPerSec, queriesPerOp } = contenders[c] as ContenderResult;
    contenders[c] = { opsPerSec, queriesPerOp };
  }
  return { id: "replay", n: 9, contenders, notes };
}
