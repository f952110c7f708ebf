/** How big a run is: `--quick` (CI smoke check), `--medium`, or the full data set of the issue. */
export type RunSize = "quick" | "medium" | "full";

export interface DataSize {
  readonly orgs: number;
  readonly users: number;
  readonly tickets: number;
  /** Tags per org; every other ticket carries one. */
  readonly tagsPerOrg: number;
}

export interface RunOptions {
  readonly size: RunSize;
  readonly data: DataSize;
  /** Write bench/results.json too. */
  readonly json: boolean;
  /** Only these scenario ids (all when empty). */
  readonly only: ReadonlySet<string>;
  /** Timed rounds per contender and scenario; the median is reported. */
  readonly rounds: number;
  /** Untimed calls per contender before the first round. */
  readonly warmup: number;
  /** How long one contender's round should take; the call count per round is calibrated to it. */
  readonly roundMs: number;
  /** Parents of the load scenario (each with two children). */
  readonly loadParents: number;
  /** Requests per contender and round of the HTTP scenario. */
  readonly httpRequests: number;
  /** Tickets (each with a comment and a close: three events) written for the replay scenario. */
  readonly replayTickets: number;
  /** Cold starts measured. */
  readonly coldStarts: number;
  /** The PostgreSQL server to create the benchmark's databases on. */
  readonly adminUrl: string;
}

const SIZES: Record<RunSize, DataSize> = {
  quick: { orgs: 2, users: 50, tickets: 200, tagsPerOrg: 3 },
  medium: { orgs: 20, users: 2_000, tickets: 10_000, tagsPerOrg: 5 },
  full: { orgs: 100, users: 10_000, tickets: 50_000, tagsPerOrg: 5 },
};

const USAGE = `npm run bench -- [--quick | --medium] [--json] [--only=get-by-id,list-open,...]
  --quick   tiny data, few rounds: a smoke check that the harness works (CI), never a timed assertion
  --medium  a fifth of the full data (20 orgs, 2,000 users, 10,000 tickets)
  --json    also write bench/results.json
  --only    run only these scenario ids
DATABASE_URL names the PostgreSQL server (an admin connection: the benchmark creates and drops its own
databases there); default postgres://root@127.0.0.1:5432/test`;

/** Reads the command line (and DATABASE_URL); unknown flags print the usage and exit. */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): RunOptions {
  let size: RunSize = "full";
  let json = false;
  const only = new Set<string>();
  for (const arg of argv) {
    if (arg === "--quick") size = "quick";
    else if (arg === "--medium") size = "medium";
    else if (arg === "--json") json = true;
    else if (arg.startsWith("--only=")) {
      for (const id of arg.slice(7).split(",")) if (id) only.add(id);
    } else if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`unknown option ${arg}\n${USAGE}`);
      process.exit(2);
    }
  }
  const quick = size === "quick";
  return {
    size,
    data: SIZES[size],
    json,
    only,
    rounds: quick ? 3 : 7,
    warmup: quick ? 5 : 40,
    roundMs: quick ? 40 : 400,
    loadParents: quick ? 40 : size === "medium" ? 2_000 : 5_000,
    httpRequests: quick ? 50 : 500,
    replayTickets: quick ? 30 : 1_000,
    coldStarts: quick ? 1 : 3,
    adminUrl: env.DATABASE_URL ?? "postgres://root@127.0.0.1:5432/test",
  };
}
