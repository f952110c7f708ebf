import type { PaginationOptions, ReadActionDef } from "../actions/action.js";
import { invalid, toAshlarError } from "../errors/errors.js";
import { and, type Expr } from "../expressions/ast.js";
import type { CallContext } from "./changeset.js";
import { afterCursor, decodeCursor, encodeCursor, reversed } from "./keyset.js";
import { executeRead, prepareRead, type ReadRequest } from "./run-read.js";
import type { EngineContext, ResourceRuntime } from "./runtime.js";
import { tableFor } from "./tenancy.js";
import { currentTransaction } from "./transaction-scope.js";

type Row = Record<string, unknown>;

/** What a caller asks of a page: offset pages (`offset`) or keyset pages (`after` / `before` a cursor). */
export interface PageInput {
  limit?: number;
  offset?: number;
  /** The records after this cursor (a record's cursor from an earlier page). */
  after?: string;
  /** The records before this cursor. */
  before?: string;
  /** Also count every record the read matches (one more query). */
  count?: boolean;
}

/** One page of a read. `cursors[i]` is the cursor of `results[i]`; pass one as `after` or `before`. */
export interface Page<T> {
  readonly results: T[];
  readonly limit: number;
  /** Offset pages: where this page starts. */
  readonly offset: number | undefined;
  /** The total number of matching records, when asked for. */
  readonly count: number | undefined;
  /** Whether more records follow this page (for `before` pages: precede it). */
  readonly hasMore: boolean;
  readonly cursors: string[];
  readonly startCursor: string | undefined;
  readonly endCursor: string | undefined;
}

const DEFAULT_LIMIT = 25;

/**
 * Runs a read as a page. The sort ends with the primary key, so pages never overlap or skip; one extra record
 * is fetched to tell whether more follow. Keyset pages compare sort-key values (calculations and aggregates
 * included), so they stay correct while records are inserted — unlike offsets.
 */
export async function runPagedRead(
  engine: EngineContext,
  runtime: ResourceRuntime,
  actionName: string,
  request: ReadRequest & { page: PageInput },
  call: CallContext,
): Promise<Page<Row>> {
  const action = runtime.resource.actions[actionName] as ReadActionDef & { name: string };
  const options: PaginationOptions = action.pagination ?? {};
  const page = request.page;
  const source = `${runtime.resource.name}.${actionName}`;
  const problem = (field: string, message: string) =>
    toAshlarError(invalid({ code: "invalid_page", field: `page.${field}`, message, source }));
  const keyset = page.after !== undefined || page.before !== undefined;
  if (keyset && options.keyset === false)
    throw problem(page.after !== undefined ? "after" : "before", "this action does not page by cursor");
  if (page.offset !== undefined && options.offset === false)
    throw problem("offset", "this action does not page by offset");
  if (keyset && page.offset !== undefined)
    throw problem("offset", "give either an offset or a cursor, not both");
  if (page.after !== undefined && page.before !== undefined)
    throw problem("before", "give either after or before, not both");
  if (page.count && options.countable === false) throw problem("count", "this action does not count");
  if (page.limit !== undefined && (!Number.isInteger(page.limit) || page.limit < 1))
    throw problem("limit", "must be a whole number of 1 or more");
  if (page.offset !== undefined && (!Number.isInteger(page.offset) || page.offset < 0))
    throw problem("offset", "must be a whole number of 0 or more");
  const limit = Math.min(
    page.limit ?? options.defaultLimit ?? DEFAULT_LIMIT,
    options.maxLimit ?? Number.POSITIVE_INFINITY,
  );

  const read = await prepareRead(
    engine,
    runtime,
    actionName,
    { ...request, limit, offset: page.offset },
    call,
  );
  const sort = read.sort;
  const extra: Record<string, Expr> = Object.fromEntries(
    sort.flatMap((s, i) => (s.expr ? [[`__sort${i}`, s.expr]] : [])),
  );
  const keyValues = (row: Row) => sort.map((s, i) => (s.expr ? row[`__sort${i}`] : row[s.field]) ?? null);

  let filter = read.filter;
  let order = sort;
  const cursor = page.after ?? page.before;
  if (cursor !== undefined) {
    const values = decodeCursor(cursor, sort.length);
    if (!values)
      throw problem(
        page.after !== undefined ? "after" : "before",
        "is not a cursor of this read (its sort differs, or it was altered)",
      );
    if (page.before !== undefined) order = reversed(sort);
    filter = and(filter, afterCursor(order, values));
  }
  const rows = await executeRead(engine, read, {
    filter,
    sort: order,
    limit: limit + 1,
    offset: keyset ? undefined : (page.offset ?? 0),
    extra,
  });
  const hasMore = rows.length > limit;
  const results = rows.slice(0, limit);
  if (page.before !== undefined) results.reverse();
  const cursors = results.map((r) => encodeCursor(keyValues(r)));
  for (const r of results) for (const k of Object.keys(extra)) delete r[k];
  const count = page.count
    ? await engine.dataLayer.count(
        tableFor(runtime, call.tenant),
        { filter: read.filter },
        currentTransaction(engine.dataLayer),
      )
    : undefined;
  return {
    results,
    limit,
    offset: keyset ? undefined : (page.offset ?? 0),
    count,
    hasMore,
    cursors,
    startCursor: cursors[0],
    endCursor: cursors.at(-1),
  };
}
