import type { AnyResource, Expr } from "@ashlar/core";
import { ApiError } from "../errors.js";
import type { Schema } from "../schema.js";
import { filterExpr } from "./filter.js";
import type { QueryParams } from "./params.js";

type Load = (string | Record<string, Load>)[];

/** A read as the engine takes it, from a request's query parameters (each one checked). */
export interface ReadPlan {
  readonly filter: Expr | undefined;
  readonly sort: string[];
  readonly load: Load;
  /** Sparse fieldsets by type: only these members are rendered. */
  readonly fields: ReadonlyMap<string, ReadonlySet<string>>;
  /** The include paths, for collecting `included`. */
  readonly include: readonly (readonly string[])[];
  readonly page: { limit: number; offset?: number; after?: string; before?: string; count: boolean };
}

/** `fields[type]=a,b`: each type must be one of the API's, each name one of its members. */
function fieldsOf(schema: Schema, params: QueryParams): Map<string, Set<string>> {
  const fields = new Map<string, Set<string>>();
  for (const [type, list] of Object.entries(params.fields)) {
    const decl = schema.declOfType(type);
    const parameter = `fields[${type}]`;
    if (!decl) throw ApiError.parameter(parameter, `${type} is not a type of this API`);
    const names = list === "" ? [] : list.split(",");
    const members = new Set([
      ...schema.attributes(decl.resource),
      ...schema.computed(decl.resource),
      ...schema.relationships(decl.resource).map((r) => r.name),
    ]);
    for (const n of names)
      if (!members.has(n))
        throw ApiError.parameter(parameter, `${n} is not a field of ${type}`, "invalid_fields");
    fields.set(type, new Set(names));
  }
  return fields;
}

/** `include=a,b.c`: every segment a relationship the API shows. */
function includeOf(schema: Schema, resource: AnyResource, include: string | undefined): string[][] {
  if (include === undefined || include === "") return [];
  return include.split(",").map((path) => {
    const segments = path.split(".");
    let here = resource;
    for (const segment of segments) {
      const rel = schema.relationship(here, segment);
      if (!rel || !schema.declOf(rel.destination))
        throw ApiError.parameter(
          "include",
          `${path}: ${segment} is not a relationship of ${here.name}`,
          "invalid_include",
        );
      here = rel.destination;
    }
    return segments;
  });
}

/** The engine's load: the computed fields asked for at each level, and the included relationships. */
function loadOf(
  schema: Schema,
  resource: AnyResource,
  paths: readonly (readonly string[])[],
  fields: Map<string, Set<string>>,
): Load {
  const decl = schema.declOf(resource);
  const computed = new Set(schema.computed(resource));
  const load: Load = [...(fields.get(decl?.type ?? "") ?? [])].filter((f) => computed.has(f));
  const children = new Map<string, string[][]>();
  for (const [first, ...rest] of paths) {
    if (first === undefined) continue;
    const list = children.get(first) ?? [];
    if (rest.length) list.push(rest);
    children.set(first, list);
  }
  for (const [name, rest] of children) {
    const destination = schema.relationship(resource, name)?.destination as AnyResource;
    load.push({ [name]: loadOf(schema, destination, rest, fields) });
  }
  return load;
}

function sortOf(schema: Schema, resource: AnyResource, sort: string | undefined): string[] {
  if (sort === undefined || sort === "") return [];
  return sort.split(",").map((key) => {
    const field = key.startsWith("-") ? key.slice(1) : key;
    if (!schema.field(resource, field))
      throw ApiError.parameter(
        "sort",
        `${field} is not a field of ${resource.name} to sort on`,
        "invalid_sort",
      );
    return key;
  });
}

const PAGE_KEYS = new Set(["limit", "offset", "after", "before", "count"]);

function pageOf(
  page: Readonly<Record<string, string>>,
  size: { default: number; max: number },
): ReadPlan["page"] {
  for (const key of Object.keys(page))
    if (!PAGE_KEYS.has(key))
      throw ApiError.parameter(
        `page[${key}]`,
        "use page[limit], page[offset], page[after], page[before] or page[count]",
      );
  const whole = (key: string, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const value = page[key];
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
      throw ApiError.parameter(
        `page[${key}]`,
        `must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ""}`,
        "invalid_page",
      );
    return Number(value);
  };
  const limit = whole("limit", 1, size.max) ?? size.default;
  const offset = whole("offset", 0);
  const count = page.count;
  if (count !== undefined && count !== "true" && count !== "false")
    throw ApiError.parameter("page[count]", "must be true or false", "invalid_page");
  if (page.after !== undefined && page.before !== undefined)
    throw ApiError.parameter("page[before]", "give page[after] or page[before], not both", "invalid_page");
  if (offset !== undefined && (page.after !== undefined || page.before !== undefined))
    throw ApiError.parameter(
      "page[offset]",
      "page[offset] does not mix with page[after] or page[before]",
      "invalid_page",
    );
  return {
    limit,
    ...(offset === undefined ? {} : { offset }),
    ...(page.after === undefined ? {} : { after: page.after }),
    ...(page.before === undefined ? {} : { before: page.before }),
    count: count === "true",
  };
}

/** Checks and turns a request's query parameters into a read of `resource`. */
export function readPlan(
  schema: Schema,
  resource: AnyResource,
  params: QueryParams,
  size: { default: number; max: number },
  list: boolean,
): ReadPlan {
  const fields = fieldsOf(schema, params);
  const include = includeOf(schema, resource, params.include);
  if (!list && (params.filter || params.sort !== undefined || Object.keys(params.page).length))
    throw ApiError.parameter(
      params.filter ? "filter" : params.sort !== undefined ? "sort" : "page",
      "a single record takes no filter, sort or page",
    );
  return {
    filter: params.filter ? filterExpr(schema, resource, params.filter) : undefined,
    sort: sortOf(schema, resource, params.sort),
    load: loadOf(schema, resource, include, fields),
    fields,
    include,
    page: pageOf(params.page, size),
  };
}
