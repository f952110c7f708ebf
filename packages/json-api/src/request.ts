import type { CallInput } from "@ashlar/core";
import type { Context } from "hono";
import type { ApiResource, JsonApiOptions } from "./config.js";
import { type ApiError, apiErrorOf, internal } from "./errors.js";
import { checkAccept, MEDIA_TYPE } from "./negotiation.js";
import { parseQuery, type QueryParams } from "./query/params.js";
import type { Schema } from "./schema.js";

/** What every route handler gets: the API's schema and options, the request's call options and query. */
export interface RouteContext {
  readonly c: Context;
  readonly schema: Schema;
  readonly options: JsonApiOptions;
  readonly prefix: string;
  readonly decl: ApiResource;
  readonly call: CallInput;
  readonly query: QueryParams;
  readonly pageSize: { default: number; max: number };
}

/** A JSON:API response: the media type, and `jsonapi.version` in every document. */
export function document(
  status: number,
  body: Record<string, unknown> | null,
  headers: Record<string, string> = {},
): Response {
  if (body === null) return new Response(null, { status, headers });
  return new Response(JSON.stringify({ jsonapi: { version: "1.1" }, ...body }), {
    status,
    headers: { "content-type": MEDIA_TYPE, ...headers },
  });
}

export function errorResponse(error: ApiError): Response {
  return document(error.status, { errors: error.errors });
}

/**
 * Runs a route: content negotiation, the actor (a hook answering a Response refuses the request), the query,
 * then the handler; any error becomes a JSON:API error document — a 500 with only an id, its cause logged.
 */
export async function handle(
  c: Context,
  base: Omit<RouteContext, "c" | "call" | "query">,
  run: (ctx: RouteContext) => Promise<Response>,
  pointerOf: (field: string) => string = (f) => `/data/attributes/${f}`,
): Promise<Response> {
  try {
    checkAccept(c.req.header("accept"));
    const actor = base.options.actor ? await base.options.actor(c) : undefined;
    if (actor instanceof Response) return actor;
    const context = base.options.context?.(c) ?? {};
    const query = parseQuery(new URL(c.req.url).searchParams);
    return await run({ ...base, c, query, call: { actor, context } });
  } catch (error) {
    const api = apiErrorOf(error, pointerOf, (field) =>
      c.req.query("sort")?.includes(field) ? "sort" : `filter[${field}]`,
    );
    if (api.status === 500) {
      const id = api.errors[0]?.id ?? internal().errors[0]?.id ?? "";
      base.options.onError?.(error, id);
      return errorResponse(api);
    }
    return errorResponse(api);
  }
}
