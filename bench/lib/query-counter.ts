import type { SqlClient, SqlRow } from "@ashlar/postgres";
import pg from "pg";

/**
 * Statements sent to the database since the start. Every contender on the server goes through `pg`, so
 * counting at `pg.Client#query` counts ashlar, the hand-written SQL, Drizzle and Prisma alike (BEGIN and
 * COMMIT included). PGlite is counted by wrapping its SqlClient (`countingClient`).
 */
export const queries = { count: 0 };

let patched = false;

/** Counts every statement sent through `pg` (pools call `Client#query` too). Idempotent. */
export function countPgQueries(): void {
  if (patched) return;
  patched = true;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function counted(this: unknown, ...args: unknown[]) {
    queries.count++;
    return original.apply(this, args);
  };
}

/**
 * A SqlClient that counts its statements; a transaction counts two more (its BEGIN and COMMIT, or SAVEPOINT
 * and RELEASE), as `pg` would see them. `close` is a no-op: the caller closes the client it wrapped.
 */
export function countingClient(client: SqlClient): SqlClient {
  const wrap = (c: SqlClient): SqlClient => ({
    driver: c.driver,
    query: <R extends SqlRow>(sql: string, params?: readonly unknown[], name?: string) => {
      queries.count++;
      return c.query<R>(sql, params, name);
    },
    transaction: (fn) => {
      queries.count += 2;
      return c.transaction((tx) => fn(wrap(tx)));
    },
    close: async () => undefined,
  });
  return wrap(client);
}

/** The same client with `close` made a no-op, for several apps sharing one connection pool. */
export function sharedClient(client: SqlClient): SqlClient {
  return {
    driver: client.driver,
    query: client.query.bind(client),
    transaction: client.transaction.bind(client),
    close: async () => undefined,
  };
}
