import { type AppCore, createApp, type WriteRecorder } from "@ashlar/core";
import { PostgresDataLayer } from "@ashlar/postgres";
import { loadConfig } from "../config.js";
import { type CommandContext, EXIT_OK, type Io, UsageError } from "../io.js";
import { connect } from "./migrate.js";

export interface ReplayCommandOptions {
  /** Replay up to and including this event id. */
  readonly untilEvent?: string;
  /** Replay the events that occurred at or before this ISO instant. */
  readonly at?: string;
  readonly config?: string;
}

/** What an event log offers the command (duck-typed, so the CLI does not depend on @ashlar/events). */
interface Replayable extends WriteRecorder {
  replay(
    app: AppCore,
    options: {
      untilEvent?: number | string;
      at?: string;
      onProgress?: (done: number, total: number) => void;
    },
  ): Promise<{ applied: number; skipped: readonly { eventId: unknown; reason: string }[] }>;
}

const isReplayable = (r: WriteRecorder): r is Replayable =>
  typeof (r as Partial<Replayable>).replay === "function";

/**
 * `ashlar replay [--until-event ID] [--at ISO]`: rebuilds every tracked table from the config's event log, in
 * one transaction, on DATABASE_URL or PGlite in DATA_DIR (stop the app first), showing progress.
 */
export async function replayCommand(options: ReplayCommandOptions, context: CommandContext): Promise<number> {
  const { io } = context;
  const cwd = context.cwd ?? process.cwd();
  if (options.at !== undefined && Number.isNaN(Date.parse(options.at)))
    throw new UsageError(
      `--at needs an ISO time such as 2026-11-22T10:00:00Z (got ${JSON.stringify(options.at)})`,
    );
  if (options.untilEvent !== undefined && options.untilEvent.trim() === "")
    throw new UsageError("--until-event needs an event id: --until-event 1200");
  const config = await loadConfig(options.config, cwd);
  const logs = config.recorders.filter(isReplayable);
  if (logs.length === 0)
    throw new UsageError(
      `${config.path} has no event log to replay: add recorders: [log] (an eventLog from @ashlar/events) to its default export`,
    );
  const { client, where } = await connect(context.env ?? process.env, cwd);
  const dataLayer = new PostgresDataLayer(client, { schema: config.schema, createTables: false });
  const app = await createApp({ domains: config.domains, dataLayer, recorders: config.recorders });
  try {
    for (const log of logs) {
      const started = performance.now();
      const result = await log.replay(app, {
        ...(options.untilEvent === undefined ? {} : { untilEvent: eventIdOf(options.untilEvent) }),
        ...(options.at === undefined ? {} : { at: options.at }),
        onProgress: progressBar(io),
      });
      const seconds = (performance.now() - started) / 1000;
      io.out(
        `replayed ${result.applied} events of ${log.name} in ${seconds.toFixed(1)} s (${where}, schema ${config.schema})`,
      );
      for (const s of result.skipped) io.out(`  skipped event ${String(s.eventId)}: ${s.reason}`);
    }
    return EXIT_OK;
  } finally {
    await app.close();
  }
}

/** A sequence id is a number; a uuidv7 id stays text. */
const eventIdOf = (value: string): number | string => (/^\d+$/.test(value) ? Number(value) : value);

const WIDTH = 30;

/** A bar redrawn in place on a terminal (`io.progress`), else a line at every tenth. */
function progressBar(io: Io): (done: number, total: number) => void {
  let shownTenth = -1;
  return (done, total) => {
    const share = total === 0 ? 1 : done / total;
    if (io.progress) {
      const filled = Math.round(share * WIDTH);
      io.progress(
        `[${"#".repeat(filled)}${".".repeat(WIDTH - filled)}] ${done}/${total} events`,
        done === total,
      );
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth === shownTenth) return;
    shownTenth = tenth;
    io.err(`replaying: ${done}/${total} events (${tenth * 10}%)`);
  };
}
