/**
 * Scenario 12: cold start. `npm start`'s entry point (examples/helpdesk/dist/server/main.js, built as
 * `npm start` builds it) in a new process on the PGlite data directory holding the benchmark's data; the time
 * from spawning it until GET /healthz answers 200. The time Node alone takes to start is measured too, and
 * said in a note.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { median } from "../lib/measure.js";
import type { RunOptions } from "../lib/options.js";
import type { ScenarioResult } from "../lib/report.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** `npm start` runs the built helpdesk (the bench builds first); no loader, as in production. */
const ENTRY = "examples/helpdesk/dist/server/main.js";

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.on("exit", () => resolve())));

/** Seconds from spawn until /healthz answers 200 (polled every 10 ms; at most 60 s). */
async function startOnce(dataDir: string): Promise<number> {
  const port = await freePort();
  const { DATABASE_URL: _server, ...env } = process.env;
  const started = performance.now();
  const child = spawn(process.execPath, [ENTRY], {
    cwd: ROOT,
    env: { ...env, DATA_DIR: dataDir, PORT: String(port), SEED: "false" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (b: Buffer) => {
    stderr += b.toString();
  });
  try {
    while (performance.now() - started < 60_000) {
      if (child.exitCode !== null)
        throw new Error(`the helpdesk exited with ${child.exitCode}: ${stderr.slice(-300)}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return (performance.now() - started) / 1000;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error("the helpdesk did not answer /healthz within 60 s");
  } finally {
    child.kill("SIGTERM");
    await exited(child);
  }
}

/** Seconds Node takes to start and exit. */
async function nodeAlone(): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ["-e", "0"], { cwd: ROOT, stdio: "ignore" });
  await exited(child);
  return (performance.now() - started) / 1000;
}

export async function runColdStart(options: RunOptions, dataDir: string): Promise<ScenarioResult> {
  const times: number[] = [];
  for (let i = 0; i < options.coldStarts; i++) times.push(await startOnce(dataDir));
  const baseline = await nodeAlone();
  const na = { na: "ashlar only (the helpdesk app)" };
  return {
    id: "cold-start",
    n: 12,
    contenders: {
      "ashlar-pglite": { seconds: median(times) },
      "ashlar-pg": { na: "measured on PGlite (the issue's case: an existing data directory)" },
      "sql-pg": na,
      drizzle: na,
      prisma: na,
    },
    notes: [
      `median of ${times.length} (${times.map((t) => t.toFixed(2)).join(", ")} s), from spawn to /healthz 200; node alone starts in ${baseline.toFixed(2)} s`,
    ],
  };
}
