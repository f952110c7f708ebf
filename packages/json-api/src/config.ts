import type { AnyResource } from "@ashlar/core";
import type { Context } from "hono";

/** The routes of one resource, each naming the action it runs. */
export interface Routes {
  /** GET /<path>: a read action (a list, paged). */
  readonly index?: string;
  /** GET /<path>/:id: a read action. */
  readonly get?: string;
  /** POST /<path>: a create action. */
  readonly post?: string;
  /** PATCH /<path>/:id: an update action. */
  readonly patch?: string;
  /** DELETE /<path>/:id: a destroy action. */
  readonly delete?: string;
  /** PATCH /<path>/:id/<name>: update actions by route name (`close: "close"`). */
  readonly member?: Readonly<Record<string, string>>;
  /** GET /<path>/:id/<relationship>: the related records, read through the destination's read action. */
  readonly related?: readonly string[];
  /**
   * /<path>/:id/relationships/<relationship>: GET the linkage; POST and DELETE run update actions that take the
   * given resource identifiers' ids as the argument `argument`.
   */
  /**
   * GET routes first ask `engine.can`: an actor the read's policies could never allow gets a 403 instead of
   * an empty list (for resources whose very reading is restricted, such as an event log).
   */
  readonly forbidUnreadable?: boolean;
  readonly relationships?: Readonly<
    Record<string, { readonly post?: string; readonly delete?: string; readonly argument: string }>
  >;
}

/** A resource as the API shows it. */
export interface ApiResource {
  readonly resource: AnyResource;
  /** The JSON:API type (default: the resource's name). */
  readonly type: string;
  /** The URL segment (default: the type with an "s"). */
  readonly path: string;
  readonly routes: Routes;
}

/** Declares a resource of the API. */
export function apiResource(
  resource: AnyResource,
  options: { type?: string; path?: string; routes: Routes },
): ApiResource {
  const type = options.type ?? resource.name;
  return { resource, type, path: options.path ?? `${type}s`, routes: options.routes };
}

/** Something a request handler hook may answer to stop the request (a 401, say). */
export type Refusal = Response;

export interface JsonApiOptions {
  readonly resources: readonly ApiResource[];
  /** Where the API is mounted (default "/api/json"). Links are absolute paths under it. */
  readonly prefix?: string;
  /** The actor of a request (from a bearer token, say), or a Response refusing it (a 401). */
  readonly actor?: (c: Context) => Promise<unknown>;
  /** Values for the call context of every action of a request (event metadata, request ids). */
  readonly context?: (c: Context) => Record<string, unknown>;
  /** Page sizes (default 25, at most 100). */
  readonly pageSize?: { readonly default?: number; readonly max?: number };
  /** The OpenAPI document: served at `<prefix><path>` without authentication. */
  readonly openApi?: { readonly title: string; readonly version: string; readonly path?: string };
  /** Told of every unexpected error (the response carries only its id). */
  readonly onError?: (error: unknown, id: string) => void;
}
