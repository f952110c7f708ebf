/** A row as a driver answers it. */
export type SqlRow = Record<string, unknown>;

/**
 * The one small interface both drivers implement: parameterised queries (never interpolated input), a
 * transaction on one connection (BEGIN/COMMIT, savepoints when nested), and close.
 */
export interface SqlClient {
  readonly driver: "pglite" | "pg";
  /**
   * Runs one statement. `name` makes it a named (prepared) statement on drivers that support it, so a
   * repeated query shape is parsed and planned once per connection.
   */
  query<R extends SqlRow = SqlRow>(sql: string, params?: readonly unknown[], name?: string): Promise<R[]>;
  /** Runs `fn` in a transaction on one connection; inside a transaction, a savepoint. */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Statements every session runs first, so both drivers answer values the same way. */
export const SESSION_SETTINGS: Readonly<Record<string, string>> = {
  intervalstyle: "iso_8601",
  timezone: "UTC",
  // Correlated subqueries inflate cost estimates; PostgreSQL 15 then spent ~3 s JIT-compiling a 15 ms query.
  jit: "off",
};

/** The settings as statements, for drivers that set them after connecting (PGlite). */
export const SESSION_SETUP = Object.entries(SESSION_SETTINGS).map(([k, v]) => `SET ${k} = '${v}'`);

let savepoints = 0;

/** Runs `fn` inside a savepoint of an open transaction (rolled back to it when `fn` throws). */
export async function withSavepoint<T>(tx: SqlClient, fn: (tx: SqlClient) => Promise<T>): Promise<T> {
  const name = `ashlar_sp_${++savepoints}`;
  await tx.query(`SAVEPOINT ${name}`);
  try {
    const result = await fn(tx);
    await tx.query(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}
