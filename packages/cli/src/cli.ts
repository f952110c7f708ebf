import { codegen } from "./commands/codegen.js";
import { migrateCommand, parseMigrateAction } from "./commands/migrate.js";
import { replayCommand } from "./commands/replay.js";
import { type CommandContext, EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError } from "./io.js";
import { parseRenameFlag, type RenameFlag } from "./renames/rename-flag.js";

export const USAGE = `usage:
  ashlar codegen <name> [--check] [--rename <rename>]... [--config ashlar.config.ts]
      write <migrationsDir>/<yyyymmddhhmmss>_<name>.json and snapshot.json from the resource definitions
      --check: write nothing; exit 1 when the definitions differ from the last snapshot
      --rename <table>.<old>=<new>: a column renamed, keeping its data (e.g. --rename tickets.title=subject)
      --rename <old>=<new>: a table renamed, keeping its rows (e.g. --rename ticket=tickets); repeatable
      renames are never guessed: when a column or table goes while another comes, codegen asks on a terminal;
      elsewhere it drops the old one (its data lost) and warns, naming the --rename to use instead
  ashlar migrate [up | down [steps] | status] [--config ashlar.config.ts]
      run the migrations on DATABASE_URL, or else on PGlite in DATA_DIR (default .data/app); their tenant
      statements run in every tenant schema (<schema>__<tenant>) there is
  ashlar replay [--until-event <id>] [--at <ISO time>] [--config ashlar.config.ts]
      rebuild every tracked table from the config's event log (recorders), in one transaction, on the same
      database as migrate; --until-event replays up to and including that event, --at the events that
      occurred at or before that time. Stop the app first.`;

interface Parsed {
  readonly positional: string[];
  readonly config?: string;
  readonly check: boolean;
  readonly help: boolean;
  /** Every --rename, in order. */
  readonly renames: RenameFlag[];
  /** --until-event and --at (replay). */
  readonly untilEvent?: string;
  readonly at?: string;
}

const VALUE_FLAGS = { "--until-event": "untilEvent", "--at": "at" } as const;

/**
 * Splits argv into positional arguments and the flags --config <path>, --rename <rename> (both also as
 * --flag=value), --check and --help.
 */
export function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  let config: string | undefined;
  let check = false;
  let help = false;
  const renames: RenameFlag[] = [];
  const values: { untilEvent?: string; at?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg];
    if (flag in VALUE_FLAGS) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === "" || (inline === undefined && value.startsWith("-")))
        throw new UsageError(
          `${flag} needs a value: ${flag === "--at" ? "--at 2026-11-22T10:00:00Z" : "--until-event 1200"}`,
        );
      values[VALUE_FLAGS[flag as keyof typeof VALUE_FLAGS]] = value;
    } else if (arg === "--config" || arg === "-c") {
      const value = argv[++i];
      if (value === undefined || value.startsWith("-")) {
        throw new UsageError("--config needs a path: --config ashlar.config.ts");
      }
      config = value;
    } else if (arg.startsWith("--config=")) {
      config = arg.slice("--config=".length);
      if (config === "") throw new UsageError("--config needs a path: --config=ashlar.config.ts");
    } else if (arg === "--rename") {
      const value = argv[++i];
      if (value === undefined || value.startsWith("-")) {
        throw new UsageError(
          "--rename needs a value: --rename tickets.title=subject (a column) or --rename ticket=tickets (a table)",
        );
      }
      renames.push(parseRenameFlag(value));
    } else if (arg.startsWith("--rename=")) renames.push(parseRenameFlag(arg.slice("--rename=".length)));
    else if (arg === "--check") check = true;
    else if (arg === "--help" || arg === "-h") help = true;
    else if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${arg}\n${USAGE}`);
    else positional.push(arg);
  }
  return { positional, check, help, renames, ...values, ...(config === undefined ? {} : { config }) };
}

/** Runs one CLI invocation (argv without node and the script); answers the exit code. */
export async function runCli(argv: readonly string[], context: CommandContext): Promise<number> {
  const { io } = context;
  try {
    const args = parseArgs(argv);
    const [command, ...rest] = args.positional;
    if (args.help || command === "help") {
      io.out(USAGE);
      return EXIT_OK;
    }
    if (command === undefined) throw new UsageError(`no command given\n${USAGE}`);
    if (command === "codegen") {
      if (rest.length > 1) throw new UsageError(`codegen takes one name (got ${rest.join(" ")})\n${USAGE}`);
      if (rest.length === 0 && !args.check) {
        throw new UsageError(
          "codegen needs a migration name: ashlar codegen <name> (e.g. ashlar codegen add_posts)",
        );
      }
      return await codegen(
        {
          check: args.check,
          renames: args.renames,
          ...(rest[0] === undefined ? {} : { name: rest[0] }),
          ...pick(args),
        },
        context,
      );
    }
    if (args.check) throw new UsageError(`--check belongs to codegen, not ${command}`);
    if (args.renames.length > 0) throw new UsageError(`--rename belongs to codegen, not ${command}`);
    if (command === "replay") {
      if (rest.length > 0) throw new UsageError(`replay takes no argument (got ${rest.join(" ")})\n${USAGE}`);
      const { untilEvent, at } = args;
      return await replayCommand(
        {
          ...(untilEvent === undefined ? {} : { untilEvent }),
          ...(at === undefined ? {} : { at }),
          ...pick(args),
        },
        context,
      );
    }
    if (args.untilEvent !== undefined || args.at !== undefined)
      throw new UsageError(`--until-event and --at belong to replay, not ${command}`);
    if (command === "migrate") {
      return await migrateCommand({ action: parseMigrateAction(rest), ...pick(args) }, context);
    }
    throw new UsageError(
      `unknown command ${JSON.stringify(command)}: use codegen, migrate or replay\n${USAGE}`,
    );
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`ashlar: ${error.message}`);
      return EXIT_USAGE;
    }
    io.err(`ashlar: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILED;
  }
}

const pick = (args: Parsed) => (args.config === undefined ? {} : { config: args.config });
