import type { TableSpec } from "../data-layer/contract.js";
import type { Expr } from "../expressions/ast.js";
import { evaluate } from "../expressions/evaluate.js";
import { builtinFunctions } from "../expressions/functions/index.js";

type Row = Record<string, unknown>;

/** Functions whose value the database decides (its clock), so memory cannot answer for it. */
const DATABASE_DECIDES = new Set(["now", "today"]);

/**
 * Whether a normalised condition reads nothing but the record's own columns, every one of them set in
 * `record`: then it is decided in memory exactly as the database would decide it on the inserted row (the
 * evaluator and the SQL compiler agree on such expressions — the differential test checks thousands a run).
 */
function readsOnly(expr: Expr, table: TableSpec, record: Row): boolean {
  switch (expr.kind) {
    case "literal":
      return true;
    case "ref": {
      const column = table.columns.get(expr.name);
      return (
        !expr.path.length && !expr.args && column !== undefined && !column.generated && expr.name in record
      );
    }
    case "op":
      return readsOnly(expr.left, table, record) && readsOnly(expr.right, table, record);
    case "not":
      return readsOnly(expr.operand, table, record);
    case "call":
      return (
        builtinFunctions.has(expr.name) &&
        !DATABASE_DECIDES.has(expr.name) &&
        expr.args.every((a) => readsOnly(a, table, record))
      );
    default:
      return false;
  }
}

/**
 * A create's write condition (a policy's filter) decided on the would-be record in memory: true or false, or
 * undefined when it needs the database (related records, aggregates, columns the database fills in), in which
 * case it is counted after the insert, inside the transaction.
 */
export function decideOnRecord(filter: Expr, table: TableSpec, record: Row): boolean | undefined {
  if (!readsOnly(filter, table, record)) return undefined;
  try {
    return (
      evaluate(filter, {
        get: (r) => record[r.name],
        typeOf: (r) => table.columns.get(r.name)?.type,
      }) === true
    );
  } catch {
    return undefined;
  }
}
