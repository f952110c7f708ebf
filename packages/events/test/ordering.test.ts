import { type AppCore, afterAction, createApp, defaults, domain, resource, t } from "@ashlar/core";
import { eventLog, track } from "@ashlar/events";
import { PostgresDataLayer, pgClient } from "@ashlar/postgres";
import { afterAll, describe, expect, it } from "vitest";
import { server } from "../../postgres/test/server.js";

/** Each note's transaction stays open for `context.delay` ms after its event is written. */
const Note = resource("note", {
  attributes: { id: t.uuidv7().primaryKey(), body: t.string() },
  actions: {
    ...defaults("read"),
    create: {
      ...defaults("create").create,
      changes: [
        afterAction(async (cs) => {
          await new Promise((r) => setTimeout(r, Number(cs.call.context.delay ?? 0)));
        }),
      ],
    },
  },
});

/** Without hooks: each write and its event go to PostgreSQL as one statement (see `WriteOptions.companions`). */
const Memo = resource("memo", {
  attributes: { id: t.uuidv7().primaryKey(), body: t.string() },
  actions: { ...defaults("read", "create") },
});

const schema = `evorder_${process.pid}_${Date.now().toString(36)}`;

describe.skipIf(!server.available)(
  "event ids follow commit order (two processes' pools, one PostgreSQL)",
  () => {
    const pools = [0, 1].map(() => pgClient({ connectionString: server.url, max: 5 }));
    afterAll(async () => {
      await pools[0]?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pools[0]?.query(`DROP SCHEMA IF EXISTS "${schema}_one" CASCADE`);
      for (const p of pools) await p.close();
    });

    it("a reader polling while 40 writers commit in scrambled order only ever sees a gap-free prefix of ids", async () => {
      const apps: AppCore[] = [];
      for (const pool of pools) {
        const log = eventLog({ track: [track(Note)] });
        apps.push(
          await createApp({
            domains: [domain("notes", { resources: [Note, log.resource] })],
            dataLayer: new PostgresDataLayer(pool, { schema }),
            recorders: [log],
          }),
        );
      }
      const reader = pgClient({ connectionString: server.url, max: 1 });
      const snapshots: number[][] = [];
      let writing = true;
      const poll = (async () => {
        while (writing) {
          const rows = await reader.query<{ id: number }>(`SELECT id FROM "${schema}"."event" ORDER BY id`);
          snapshots.push(rows.map((r) => Number(r.id)));
          await new Promise((r) => setTimeout(r, 2));
        }
      })();
      // Delays fall as the writers start, so later starters would commit first without the lock.
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          apps[i % 2]!.engine.create(
            Note,
            "create",
            { body: `n${i}` },
            { context: { delay: ((40 - i) % 7) * 3 } },
          ),
        ),
      );
      writing = false;
      await poll;
      await reader.close();
      const final = snapshots.at(-1) ?? [];
      expect(snapshots.length).toBeGreaterThan(3);
      for (const ids of [...snapshots, final]) expect(ids).toEqual(ids.map((_, i) => i + 1));
      const all = await pools[0]!.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${schema}"."event"`);
      expect(all[0]?.n).toBe(40);
    });

    it("a write without hooks and its event are one statement, no transaction, and ids still follow commit order", async () => {
      const sent = { statements: 0, transactions: 0 };
      const apps: AppCore[] = [];
      for (const pool of pools) {
        const counted = {
          ...pool,
          query: ((sql: string, params?: readonly unknown[], name?: string) => {
            sent.statements++;
            return pool.query(sql, params, name);
          }) as typeof pool.query,
          transaction: ((fn: Parameters<typeof pool.transaction>[0]) => {
            sent.transactions++;
            return pool.transaction(fn);
          }) as typeof pool.transaction,
          close: async () => undefined,
        };
        const log = eventLog({ track: [track(Memo)] });
        apps.push(
          await createApp({
            domains: [domain("memos", { resources: [Memo, log.resource] })],
            dataLayer: new PostgresDataLayer(counted, { schema: `${schema}_one` }),
            recorders: [log],
          }),
        );
      }
      // Each event's statement lingers 0–6 ms after the event has its id, before it commits: without the lock a
      // later id would often commit first.
      await pools[0]!.query(`CREATE FUNCTION "${schema}_one".linger() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN PERFORM pg_sleep(((NEW.id * 7) % 4) * 0.002); RETURN NEW; END $$`);
      await pools[0]!.query(`CREATE TRIGGER linger AFTER INSERT ON "${schema}_one"."event"
        FOR EACH ROW EXECUTE FUNCTION "${schema}_one".linger()`);
      sent.statements = 0;
      const reader = pgClient({ connectionString: server.url, max: 1 });
      const snapshots: number[][] = [];
      let writing = true;
      const poll = (async () => {
        while (writing) {
          const rows = await reader.query<{ id: number }>(
            `SELECT id FROM "${schema}_one"."event" ORDER BY id`,
          );
          snapshots.push(rows.map((r) => Number(r.id)));
          await new Promise((r) => setTimeout(r, 1));
        }
      })();
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => apps[i % 2]!.engine.create(Memo, "create", { body: `m${i}` })),
      );
      writing = false;
      await poll;
      await reader.close();
      expect(sent).toEqual({ statements: 40, transactions: 0 });
      for (const ids of snapshots) expect(ids).toEqual(ids.map((_, i) => i + 1));
      const events = await pools[0]!.query<{ body: string }>(
        `SELECT data->>'body' AS body FROM "${schema}_one"."event" ORDER BY id`,
      );
      expect(events.map((e) => e.body).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `m${i}`).sort());
    });
  },
);
