import type { TableSpec } from "@ashlar/core";
import { qualifiedName, quoteIdent, SqlParams } from "./params.js";

export interface SqlCompilationOptions {
  /** The schema holding the tables (default: none, so the search_path decides). */
  readonly schema?: string | undefined;
  /**
   * How a table is named in SQL, when the default will not do; answer a quoted name. By default a
   * context-multitenant table with a tenant lives in the tenant's schema, any other in `schema`.
   */
  readonly tableName?: ((table: TableSpec) => string) | undefined;
  /** The schema where `ashlar_error` is installed (see `ASHLAR_ERROR_FUNCTION`); default: the search_path. */
  readonly functionSchema?: string | undefined;
  /**
   * A fixed "now" (a canonical datetime) sent as a parameter, instead of the database's `now()` (the start of
   * the transaction). Either way one statement sees one instant, as one in-memory evaluation does.
   */
  readonly now?: string | undefined;
}

/**
 * One statement being compiled: its parameters, the table aliases handed out so far, and how tables are
 * named. Expressions compiled for the same statement must share one compilation, so `$n` stays unique.
 *
 * @example
 * const compilation = new SqlCompilation({ schema: "app" });
 * const scope = compilation.scope(postsTable);
 * const where = compileExpr(expr`status == "open"`, scope);
 * await client.query(`SELECT * FROM ${compilation.tableName(postsTable)} AS ${quoteIdent(scope.alias)} WHERE ${where}`, compilation.params.values);
 */
export class SqlCompilation {
  readonly params = new SqlParams();
  private readonly aliases = new Set<string>();
  private aliasCount = 0;

  constructor(readonly options: SqlCompilationOptions = {}) {}

  /**
   * A table alias not used before in this statement: t0, t1, ... Aliases the caller writes into the statement
   * itself must be declared through `scope(table, alias)`, so they are never handed out again.
   */
  nextAlias(): string {
    let alias: string;
    do alias = `t${this.aliasCount++}`;
    while (this.aliases.has(alias));
    this.aliases.add(alias);
    return alias;
  }

  /** The scope of a table in this statement; `alias` defaults to a fresh one. */
  scope(table: TableSpec, alias?: string, outer?: SqlScope): SqlScope {
    if (alias !== undefined) this.aliases.add(alias);
    return { alias: alias ?? this.nextAlias(), table, outer, compilation: this };
  }

  /** The quoted, qualified name of a table. */
  tableName(table: TableSpec): string {
    if (this.options.tableName) return this.options.tableName(table);
    const tenantSchema = table.multitenancy === "context" ? table.tenant : undefined;
    return qualifiedName(table.table, tenantSchema ?? this.options.schema);
  }

  /** Adds a parameter and answers it cast to a SQL type: `$3::numeric`. */
  param(value: unknown, sqlType: string): string {
    return `${this.params.add(value)}::${sqlType}`;
  }

  /** The name of a SQL helper function installed by the data layer (such as `ashlar_error`). */
  functionName(name: string): string {
    return qualifiedName(name, this.options.functionSchema);
  }
}

/**
 * Where an expression is compiled: the alias and table of the current row, and the enclosing scope (the outer
 * row inside `exists` and aggregates, which `parent(...)` refers to).
 */
export interface SqlScope {
  readonly alias: string;
  readonly table: TableSpec;
  readonly outer: SqlScope | undefined;
  readonly compilation: SqlCompilation;
}

/** A column of the scope's row: `"t0"."title"`. */
export const columnOf = (scope: SqlScope, column: string): string =>
  `${quoteIdent(scope.alias)}.${quoteIdent(column)}`;
