import pg from "pg";

/**
 * The PostgreSQL server the tests use. With DATABASE_URL set (as `.ci/run` does) the server suites always run, so
 * a server that is down fails them. Without it, the default local server is tried once; when nothing answers,
 * the server suites are skipped — said plainly in the output — and memory and PGlite still run.
 */
const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test";

async function probe(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const explicit = process.env.DATABASE_URL;
const url = explicit ?? DEFAULT_URL;
const available = explicit !== undefined || (await probe(url));
if (!available) {
  process.stderr.write(
    `\n[ashlar] PostgreSQL server suites SKIPPED: DATABASE_URL is not set and nothing answers at ${url}.\n` +
      "[ashlar] Memory and PGlite still ran. Set DATABASE_URL (as .ci/run does) to run them.\n\n",
  );
}

export const server = { url, available } as const;

/** The drivers to test: PGlite always, the server when it is available. */
export function drivers<P, S>(
  pglite: P,
  onServer: S,
): readonly (readonly ["pglite", P] | readonly ["pg", S])[] {
  return available ? [["pglite", pglite] as const, ["pg", onServer] as const] : [["pglite", pglite] as const];
}
