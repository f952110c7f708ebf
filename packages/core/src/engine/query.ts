import type { AnyAction } from "../actions/action.js";
import type { SortSpec } from "../data-layer/contract.js";
import { invalid, LeafError, type LeafErrorInfo } from "../errors/errors.js";
import { and, type Expr } from "../expressions/ast.js";
import type { AnyResource } from "../resource/resource.js";
import type { CallContext } from "./changeset.js";

type Row = Record<string, unknown>;
export type AfterReadHook = (query: Query, records: Row[]) => Row[] | undefined | Promise<Row[] | undefined>;

/** A read being prepared: filter, sort and page, built from the caller's options and the preparations. */
export class Query {
  filter: Expr | undefined = undefined;
  sort: SortSpec[] = [];
  limit: number | undefined = undefined;
  offset: number | undefined = undefined;
  readonly arguments: Row = {};
  readonly errors: LeafError[] = [];
  readonly afterRead: AfterReadHook[] = [];

  constructor(
    readonly resource: AnyResource,
    readonly action: AnyAction & { readonly name: string },
    readonly call: CallContext,
  ) {}

  get actor(): unknown {
    return this.call.actor;
  }

  get source(): string {
    return `${this.resource.name}.${this.action.name}`;
  }

  /** Narrows the read: the expression is joined to the current filter with `and`. */
  filterBy(expr: Expr | undefined): this {
    this.filter = and(this.filter, expr);
    return this;
  }

  /** Appends sort keys (earlier keys take precedence). */
  sortBy(...specs: SortSpec[]): this {
    this.sort.push(...specs);
    return this;
  }

  getArgument(name: string): unknown {
    return this.arguments[name];
  }

  addError(error: Omit<LeafErrorInfo, "source"> | LeafError): this {
    const leaf = error instanceof LeafError ? error : invalid(error);
    leaf.source ??= this.source;
    this.errors.push(leaf);
    return this;
  }

  /** Registers a hook that sees (and may replace) the records read. */
  onRead(hook: AfterReadHook): this {
    this.afterRead.push(hook);
    return this;
  }
}
