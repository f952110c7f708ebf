/**
 * Scenario 10: `GET /api/json/tickets?include=reporter&page[limit]=25` as an agent, over HTTP on 127.0.0.1:
 * the helpdesk (startHelpdesk: JSON:API, auth, policies) on the server and on PGlite, against the
 * hand-written Hono handler on the server. Each round sends a fixed number of requests, 4 at a time, to
 * each in turn; requests/s, median. The servers run in this process, so the load generator shares their CPU.
 */

import { DEMO_PASSWORD } from "../../examples/helpdesk/src/index.js";
import { startHelpdesk } from "../../examples/helpdesk/src/server/server.js";
import type { ContenderId } from "../contenders/contender.js";
import type { Fixture } from "../data/fixture.js";
import { median } from "../lib/measure.js";
import type { RunOptions } from "../lib/options.js";
import { queries } from "../lib/query-counter.js";
import type { ContenderResult, ScenarioResult } from "../lib/report.js";
import { startHonoTickets } from "./hono-tickets.js";

const PATH = "/api/json/tickets?include=reporter&page[limit]=25";
const SECRET = "benchmark-auth-secret-0123456789-abcdefghij";
const CONCURRENCY = 4;

interface Target {
  readonly id: ContenderId;
  readonly url: string;
  readonly token: string;
  /** Whether its statements go through `pg` (and are counted). */
  readonly counted: boolean;
}

async function signIn(url: string, email: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!response.ok)
    throw new Error(`sign-in at ${url} answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

async function get(target: Target): Promise<string> {
  const response = await fetch(`${target.url}${PATH}`, {
    headers: { authorization: `Bearer ${target.token}`, accept: "application/vnd.api+json" },
  });
  const body = await response.text();
  if (response.status !== 200)
    throw new Error(`${target.id} answered ${response.status}: ${body.slice(0, 200)}`);
  return body;
}

/** `count` requests, `CONCURRENCY` in flight; answers requests/s. */
async function burst(target: Target, count: number): Promise<number> {
  let sent = 0;
  const started = performance.now();
  const worker = async () => {
    while (sent < count) {
      sent++;
      await get(target);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return count / ((performance.now() - started) / 1000);
}

/** What every server must agree on: the page's tickets and the included users. */
const signature = (body: string) => {
  const doc = JSON.parse(body) as { data: { id: string }[]; included?: { id: string }[] };
  return `${doc.data.map((t) => t.id).join(",")} | ${(doc.included ?? [])
    .map((u) => u.id)
    .sort()
    .join(",")}`;
};

export async function runHttp(
  options: RunOptions,
  url: string,
  pgliteDir: string,
  fixture: Fixture,
): Promise<ScenarioResult> {
  const env = { SEED: "false", AUTH_SECRET: SECRET };
  const onServer = await startHelpdesk({ env: { ...env, DATABASE_URL: url }, port: 0 });
  const onPglite = await startHelpdesk({ env: { ...env, DATA_DIR: pgliteDir }, port: 0 });
  const hono = await startHonoTickets(url, SECRET);
  const notes: string[] = [];
  const contenders: Partial<Record<ContenderId, ContenderResult>> = {
    drizzle: { na: "not measured over HTTP (the hand-written handler stands for plain SQL behind Hono)" },
    prisma: { na: "not measured over HTTP" },
  };
  try {
    const agent = fixture.readAgent.email;
    const serverToken = await signIn(onServer.url, agent);
    const targets: Target[] = [
      { id: "ashlar-pg", url: onServer.url, token: serverToken, counted: true },
      { id: "ashlar-pglite", url: onPglite.url, token: await signIn(onPglite.url, agent), counted: false },
      { id: "sql-pg", url: hono.url, token: serverToken, counted: true },
    ];
    const reference = signature(await get(targets[2] as Target));
    for (const target of targets)
      if (signature(await get(target)) !== reference)
        throw new Error(`${target.id} answered a different page than the hand-written handler`);
    for (const target of targets) await burst(target, Math.max(20, Math.round(options.httpRequests / 5)));
    const rates = new Map<ContenderId, number[]>();
    const perRequest = new Map<ContenderId, number[]>();
    for (let round = 0; round < options.rounds; round++)
      for (const target of targets) {
        const before = queries.count;
        rates.set(target.id, [...(rates.get(target.id) ?? []), await burst(target, options.httpRequests)]);
        perRequest.set(target.id, [
          ...(perRequest.get(target.id) ?? []),
          (queries.count - before) / options.httpRequests,
        ]);
      }
    for (const target of targets)
      contenders[target.id] = {
        opsPerSec: median(rates.get(target.id) ?? []),
        ...(target.counted ? { queriesPerOp: median(perRequest.get(target.id) ?? []) } : {}),
      };
    notes.push(
      `${options.httpRequests} requests per round, ${CONCURRENCY} in flight; sql-pg = the hand-written Hono handler on pg; opsPerSec = requests/s`,
    );
  } finally {
    await hono.close();
    await onPglite.close();
    await onServer.close();
  }
  return { id: "http-list", n: 10, contenders, notes };
}
