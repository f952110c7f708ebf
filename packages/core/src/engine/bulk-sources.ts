import type { ReadActionDef } from "../actions/action.js";
import { frameworkError } from "../errors/errors.js";
import type { AnyResource } from "../resource/resource.js";
import type { BulkQuery, BulkTarget } from "./bulk-options.js";
import type { CallInput } from "./engine.js";
import type { Page, PageInput } from "./paginate.js";
import type { BatchSource, BulkItem } from "./run-bulk.js";
import type { ReadRequest } from "./run-read.js";

type Row = Record<string, unknown>;

/**
 * Batches of an iterable (sync or async), pulled lazily. It looks one value ahead, so it knows it is done
 * without opening a transaction for an empty last batch.
 */
export function iterableSource<T>(
  values: Iterable<T> | AsyncIterable<T>,
  batchSize: number,
  toItem: (value: T, index: number) => BulkItem,
): BatchSource {
  const iterator =
    Symbol.asyncIterator in values ? values[Symbol.asyncIterator]() : values[Symbol.iterator]();
  let peeked: IteratorResult<T> | undefined;
  let index = 0;
  const hasMore = async () => {
    peeked ??= await iterator.next();
    return !peeked.done;
  };
  return {
    hasMore,
    async next() {
      const batch: BulkItem[] = [];
      while (batch.length < batchSize && (await hasMore())) {
        const value = (peeked as IteratorYieldResult<T>).value;
        peeked = undefined;
        batch.push(toItem(value, index++));
      }
      return batch;
    },
  };
}

/** What a query source needs of the engine. */
export interface PageReader {
  readPage(
    resource: AnyResource,
    action: string,
    options: ReadRequest & CallInput & { page?: PageInput },
  ): Promise<Page<Row>>;
  primaryAction(resource: AnyResource, type: string): string | undefined;
}

/**
 * The records a query matches, a keyset page per batch. Pages are read when the batch is due (inside its
 * transaction), and a cursor compares sort values rather than counting rows, so records the bulk action
 * destroys or changes never make it skip or repeat one.
 */
export function querySource(
  engine: PageReader,
  resource: AnyResource,
  query: BulkQuery,
  batchSize: number,
  call: CallInput,
  toItem: (record: Row, index: number) => BulkItem,
): BatchSource {
  const readAction = readActionOf(engine, resource, query);
  let after: string | undefined;
  let done = false;
  let index = 0;
  return {
    hasMore: async () => !done,
    async next() {
      const page = await engine.readPage(resource, readAction, {
        ...call,
        ...(query.filter === undefined ? {} : { filter: query.filter }),
        ...(query.sort === undefined ? {} : { sort: query.sort }),
        ...(query.input === undefined ? {} : { input: query.input }),
        page: { limit: batchSize, ...(after === undefined ? {} : { after }) },
      });
      done = !page.hasMore || page.endCursor === undefined;
      after = page.endCursor;
      return page.results.map((record) => toItem(record, index++));
    },
  };
}

const QUERY_KEYS = new Set(["filter", "sort", "input", "readAction"]);

/**
 * Tells a list target from a query. An object with other keys is refused: a single record passed by mistake
 * would otherwise read as an empty query and reach every record.
 */
export function isTargetList(
  target: BulkTarget,
  where: string,
): target is readonly (Row | string | number)[] {
  if (Array.isArray(target)) return true;
  const unknown = Object.keys(target).filter((k) => !QUERY_KEYS.has(k));
  if (unknown.length)
    throw frameworkError(
      `${where}: the target is neither a list of records or keys nor a query (unknown keys ${unknown.join(", ")}); ` +
        "pass [record] for one record, or { filter, sort, input, readAction } to select by query",
    );
  return false;
}

/** A target as reported in errors: the record, or a primary key as an object. */
export function targetAsRow(target: Row | string | number, primaryKey: readonly string[]): Row {
  return typeof target === "object" && target !== null ? target : { [primaryKey[0] ?? "id"]: target };
}

/** The read action that finds the records: the one named, else the primary read; it must page by cursor. */
function readActionOf(engine: PageReader, resource: AnyResource, query: BulkQuery): string {
  const reads = Object.entries(resource.actions)
    .filter(([, a]) => (a as { type: string }).type === "read")
    .map(([n]) => n);
  const name = query.readAction ?? engine.primaryAction(resource, "read");
  if (name === undefined)
    throw frameworkError(
      `${resource.name} has no primary read action to find the records of a bulk action with; mark one of ` +
        `its read actions (${reads.join(", ") || "none"}) primary, or pass readAction`,
    );
  const action = resource.actions[name] as { type: string; pagination?: ReadActionDef["pagination"] };
  if (action?.type !== "read")
    throw frameworkError(
      `${resource.name}.${name} is not a read action; readAction must be one of ${reads.join(", ") || "none"}`,
    );
  if (action.pagination?.keyset === false)
    throw frameworkError(
      `${resource.name}.${name} does not page by cursor, which a bulk action by query reads with; ` +
        "pass a readAction that does",
    );
  return name;
}
