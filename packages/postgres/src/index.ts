/**
 * @ashlar/postgres — the Postgres data layer (in progress): drivers for embedded PGlite and PostgreSQL servers.
 */
export { SESSION_SETUP, type SqlClient, type SqlRow } from "./client/client.js";
export { pgClient } from "./client/pg.js";
export { pgliteClient } from "./client/pglite.js";
