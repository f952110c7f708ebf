import { type AshlarError, invalid, toAshlarError } from "../errors/errors.js";
import type { CallInput } from "./engine.js";
import type { ReadRequest } from "./run-read.js";

type Row = Record<string, unknown>;

/**
 * Where the transactions of a bulk action fall:
 * - "batch": each batch of `batchSize` records commits or rolls back as one;
 * - "all": the whole bulk action is one transaction, so any error rolls everything back;
 * - "none": no bulk transaction; each record commits or fails on its own, as a single action would.
 */
export type BulkTransaction = "all" | "batch" | "none";

/** How a bulk action runs; the call options (actor, tenant, context, authorize) apply to every record. */
export interface BulkOptions extends CallInput {
  /** Records per batch, and per read of a query target; default 100. */
  batchSize?: number;
  /** Default "batch". */
  transaction?: BulkTransaction;
  /**
   * Stop at the first failing record: records not yet tried are neither tried nor reported. Default false
   * (every record gets its own verdict), except with transaction "all", where one failure dooms the rest.
   */
  stopOnError?: boolean;
  /** Answer the written records (default true); false keeps memory flat for huge bulk actions. */
  returnRecords?: boolean;
  /** Answer one entry per failed record (default true); `errorCount` counts them either way. */
  returnErrors?: boolean;
  /**
   * Deliver one notification per committed record, after its transaction commits (default true). False drops
   * them, including those of actions the records' hooks run.
   */
  notify?: boolean;
}

/**
 * The records an update or destroy by query works on: those the read action (default: the resource's primary
 * read) finds with this filter, read in keyset pages of `batchSize` so a huge match is never all in memory.
 * Records are visited in primary-key order unless `sort` says otherwise; never sort on a field the bulk
 * action changes, or a changed record may come round again.
 */
export interface BulkQuery {
  filter?: ReadRequest["filter"];
  sort?: ReadRequest["sort"];
  /** The read action's arguments. */
  input?: Row;
  readAction?: string;
}

/** The records of a bulk update or destroy: records or primary keys, or a query. */
export type BulkTarget = readonly (Row | string | number)[] | BulkQuery;

/** One record's failure. */
export interface BulkError {
  /** Position in the inputs (creates), in the target list, or in the order a query target was read. */
  readonly index: number;
  /** The create's input, or the record or key (as an object) the update or destroy targeted. */
  readonly input?: Row;
  readonly error: AshlarError;
}

/**
 * What a bulk action answers: "success" when every record committed, "error" when none did, otherwise
 * "partial_success". `records` are the committed records, in input (or read) order.
 */
export interface BulkResult {
  readonly status: "success" | "partial_success" | "error";
  readonly records: Row[];
  readonly errors: BulkError[];
  /** How many records failed or were rolled back, even when `returnErrors` is false. */
  readonly errorCount: number;
}

/** Bulk options with every default filled in, and the call options every record is run with. */
export interface ResolvedBulkOptions {
  readonly batchSize: number;
  readonly transaction: BulkTransaction;
  readonly stopOnError: boolean;
  readonly returnRecords: boolean;
  readonly returnErrors: boolean;
  readonly notify: boolean;
  readonly call: CallInput;
}

const MODES: readonly BulkTransaction[] = ["all", "batch", "none"];

/** Fills in defaults; a bad option throws an InvalidError naming it before any record is written. */
export function resolveBulkOptions(options: BulkOptions, source: string): ResolvedBulkOptions {
  const problem = (field: string, message: string) =>
    toAshlarError(invalid({ code: "invalid_option", field, message, source }));
  const batchSize = options.batchSize ?? 100;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw problem("batchSize", `must be a whole number of 1 or more, not ${String(batchSize)}`);
  const transaction = options.transaction ?? "batch";
  if (!MODES.includes(transaction))
    throw problem("transaction", `must be "all", "batch" or "none", not ${JSON.stringify(transaction)}`);
  const { actor, tenant, context, authorize } = options;
  return {
    batchSize,
    transaction,
    stopOnError: options.stopOnError ?? transaction === "all",
    returnRecords: options.returnRecords ?? true,
    returnErrors: options.returnErrors ?? true,
    notify: options.notify ?? true,
    call: { actor, tenant, context, authorize },
  };
}
