import { Renderer } from "../document.js";
import { ApiError, apiErrorOf } from "../errors.js";
import { checkContentType, readDocument } from "../negotiation.js";
import { document, type RouteContext } from "../request.js";
import { notFound } from "./read.js";

type Row = Record<string, unknown>;

const isObject = (v: unknown): v is Row => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A request document's data as an action's input: attributes as they are; a to-one relationship's linkage as
 * its foreign key. Answers the input and where each input came from, for error pointers.
 */
function inputOf(ctx: RouteContext, data: Row | undefined): { input: Row; pointers: Map<string, string> } {
  const input: Row = {};
  const pointers = new Map<string, string>();
  if (!data) return { input, pointers };
  if (data.type !== ctx.decl.type)
    throw ApiError.of(
      409,
      "type_mismatch",
      `data.type must be ${ctx.decl.type} here (got ${JSON.stringify(data.type)})`,
      {
        pointer: "/data/type",
      },
    );
  const { attributes, relationships } = data;
  if (attributes !== undefined) {
    if (!isObject(attributes))
      throw ApiError.of(400, "invalid_document", "attributes must be an object", {
        pointer: "/data/attributes",
      });
    Object.assign(input, attributes);
  }
  if (relationships !== undefined) {
    if (!isObject(relationships))
      throw ApiError.of(400, "invalid_document", "relationships must be an object", {
        pointer: "/data/relationships",
      });
    for (const [name, value] of Object.entries(relationships)) {
      const pointer = `/data/relationships/${name}`;
      const rel = ctx.schema.relationship(ctx.decl.resource, name);
      const target = rel && ctx.schema.declOf(rel.destination);
      if (!rel || !target)
        throw ApiError.of(400, "no_such_input", `${name} is not a relationship of ${ctx.decl.type}`, {
          pointer,
        });
      if (rel.kind !== "belongsTo")
        throw ApiError.of(
          400,
          "no_such_input",
          `${name} is changed through ${ctx.decl.path}/:id/relationships/${name}`,
          { pointer },
        );
      const linkage = isObject(value) ? value.data : undefined;
      if (linkage === null) input[rel.sourceAttribute] = null;
      else if (isObject(linkage) && linkage.type === target.type && typeof linkage.id === "string")
        input[rel.sourceAttribute] = ctx.schema.keyOf(target.resource, linkage.id) ?? linkage.id;
      else
        throw ApiError.of(
          400,
          "invalid_document",
          `${name} needs data: { type: "${target.type}", id } or null`,
          { pointer },
        );
      pointers.set(rel.sourceAttribute, pointer);
    }
  }
  return { input, pointers };
}

/** Runs an action, turning its errors into JSON:API errors that point into the request document. */
async function running<T>(pointers: Map<string, string>, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw apiErrorOf(error, (field) => pointers.get(field) ?? `/data/attributes/${field}`);
  }
}

const rendered = (ctx: RouteContext, record: Row) =>
  new Renderer(ctx.schema, ctx.prefix).object(ctx.decl, record);

/** POST /<path>: 201 with the record and its Location; a client-generated id is refused (403). */
export async function post(ctx: RouteContext): Promise<Response> {
  checkContentType(ctx.c.req.header("content-type"));
  const data = await readDocument(ctx.c.req.raw);
  if (!data)
    throw ApiError.of(400, "invalid_document", "the document needs a data object", { pointer: "/data" });
  if (data.id !== undefined)
    throw ApiError.of(403, "client_id", "this API makes its own ids: leave data.id out", {
      pointer: "/data/id",
    });
  const { input, pointers } = inputOf(ctx, data);
  const record = await running(pointers, () =>
    ctx.schema.engine.create(ctx.decl.resource, ctx.decl.routes.post as string, input, ctx.call),
  );
  const object = rendered(ctx, record);
  return document(
    201,
    { data: object },
    { location: new Renderer(ctx.schema, ctx.prefix).selfOf(ctx.decl, object.id) },
  );
}

/** PATCH /<path>/:id and PATCH /<path>/:id/<route>: an update action; the document's id must be the URL's. */
export async function patch(
  ctx: RouteContext,
  id: string,
  action: string,
  bodyRequired: boolean,
): Promise<Response> {
  const hasBody =
    (ctx.c.req.header("content-length") ?? "0") !== "0" || ctx.c.req.header("transfer-encoding");
  if (bodyRequired || hasBody) checkContentType(ctx.c.req.header("content-type"));
  const data = bodyRequired || hasBody ? await readDocument(ctx.c.req.raw) : undefined;
  if (bodyRequired && !data)
    throw ApiError.of(400, "invalid_document", "the document needs a data object", { pointer: "/data" });
  if (data && data.id !== undefined && data.id !== id)
    throw ApiError.of(409, "id_mismatch", `data.id must be the URL's id ${JSON.stringify(id)}`, {
      pointer: "/data/id",
    });
  if (bodyRequired && data && data.id === undefined)
    throw ApiError.of(400, "invalid_document", "data.id is required", { pointer: "/data/id" });
  const { input, pointers } = inputOf(ctx, data);
  const key = ctx.schema.keyOf(ctx.decl.resource, id);
  if (key === undefined) throw notFound(ctx.decl, id);
  const record = await running(pointers, () =>
    ctx.schema.engine.update(ctx.decl.resource, action, key, input, ctx.call),
  );
  return document(200, { data: rendered(ctx, record) });
}

/** DELETE /<path>/:id: 204, no body. */
export async function destroy(ctx: RouteContext, id: string): Promise<Response> {
  const key = ctx.schema.keyOf(ctx.decl.resource, id);
  if (key === undefined) throw notFound(ctx.decl, id);
  await running(new Map(), () =>
    ctx.schema.engine.destroy(ctx.decl.resource, ctx.decl.routes.delete as string, key, {}, ctx.call),
  );
  return document(204, null);
}

/** POST or DELETE /<path>/:id/relationships/<name>: the identifiers' ids go to an update action's argument. */
export async function changeLinks(
  ctx: RouteContext,
  id: string,
  name: string,
  action: string,
  argument: string,
): Promise<Response> {
  checkContentType(ctx.c.req.header("content-type"));
  const rel = ctx.schema.relationship(ctx.decl.resource, name);
  const target = rel && ctx.schema.declOf(rel.destination);
  if (!rel || !target) throw ApiError.of(404, "not_found", `${ctx.decl.type} has no relationship ${name}`);
  const text = await ctx.c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw ApiError.of(400, "invalid_json", "the request body is not valid JSON", { pointer: "" });
  }
  const list = isObject(body) ? body.data : undefined;
  if (
    !Array.isArray(list) ||
    !list.every((i) => isObject(i) && i.type === target.type && typeof i.id === "string")
  )
    throw ApiError.of(400, "invalid_document", `data must be a list of { type: "${target.type}", id }`, {
      pointer: "/data",
    });
  const ids = list.map((i) => ctx.schema.keyOf(target.resource, (i as Row).id as string) ?? (i as Row).id);
  const key = ctx.schema.keyOf(ctx.decl.resource, id);
  if (key === undefined) throw notFound(ctx.decl, id);
  await running(new Map([[argument, "/data"]]), () =>
    ctx.schema.engine.update(ctx.decl.resource, action, key, { [argument]: ids }, ctx.call),
  );
  return document(204, null);
}
