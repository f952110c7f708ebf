import { startHelpdesk } from "./server.js";

/**
 * `npm start`: the helpdesk on http://127.0.0.1:${PORT:-4000}. SIGINT/SIGTERM stop it gracefully: no new
 * connections, in-flight requests finish, the database closes, exit 0 (forced after 4.5 s).
 */
const env = process.env;
const port = Number(env.PORT ?? 4000);
const running = await startHelpdesk({ env, port, log: (line) => console.log(line) });
console.log(`helpdesk ready on ${running.url} (${running.where})`);
if (running.applied.length) console.log(`applied migrations: ${running.applied.join(", ")}`);
console.log(`  JSON:API  ${running.url}/api/json/tickets (Authorization: Bearer <token>)`);
console.log(`  OpenAPI   ${running.url}/api/json/open-api.json`);
console.log(
  `  sign in   POST ${running.url}/api/auth/sign-in {"email":"admin@acme.test","password":"password123"}`,
);
console.log(`  health    ${running.url}/healthz`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  const force = setTimeout(() => {
    console.error("still busy after 4.5 s; exiting");
    process.exit(0);
  }, 4500);
  force.unref();
  running.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
