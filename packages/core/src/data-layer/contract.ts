import type { Expr } from "../expressions/ast.js";
import type { AttrType } from "../types/type.js";

/**
 * The data-layer contract. The engine hands a layer plain descriptions (tables, queries as AST, rows) and the
 * layer declares with `can(feature)` what it does natively; the engine pushes down what it can and computes
 * the rest itself. Later layers (Postgres) implement the same contract.
 */
export type Row = Record<string, unknown>;

/** What the data layer needs to know about a resource: plain data, no builders. */
export interface TableSpec {
  /** The resource name; a layer maps it to its own storage name. */
  readonly resource: string;
  readonly table: string;
  readonly primaryKey: readonly string[];
  readonly columns: ReadonlyMap<string, ColumnSpec>;
  /** Unique keys; nils never collide (PostgreSQL's NULLS DISTINCT) unless `nilsDistinct` is false. */
  readonly identities: readonly IdentitySpec[];
  /** Relationships, for paths in expressions (joins, EXISTS, aggregates). */
  readonly relationships: ReadonlyMap<string, RelationshipSpec>;
  /**
   * "context": each tenant's rows live apart (a PostgreSQL schema per tenant); the engine then hands the layer
   * this spec with `tenant` set. "attribute": rows share the table and the engine filters by a column.
   */
  readonly multitenancy?: "attribute" | "context" | undefined;
  /** The tenant whose rows a context-multitenant table means in this call. */
  readonly tenant?: string | undefined;
}

/** A relationship as the data layer sees it: which table, which columns join. */
export interface RelationshipSpec {
  readonly name: string;
  readonly kind: "belongsTo" | "hasOne" | "hasMany" | "manyToMany";
  readonly destination: TableSpec;
  /** Column of the source table. */
  readonly sourceAttribute: string;
  /** Column of the destination table. */
  readonly destinationAttribute: string;
  /** manyToMany: the join table and its columns pointing at source and destination. */
  readonly through?: TableSpec | undefined;
  readonly sourceAttributeOnJoin?: string | undefined;
  readonly destinationAttributeOnJoin?: string | undefined;
}

export interface ColumnSpec {
  readonly name: string;
  readonly type: AttrType<unknown>;
  readonly optional: boolean;
  /** The data layer fills the value in (a sequence for integers) when a create leaves it out. */
  readonly generated: boolean;
  /**
   * The attribute's default, when a database can hold it too (a constant, or the current time); defaults
   * computed in TypeScript (generators) are absent. Migrations use it so a required column can be added to a
   * table that has rows.
   */
  readonly default?:
    | { readonly kind: "now" }
    | { readonly kind: "value"; readonly value: unknown }
    | undefined;
}

export interface IdentitySpec {
  readonly name: string;
  readonly keys: readonly string[];
  readonly nilsDistinct: boolean;
}

export interface SortSpec {
  /** An attribute, or (with `expr`) the name of the calculation or aggregate sorted on. */
  readonly field: string;
  /** Sort by this expression's value instead of the attribute (calculations, aggregates, paths). */
  readonly expr?: Expr | undefined;
  readonly direction: "asc" | "desc";
  /** Default as in PostgreSQL: nils last ascending, first descending. */
  readonly nulls?: "first" | "last";
}

/** A read as data: which rows, in what order, which page, which columns. */
export interface DataQuery {
  readonly filter?: Expr | undefined;
  readonly sort?: readonly SortSpec[] | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
  /** Columns to return; all when absent. Primary-key columns are always returned. */
  readonly select?: readonly string[] | undefined;
  /** Lock the matched rows until the transaction ends (SELECT ... FOR UPDATE). */
  readonly lock?: "update" | undefined;
  /** Values to compute for each row (expression calculations, aggregates), answered under these keys. */
  readonly calculations?: Readonly<Record<string, Expr>> | undefined;
  /**
   * Limit and offset per distinct value of `field` rather than overall (loading "the 5 latest comments of each
   * ticket" in one query: a window function or a lateral join in SQL). Applied after `sort`.
   */
  readonly limitPer?:
    | { readonly field: string; readonly limit?: number | undefined; readonly offset?: number | undefined }
    | undefined;
}

export interface WriteOptions {
  /**
   * An extra condition the row must meet at the moment of writing (policies, optimistic locks). When it does
   * not, the write does nothing and the layer answers `null`.
   */
  readonly filter?: Expr | undefined;
  /**
   * Attributes computed from the row as it is at the moment of writing (`viewCount + 1`), so concurrent writers
   * never lose each other's updates. They take precedence over plain changes of the same attribute.
   */
  readonly atomics?: Readonly<Record<string, Expr>> | undefined;
  /**
   * Rows inserted together with the write, in the same statement, only when the write writes a row (an event
   * log's events): the write and its companions stand or fall together, without a transaction of their own.
   * Only for layers that `can("companions")`.
   */
  readonly companions?: readonly CompanionInsert[] | undefined;
}

/** A row inserted with a write (see `WriteOptions.companions`). */
export interface CompanionInsert {
  readonly table: TableSpec;
  readonly row: Row;
  /** An advisory lock (see `DataLayer.advisoryLock`) taken before the row is inserted, held until commit. */
  readonly lock?: string | undefined;
  /** Columns (datetimes) set to the database's clock at the moment of insert, after the lock. */
  readonly stamp?: readonly string[] | undefined;
}

/** How an upsert finds the existing row and what it replaces there. */
export interface UpsertSpec {
  /** The conflict target: an identity's keys, or the primary key. */
  readonly keys: readonly string[];
  /** Columns overwritten on an existing row (the others, the primary key included, keep their values). */
  readonly replace: readonly string[];
}

/** Features a layer may support natively; the engine asks before pushing work down. */
export const FEATURES = [
  "transact",
  "savepoints",
  "filter",
  "sort",
  "limit",
  "offset",
  "select",
  "lock",
  "identities",
  "atomics",
  "upsert",
  "calculations",
  "aggregates",
  "exists",
  "limitPer",
  "concurrentTransactions",
  "companions",
] as const;

export type Feature = (typeof FEATURES)[number];

/** A transaction handle; opaque to the engine. */
export interface Transaction {
  readonly id: number;
  /** The enclosing transaction when this one is a savepoint. */
  readonly parent: Transaction | undefined;
}

export interface DataLayer {
  readonly name: string;
  can(feature: Feature): boolean;
  /** Called once when the app is built, with every table the app uses. */
  register(tables: readonly TableSpec[]): Promise<void>;
  read(table: TableSpec, query: DataQuery, tx?: Transaction): Promise<Row[]>;
  /** How many rows match the query's filter (sort, page and calculations are ignored). */
  count(table: TableSpec, query: DataQuery, tx?: Transaction): Promise<number>;
  /**
   * Inserts one row and answers it as stored. A unique conflict throws a `UniqueViolation`. Of the options,
   * only `companions` applies.
   */
  create(table: TableSpec, row: Row, tx?: Transaction, options?: WriteOptions): Promise<Row>;
  /**
   * Inserts several rows of one table at once (a multi-row `INSERT`) and answers them as stored, in input
   * order. All or nothing: any conflict throws and inserts none. Optional; bulk creates use it when present.
   */
  createMany?(table: TableSpec, rows: readonly Row[], tx?: Transaction): Promise<Row[]>;
  /**
   * Inserts a row, or, when a row with the same values of `on` (an identity's keys, or the primary key) exists,
   * updates that row's `replace` columns instead — atomically, as `INSERT ... ON CONFLICT DO UPDATE`.
   */
  upsert(table: TableSpec, row: Row, on: UpsertSpec, tx?: Transaction): Promise<Row>;
  /** Updates the row with this primary key; `null` when it does not exist or does not match `options.filter`. */
  update(
    table: TableSpec,
    key: Row,
    changes: Row,
    tx?: Transaction,
    options?: WriteOptions,
  ): Promise<Row | null>;
  /** Deletes every row of the table (replaying history starts from nothing). Optional. */
  clear?(table: TableSpec, tx?: Transaction): Promise<void>;
  /**
   * Waits for the lock named `key` and holds it until `tx` ends — across processes where the database is
   * shared (PostgreSQL's advisory locks). Optional; event logs use it to keep ids in commit order.
   */
  advisoryLock?(key: string, tx: Transaction): Promise<void>;
  /** Deletes the row with this primary key and answers it; `null` as for `update`. */
  destroy(table: TableSpec, key: Row, tx?: Transaction, options?: WriteOptions): Promise<Row | null>;
  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. With `parent`, a
   * savepoint inside that transaction.
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>, parent?: Transaction): Promise<T>;
  /** Releases connections and files. */
  close(): Promise<void>;
}

/** Thrown by a data layer when a write would break a primary key or an identity. */
export class UniqueViolation extends Error {
  constructor(
    readonly table: string,
    readonly identity: string,
    readonly keys: readonly string[],
  ) {
    super(`${table}: a record with the same ${keys.join(", ")} already exists`);
    this.name = "UniqueViolation";
  }
}

/** Thrown by a data layer when a write points at a record that does not exist (or removes one still pointed at). */
export class ForeignKeyViolation extends Error {
  constructor(
    readonly table: string,
    /** The column holding the reference, when the database says. */
    readonly column: string | undefined,
    detail: string,
  ) {
    super(`${table}: ${detail}`);
    this.name = "ForeignKeyViolation";
  }
}

/** Thrown when the connection to the database is lost; a pool reconnects on its own when the server is back. */
export class ConnectionLost extends Error {
  constructor(cause: unknown) {
    super("the connection to the database was lost; retry once the database is reachable again", { cause });
    this.name = "ConnectionLost";
  }
}

/** Thrown when a transaction waited too long for a row another transaction holds. */
export class LockTimeout extends Error {
  constructor(readonly table: string) {
    super(`${table}: timed out waiting for a row locked by another transaction`);
    this.name = "LockTimeout";
  }
}
