/** The helpdesk's settings, all from the environment (see the README). */
export interface HelpdeskEnv {
  readonly DATABASE_URL?: string | undefined;
  readonly DATA_DIR?: string | undefined;
  readonly PORT?: string | undefined;
  readonly SEED?: string | undefined;
  readonly AUTH_SECRET?: string | undefined;
  readonly EVENT_KEY?: string | undefined;
}

/**
 * The key sealing passwords and hashes in events (32 bytes, base64 or hex). The development default is fixed
 * so a replay after a restart can open them; production sets EVENT_KEY (and keeps it).
 */
export const eventKeyOf = (env: HelpdeskEnv): string =>
  env.EVENT_KEY ?? Buffer.from("helpdesk development event key!!").toString("base64");
