import { randomUUID } from "node:crypto";
import { AshlarError, type LeafError, toAshlarError } from "@ashlar/core";

/** One JSON:API error object. */
export interface ErrorObject {
  readonly id?: string;
  readonly status: string;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly source?: { readonly pointer?: string; readonly parameter?: string };
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  409: "Conflict",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  500: "Internal Server Error",
};

/** An error the API answers as it is: a status and its error objects. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: readonly ErrorObject[],
  ) {
    super(errors.map((e) => e.detail).join("; "));
  }

  static of(
    status: number,
    code: string,
    detail: string,
    source?: { pointer?: string; parameter?: string },
  ): ApiError {
    const title = TITLES[status] ?? "Error";
    return new ApiError(status, [
      { status: String(status), code, title, detail, ...(source ? { source } : {}) },
    ]);
  }

  /** A bad query parameter (400, `source.parameter`). */
  static parameter(parameter: string, detail: string, code = "invalid_parameter"): ApiError {
    return ApiError.of(400, code, detail, { parameter });
  }
}

/** Where in a request document an action's input lives: attributes, or a relationship by its key. */
export type PointerOf = (field: string) => string;

/** Codes of leaf errors that mean the request itself is malformed (400) rather than invalid (422). */
const BAD_REQUEST = new Set([
  "no_such_input",
  "invalid_filter",
  "invalid_sort",
  "invalid_load",
  "invalid_page",
]);

/** The HTTP status of one leaf error. */
function statusOf(leaf: LeafError): number {
  if (leaf.class === "forbidden") return 403;
  if (leaf.code === "not_found") return 404;
  if (leaf.code === "stale_record") return 409;
  if (BAD_REQUEST.has(leaf.code)) return 400;
  if (leaf.class === "invalid") return 422;
  return 500;
}

/**
 * An ashlar error as a JSON:API answer. Forbidden wins (403), as in the engine; a record you may not read is
 * not found (404); a malformed request 400; validation problems 422, one object per problem with a pointer
 * into the document; anything else is a 500 with only an id to look up in the logs.
 */
export function apiErrorOf(
  error: unknown,
  pointerOf: PointerOf,
  parameterOf?: (field: string) => string,
): ApiError {
  if (error instanceof ApiError) return error;
  if (!(error instanceof AshlarError)) return internal();
  const ashlar = toAshlarError(error);
  const leaves = ashlar.errors;
  const statuses = leaves.map(statusOf);
  if (statuses.includes(500) || leaves.length === 0) return internal();
  const status = statuses.includes(403)
    ? 403
    : statuses.includes(404)
      ? 404
      : statuses.includes(400)
        ? 400
        : statuses.includes(409)
          ? 409
          : 422;
  const shown = leaves.filter((_, i) => statuses[i] === status);
  return new ApiError(
    status,
    shown.map((leaf) => {
      const field = leaf.field;
      const source =
        field === undefined
          ? undefined
          : leaf.code === "invalid_filter" || leaf.code === "invalid_page" || leaf.code === "invalid_sort"
            ? { parameter: parameterOf?.(field) ?? field }
            : { pointer: pointerOf(field) };
      return {
        status: String(status),
        code: leaf.code,
        title: TITLES[status] ?? "Error",
        detail: field === undefined ? leaf.message : `${field} ${leaf.message}`,
        ...(source ? { source } : {}),
      };
    }),
  );
}

/** A 500 answered with an id only: the cause goes to the logs, never to the client. */
export function internal(id: string = randomUUID()): ApiError {
  return new ApiError(500, [
    { id, status: "500", code: "internal_error", title: "Internal Server Error", detail: `error id ${id}` },
  ]);
}
