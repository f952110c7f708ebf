/**
 * Micro-benchmark (not a test): the per-call cost of policies. The same filtered read of 50 tickets out of
 * 2,000, on the memory layer, with three policies (a bypass, a filter policy and a simple policy) against
 * `authorize: false`. Rounds interleave the two so machine noise hits both alike; medians are reported.
 *
 *   npm run bench:policies
 */
import {
  actionType,
  actorAttributeEquals,
  always,
  authorizeIf,
  belongsTo,
  bypass,
  create,
  createApp,
  defaults,
  domain,
  expr,
  memory,
  policy,
  read,
  relatesToActorVia,
  resource,
  t,
} from "@ashlar/core";

const User = resource("user", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    role: t.enum(["customer", "agent", "admin"]),
    orgId: t.string(),
  },
  actions: { ...defaults("read", "create") },
});
const Ticket = resource("ticket", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    subject: t.string(),
    orgId: t.string(),
    priority: t.enum(["low", "normal", "high"]).default("normal"),
  },
  relationships: { reporter: belongsTo("user") },
  actions: {
    read: read({ primary: true }),
    seed: create({ accept: ["subject", "orgId", "reporterId", "priority"] }),
  },
  policies: [
    bypass(actorAttributeEquals("role", "admin"), authorizeIf(always())),
    policy(
      actionType("read"),
      authorizeIf(relatesToActorVia("reporter")),
      authorizeIf(expr`orgId == ^actor(orgId)`),
    ),
    policy(
      actionType("read"),
      authorizeIf(actorAttributeEquals("role", "agent")),
      authorizeIf(relatesToActorVia("reporter")),
    ),
  ],
});

const app = await createApp({
  domains: [domain("bench", { resources: [User, Ticket] })],
  dataLayer: memory(),
});
const trusted = { authorize: false };
const agents = [];
for (let i = 0; i < 20; i++)
  agents.push(await app.engine.create(User, "create", { role: "agent", orgId: `org${i % 4}` }));
for (let i = 0; i < 2000; i++) {
  const reporter = agents[i % agents.length] as { id: string; orgId: string };
  await app.engine.create(
    Ticket,
    "seed",
    { subject: `T${i}`, orgId: reporter.orgId, reporterId: reporter.id, priority: i % 3 ? "normal" : "high" },
    trusted,
  );
}
const actor = agents[0];
const options = { filter: { priority: "high" as const }, sort: ["subject" as const], limit: 50 };

async function time(run: () => Promise<unknown>, calls: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await run();
  return ((performance.now() - start) * 1000) / calls;
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;

/** Interleaved rounds of two calls; answers their median µs per call. */
async function compare(on: () => Promise<unknown>, off: () => Promise<unknown>, rounds = 15, calls = 40) {
  for (let i = 0; i < 50; i++) {
    await on();
    await off();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    a.push(await time(on, calls));
    b.push(await time(off, calls));
  }
  return { on: median(a), off: median(b) };
}

const report = (label: string, r: { on: number; off: number }) => {
  console.log(label);
  console.log(`  authorize: false      ${r.off.toFixed(1)} µs/call`);
  console.log(`  three policies        ${r.on.toFixed(1)} µs/call`);
  console.log(
    `  overhead              ${(r.on - r.off).toFixed(1)} µs/call (${((r.on / r.off - 1) * 100).toFixed(1)}%)`,
  );
};

// 1. The framework's own cost: a data layer that answers nothing, so only the engine (and policy code) runs.
const emptyLayer = memory();
const nothing = await createApp({
  domains: [domain("bench", { resources: [User, Ticket] })],
  dataLayer: {
    ...emptyLayer,
    read: async () => [],
    can: (f) => emptyLayer.can(f),
    register: (t) => emptyLayer.register(t),
    transaction: (fn, p) => emptyLayer.transaction(fn, p),
    count: async () => 0,
    create: (s, r, tx) => emptyLayer.create(s, r, tx),
    upsert: (s, r, o, tx) => emptyLayer.upsert(s, r, o, tx),
    update: (s, k, c, tx, o) => emptyLayer.update(s, k, c, tx, o),
    destroy: (s, k, tx, o) => emptyLayer.destroy(s, k, tx, o),
    close: () => emptyLayer.close(),
    name: "empty",
  },
});
report(
  "engine only (the data layer answers nothing): policy decision and expansion per call",
  await compare(
    () => nothing.engine.read(Ticket, "read", { ...options, actor }),
    () => nothing.engine.read(Ticket, "read", { ...options, actor, authorize: false }),
  ),
);

// 2. A whole read on the memory layer, which evaluates every filter row by row in JavaScript (PostgreSQL runs
// the same filter as SQL; see the Postgres benchmarks).
const a = (await app.engine.read(Ticket, "read", { ...options, actor })).length;
report(
  `whole read on the memory layer, 50 of 2000 tickets (policies let through ${a})`,
  await compare(
    () => app.engine.read(Ticket, "read", { ...options, actor }),
    () => app.engine.read(Ticket, "read", { ...options, actor, authorize: false }),
  ),
);
