import { PGlite } from "@electric-sql/pglite";
import { SESSION_SETUP, type SqlClient, type SqlRow, withSavepoint } from "./client.js";

/**
 * The embedded driver. PGlite is one database session: every statement of a transaction must go through that
 * transaction, and other work waits for it (a queue), so concurrent callers never interleave inside one.
 */
export async function pgliteClient(options: { dataDir?: string } = {}): Promise<SqlClient> {
  const db = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await db.waitReady;
  for (const statement of SESSION_SETUP) await db.exec(statement);
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const inTx = (tx: { query: PGlite["query"] }): SqlClient => {
    const client: SqlClient = {
      driver: "pglite",
      query: async <R extends SqlRow>(sql: string, params: readonly unknown[] = []) =>
        (await tx.query<R>(sql, [...params])).rows,
      transaction: (fn) => withSavepoint(client, fn),
      close: async () => undefined,
    };
    return client;
  };
  return {
    driver: "pglite",
    query: <R extends SqlRow>(sql: string, params: readonly unknown[] = []) =>
      exclusive(async () => (await db.query<R>(sql, [...params])).rows),
    transaction: (fn) => exclusive(() => db.transaction((tx) => fn(inTx(tx)))),
    close: () => db.close(),
  };
}
