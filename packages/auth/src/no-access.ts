import { always, forbidIf, type PolicyDef, policy } from "@ashlar/core";

/**
 * The default policies of the token and API-key resources: every call that is authorized is forbidden.
 * `authentication()` reads and writes them with `authorize: false` (its own lookups), and who holds which
 * credential is nobody else's business unless the application says so with its own policies.
 */
export const NO_ACCESS: readonly PolicyDef[] = [policy(always(), forbidIf(always()))];
