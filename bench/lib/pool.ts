import { SESSION_SETTINGS } from "@ashlar/postgres";
import pg from "pg";

/**
 * A `pg` pool for the other contenders with the session settings ashlar's own pool uses (UTC, ISO intervals,
 * JIT off), so that no contender's plans differ by a server setting.
 */
export function benchPool(connectionString: string, max = 4): pg.Pool {
  const options = Object.entries(SESSION_SETTINGS)
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(" ");
  return new pg.Pool({ connectionString, max, options });
}
