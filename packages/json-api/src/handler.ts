import type { AppCore } from "@ashlar/core";
import { Hono } from "hono";
import type { ApiResource, JsonApiOptions } from "./config.js";
import { ApiError } from "./errors.js";
import { openApiDocument } from "./openapi/document.js";
import { errorResponse, handle, type RouteContext } from "./request.js";
import { index, related, show } from "./routes/read.js";
import { changeLinks, destroy, patch, post } from "./routes/write.js";
import { Schema } from "./schema.js";

/**
 * The JSON:API 1.1 interface of an app, as a Hono app (a web-standard fetch handler): mount it, or serve it
 * with `@hono/node-server`. Every route runs an action through the engine, so policies, validations and the
 * event log hold here as everywhere.
 */
export function jsonApi(app: AppCore, options: JsonApiOptions): Hono {
  const prefix = options.prefix ?? "/api/json";
  const schema = new Schema(app.engine, options.resources);
  const pageSize = { default: options.pageSize?.default ?? 25, max: options.pageSize?.max ?? 100 };
  const api = new Hono();
  const base = (decl: ApiResource) => ({ schema, options, prefix, decl, pageSize });
  const on =
    (decl: ApiResource, run: (ctx: RouteContext) => Promise<Response>) => (c: Parameters<typeof handle>[0]) =>
      handle(c, base(decl), run);

  if (options.openApi) {
    const doc = openApiDocument(schema, prefix, options.openApi);
    api.get(`${prefix}${options.openApi.path ?? "/open-api.json"}`, (c) => c.json(doc));
  }

  for (const decl of options.resources) {
    const { routes } = decl;
    const root = `${prefix}/${decl.path}`;
    if (routes.index) api.get(root, on(decl, index));
    if (routes.post) api.post(root, on(decl, post));
    if (routes.get ?? routes.index) {
      if (routes.get)
        api.get(
          `${root}/:id`,
          on(decl, (ctx) => show(ctx, ctx.c.req.param("id") as string)),
        );
      for (const name of routes.related ?? [])
        api.get(
          `${root}/:id/${name}`,
          on(decl, (ctx) => related(ctx, ctx.c.req.param("id") as string, name, false)),
        );
    }
    for (const [name, rel] of Object.entries(routes.relationships ?? {})) {
      const path = `${root}/:id/relationships/${name}`;
      api.get(
        path,
        on(decl, (ctx) => related(ctx, ctx.c.req.param("id") as string, name, true)),
      );
      if (rel.post)
        api.post(
          path,
          on(decl, (ctx) =>
            changeLinks(ctx, ctx.c.req.param("id") as string, name, rel.post as string, rel.argument),
          ),
        );
      if (rel.delete)
        api.delete(
          path,
          on(decl, (ctx) =>
            changeLinks(ctx, ctx.c.req.param("id") as string, name, rel.delete as string, rel.argument),
          ),
        );
    }
    if (routes.patch)
      api.patch(
        `${root}/:id`,
        on(decl, (ctx) => patch(ctx, ctx.c.req.param("id") as string, routes.patch as string, true)),
      );
    for (const [route, action] of Object.entries(routes.member ?? {}))
      api.patch(
        `${root}/:id/${route}`,
        on(decl, (ctx) => patch(ctx, ctx.c.req.param("id") as string, action, false)),
      );
    if (routes.delete)
      api.delete(
        `${root}/:id`,
        on(decl, (ctx) => destroy(ctx, ctx.c.req.param("id") as string)),
      );
  }

  api.notFound((c) =>
    errorResponse(
      c.req.path.startsWith(prefix)
        ? ApiError.of(404, "no_route", `no route ${c.req.method} ${c.req.path}`)
        : ApiError.of(404, "not_found", `nothing at ${c.req.path}`),
    ),
  );
  api.onError((error, c) => {
    const response = errorResponse(ApiError.of(500, "internal_error", "an unexpected error"));
    options.onError?.(error, c.req.path);
    return response;
  });
  return api;
}
