/** Where a command writes: lines for the user (`out`) and for problems (`err`); and, on a terminal, asks. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /**
   * Asks the user a question and answers what they typed. Only interactive runs have it (the `ashlar` bin sets
   * it when stdin is a terminal); without it a command never waits for input, as in CI.
   */
  ask?: Ask;
  /** Redraws a progress line in place (terminals only); `last` ends the line. Without it, commands print milestones. */
  progress?(line: string, last: boolean): void;
}

/** A question to the user, e.g. `Is ticket.subject a rename of ticket.title? [y/N]`; answers the reply. */
export type Ask = (question: string) => Promise<string>;

/** Exit codes: 0 done, 1 failed (or `--check` found changes), 2 used wrongly (bad command, config, value). */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A mistake of the user's, reported with exit code 2 and its message (which says how to fix it). */
export class UsageError extends Error {}

/** What every command takes besides its arguments: the directory paths resolve against, the environment. */
export interface CommandContext {
  readonly io: Io;
  /** Relative paths (config, migrations dir, DATA_DIR) resolve against this (default process.cwd()). */
  readonly cwd?: string;
  /** DATABASE_URL and DATA_DIR are read from here (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}
