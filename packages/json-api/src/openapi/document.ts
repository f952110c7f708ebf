import type { AnyAttribute } from "@ashlar/core";
import type { ApiResource } from "../config.js";
import { MEDIA_TYPE } from "../negotiation.js";
import type { FieldInfo, Schema } from "../schema.js";

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A field's JSON Schema, from its type's name. */
function schemaOfType(
  info: { type: string; enumValues?: readonly string[] | undefined },
  nullable: boolean,
): Json {
  const base: Json = (() => {
    switch (info.type) {
      case "integer":
        return { type: "integer" };
      case "float":
        return { type: "number" };
      case "decimal":
        return { type: "string", pattern: "^-?\\d+(\\.\\d+)?$" };
      case "boolean":
        return { type: "boolean" };
      case "datetime":
        return { type: "string", format: "date-time" };
      case "date":
        return { type: "string", format: "date" };
      case "uuid":
      case "uuidv7":
        return { type: "string", format: "uuid" };
      case "array":
        return { type: "array" };
      case "map":
      case "json":
      case "embedded":
        return { type: "object" };
      default:
        return info.enumValues ? { type: "string", enum: [...info.enumValues] } : { type: "string" };
    }
  })();
  if (!nullable) return base;
  if (base.enum) return { ...base, type: ["string", "null"], enum: [...(base.enum as string[]), null] };
  return { ...base, type: [base.type as string, "null"] };
}

/** A resource's schema: its resource object, with attributes and relationships. */
function resourceSchema(schema: Schema, decl: ApiResource): Json {
  const attrs = decl.resource.attributes as Record<string, AnyAttribute>;
  const properties: Json = {};
  for (const name of schema.attributes(decl.resource))
    properties[name] = schemaOfType(
      schema.field(decl.resource, name) as FieldInfo,
      attrs[name]?.config.optional ?? true,
    );
  for (const name of schema.computed(decl.resource)) {
    const info = schema.field(decl.resource, name) as FieldInfo;
    properties[name] = {
      ...schemaOfType(info, true),
      description: `${info.kind}; returned only when asked for with fields[${decl.type}]`,
    };
  }
  const relationships: Json = {};
  for (const rel of schema.relationships(decl.resource)) {
    const target = schema.declOf(rel.destination) as ApiResource;
    const identifier = {
      type: "object",
      properties: { type: { const: target.type }, id: { type: "string" } },
      required: ["type", "id"],
    };
    const many = rel.kind === "hasMany" || rel.kind === "manyToMany";
    relationships[rel.name] = {
      type: "object",
      properties: {
        data: many ? { type: "array", items: identifier } : { oneOf: [identifier, { type: "null" }] },
        links: { type: "object" },
      },
    };
  }
  return {
    type: "object",
    required: ["type", "id"],
    properties: {
      type: { const: decl.type },
      id: { type: "string" },
      attributes: { type: "object", properties },
      relationships: { type: "object", properties: relationships },
      links: { type: "object" },
      meta: { type: "object" },
    },
  };
}

const parameters = {
  filter: {
    name: "filter",
    in: "query",
    style: "deepObject",
    explode: true,
    schema: { type: "object" },
    description:
      "filter[field]=value or filter[field][op]=value (op: eq notEq in isNil lt lte gt gte contains); paths through relationships; and / or / not",
  },
  sort: {
    name: "sort",
    in: "query",
    schema: { type: "string" },
    description: "comma-separated fields, - for descending",
  },
  include: {
    name: "include",
    in: "query",
    schema: { type: "string" },
    description: "comma-separated relationship paths",
  },
  fields: {
    name: "fields",
    in: "query",
    style: "deepObject",
    explode: true,
    schema: { type: "object" },
    description: "fields[type]=a,b",
  },
  page: {
    name: "page",
    in: "query",
    style: "deepObject",
    explode: true,
    schema: {
      type: "object",
      properties: {
        limit: { type: "integer" },
        offset: { type: "integer" },
        after: { type: "string" },
        before: { type: "string" },
        count: { type: "boolean" },
      },
    },
  },
};

const content = (schema: Json) => ({ content: { [MEDIA_TYPE]: { schema } } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [String(s), { description: `error ${s}`, ...content(ref("errors")) }]),
  );
const single = (type: string) => ({
  type: "object",
  required: ["data"],
  properties: {
    data: ref(type),
    included: { type: "array" },
    jsonapi: { type: "object" },
    links: { type: "object" },
  },
});
const many = (type: string) => ({
  type: "object",
  required: ["data"],
  properties: {
    data: { type: "array", items: ref(type) },
    included: { type: "array" },
    jsonapi: { type: "object" },
    links: { type: "object" },
    meta: { type: "object" },
  },
});
const body = (type: string) => ({
  required: true,
  ...content({
    type: "object",
    required: ["data"],
    properties: {
      data: {
        type: "object",
        properties: {
          type: { const: type },
          id: { type: "string" },
          attributes: { type: "object" },
          relationships: { type: "object" },
        },
      },
    },
  }),
});
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };

/** The OpenAPI 3.1 document of the API: a schema per resource, every route with its parameters and errors. */
export function openApiDocument(
  schema: Schema,
  prefix: string,
  info: { title: string; version: string },
): Json {
  const paths: Record<string, Json> = {};
  const at = (path: string) => {
    paths[path] ??= {};
    return paths[path] as Json;
  };
  const read = [parameters.include, parameters.fields];
  for (const decl of schema.resources) {
    const { type, routes } = decl;
    const root = `${prefix}/${decl.path}`;
    const op = (summary: string, extra: Json) => ({
      summary,
      tags: [type],
      security: [{ bearer: [] }],
      ...extra,
    });
    if (routes.index)
      at(root).get = op(`list ${type} records`, {
        operationId: `list-${type}`,
        parameters: [parameters.filter, parameters.sort, ...read, parameters.page],
        responses: { "200": { description: "a page", ...content(many(type)) }, ...errors(400, 401, 406) },
      });
    if (routes.post)
      at(root).post = op(`create a ${type} (${routes.post})`, {
        operationId: `create-${type}`,
        requestBody: body(type),
        responses: {
          "201": { description: "created", ...content(single(type)) },
          ...errors(400, 401, 403, 409, 415, 422),
        },
      });
    if (routes.get)
      at(`${root}/{id}`).get = op(`one ${type}`, {
        operationId: `get-${type}`,
        parameters: [idParam, ...read],
        responses: {
          "200": { description: "the record", ...content(single(type)) },
          ...errors(400, 401, 404),
        },
      });
    if (routes.patch)
      at(`${root}/{id}`).patch = op(`update a ${type} (${routes.patch})`, {
        operationId: `update-${type}`,
        parameters: [idParam],
        requestBody: body(type),
        responses: {
          "200": { description: "updated", ...content(single(type)) },
          ...errors(400, 401, 403, 404, 409, 415, 422),
        },
      });
    if (routes.delete)
      at(`${root}/{id}`).delete = op(`delete a ${type} (${routes.delete})`, {
        operationId: `delete-${type}`,
        parameters: [idParam],
        responses: { "204": { description: "deleted" }, ...errors(401, 403, 404) },
      });
    for (const [route, action] of Object.entries(routes.member ?? {}))
      at(`${root}/{id}/${route}`).patch = op(`${route} a ${type} (${action})`, {
        operationId: `${route}-${type}`,
        parameters: [idParam],
        requestBody: { ...body(type), required: false },
        responses: {
          "200": { description: "updated", ...content(single(type)) },
          ...errors(400, 401, 403, 404, 409, 415, 422),
        },
      });
    for (const name of routes.related ?? [])
      at(`${root}/{id}/${name}`).get = op(`the ${name} of a ${type}`, {
        operationId: `${type}-${name}`,
        parameters: [idParam, ...read],
        responses: { "200": { description: "related records" }, ...errors(400, 401, 404) },
      });
    for (const [name, rel] of Object.entries(routes.relationships ?? {})) {
      const path = at(`${root}/{id}/relationships/${name}`);
      const linkage = { ...content({ type: "object", properties: { data: { type: "array" } } }) };
      path.get = op(`the ${name} linkage of a ${type}`, {
        operationId: `${type}-${name}-linkage`,
        parameters: [idParam],
        responses: { "200": { description: "linkage", ...linkage }, ...errors(401, 404) },
      });
      if (rel.post)
        path.post = op(`add ${name} (${rel.post})`, {
          operationId: `${type}-${name}-add`,
          parameters: [idParam],
          requestBody: { required: true, ...linkage },
          responses: { "204": { description: "added" }, ...errors(400, 401, 403, 404, 415, 422) },
        });
      if (rel.delete)
        path.delete = op(`remove ${name} (${rel.delete})`, {
          operationId: `${type}-${name}-remove`,
          parameters: [idParam],
          requestBody: { required: true, ...linkage },
          responses: { "204": { description: "removed" }, ...errors(400, 401, 403, 404, 415, 422) },
        });
    }
  }
  const schemas: Json = {
    errors: {
      type: "object",
      required: ["errors"],
      properties: {
        errors: {
          type: "array",
          items: {
            type: "object",
            properties: {
              id: { type: "string" },
              status: { type: "string" },
              code: { type: "string" },
              title: { type: "string" },
              detail: { type: "string" },
              source: { type: "object" },
            },
          },
        },
      },
    },
  };
  for (const decl of schema.resources) schemas[decl.type] = resourceSchema(schema, decl);
  return {
    openapi: "3.1.0",
    info,
    paths,
    components: { schemas, securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
  };
}
