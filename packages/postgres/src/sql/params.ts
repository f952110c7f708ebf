/**
 * Parameters and identifiers: the only two ways anything from outside reaches SQL text. Values always travel
 * as parameters (`$1`, `$2`, ...), never spliced into the text; names are always quoted.
 */

/** Collects the values of one statement and hands out their placeholders in order. */
export class SqlParams {
  readonly values: unknown[] = [];

  /** Adds a value and answers its placeholder, `$n`. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Quotes an identifier (a table, column, schema or alias name) as PostgreSQL reads it: in double quotes, with
 * inner double quotes doubled, so any name is taken literally and case is kept.
 *
 * @example quoteIdent('order') // '"order"'
 */
export function quoteIdent(name: string): string {
  let quoted = quotedNames.get(name);
  if (quoted === undefined) {
    if (name.length === 0 || name.includes("\u0000")) {
      throw new Error(`${JSON.stringify(name)} cannot be a SQL identifier`);
    }
    quoted = `"${name.replaceAll('"', '""')}"`;
    // Names come from definitions (columns, tables, aliases): a bounded set; the bound only guards misuse.
    if (quotedNames.size > 10_000) quotedNames.clear();
    quotedNames.set(name, quoted);
  }
  return quoted;
}

const quotedNames = new Map<string, string>();

/** A table name, schema-qualified when a schema is given: `"app"."posts"`. */
export function qualifiedName(table: string, schema?: string): string {
  return schema === undefined ? quoteIdent(table) : `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
