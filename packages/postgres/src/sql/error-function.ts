import { ExpressionError } from "@ashlar/core";
import { qualifiedName } from "./params.js";

/** The SQLSTATE `ashlar_error` raises with, so a data layer can tell an expression's error from others. */
export const ASHLAR_ERROR_SQLSTATE = "ASH01";

/**
 * The DDL of `ashlar_error(message, details)`, the SQL side of `error(...)` in expressions: it raises with
 * SQLSTATE ASH01, the message (nil: "error") and the details as JSON in the error's DETAIL (nil: {}; a value
 * that is not a map: {"value": ...}), as the evaluator's ExpressionError carries them. VOLATILE, so PostgreSQL
 * never runs it ahead of time while planning; it only runs when a CASE branch holding it is taken. The data
 * layer installs it once (CREATE OR REPLACE, so running it again is harmless).
 */
export function ashlarErrorFunctionSql(schema?: string): string {
  return `CREATE OR REPLACE FUNCTION ${qualifiedName("ashlar_error", schema)}(message text, details jsonb DEFAULT NULL)
RETURNS text LANGUAGE plpgsql VOLATILE AS $ashlar$
BEGIN
  RAISE EXCEPTION USING
    ERRCODE = '${ASHLAR_ERROR_SQLSTATE}',
    MESSAGE = coalesce(message, 'error'),
    DETAIL = CASE
      WHEN details IS NULL OR details = 'null'::jsonb THEN '{}'
      WHEN jsonb_typeof(details) = 'object' THEN details::text
      ELSE jsonb_build_object('value', details)::text
    END;
END
$ashlar$`;
}

/**
 * The ExpressionError an expression's `error(...)` raised in the database, read from a driver's error (both
 * drivers report `code`, `message` and `detail`); undefined for any other error.
 */
export function expressionErrorOf(error: unknown): ExpressionError | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, message, detail } = error as { code?: unknown; message?: unknown; detail?: unknown };
  if (code !== ASHLAR_ERROR_SQLSTATE) return undefined;
  let details: Record<string, unknown> = {};
  try {
    const parsed: unknown = typeof detail === "string" ? JSON.parse(detail) : {};
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
      details = parsed as Record<string, unknown>;
  } catch {
    // A detail that is not JSON (raised by other code with our SQLSTATE): keep the message only.
  }
  return new ExpressionError(typeof message === "string" ? message : "error", details);
}
