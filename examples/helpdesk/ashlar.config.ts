import { fileURLToPath } from "node:url";
import { createHelpdesk } from "./src/helpdesk.js";
import { Sessions } from "./src/server/auth.js";
import { eventKeyOf } from "./src/server/env.js";

/** For `ashlar codegen`, `migrate` and `replay` (run from the repository root with --config). */
const helpdesk = createHelpdesk({ encryptionKey: eventKeyOf(process.env) });

export default {
  domains: [...helpdesk.domains, Sessions],
  migrationsDir: fileURLToPath(new URL("./migrations", import.meta.url)),
  recorders: [helpdesk.log],
};
