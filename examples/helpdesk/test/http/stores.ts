/** The stores the HTTP tests run on: PGlite always, the PostgreSQL server when DATABASE_URL is set (as in CI). */
export const STORES: readonly ("pglite" | "postgres")[] = process.env.DATABASE_URL
  ? ["pglite", "postgres"]
  : ["pglite"];
if (!process.env.DATABASE_URL)
  process.stderr.write("[helpdesk] HTTP tests on the PostgreSQL server SKIPPED: DATABASE_URL is not set.\n");
