import { type AnyResource, lit, op, type Page, ref } from "@ashlar/core";
import type { ApiResource } from "../config.js";
import { Renderer } from "../document.js";
import { ApiError } from "../errors.js";
import { readPlan } from "../query/read-plan.js";
import { document, type RouteContext } from "../request.js";

type Row = Record<string, unknown>;

/** The read action for one record: the `get` route's, else the `index` route's. */
const getActionOf = (decl: ApiResource) => decl.routes.get ?? decl.routes.index;

/** `<pk> == id`, with the id cast for integer keys; an id that cannot be a key is not found. */
export function keyFilter(ctx: RouteContext, resource: AnyResource, id: string) {
  const key = ctx.schema.keyOf(resource, id);
  if (key === undefined) throw notFound(ctx.decl, id);
  return op("==", ref(resource.primaryKey[0] as string), lit(key));
}

export const notFound = (decl: ApiResource, id: string) =>
  ApiError.of(404, "not_found", `${decl.type} ${JSON.stringify(id)} was not found`);

/** Reads one record the actor may see, with the plan's loads; not found (404) otherwise. */
export async function readOne(ctx: RouteContext, id: string, load: unknown[]): Promise<Row> {
  const { decl } = ctx;
  const action = getActionOf(decl) as string;
  const [record] = await ctx.schema.engine.read(decl.resource, action, {
    ...ctx.call,
    filter: keyFilter(ctx, decl.resource, id),
    load: load as never,
  });
  if (!record) throw notFound(decl, id);
  return record;
}

/** The URL of this list with other page parameters (brackets left readable, values encoded). */
function pageLink(ctx: RouteContext, page: Record<string, string | number | undefined>): string {
  const url = new URL(ctx.c.req.url);
  const kept = url.search
    .slice(1)
    .split("&")
    .filter((part) => part !== "" && !decodeURIComponent(part.split("=")[0] ?? "").startsWith("page["));
  for (const [k, v] of Object.entries(page))
    if (v !== undefined) kept.push(`page[${k}]=${encodeURIComponent(String(v))}`);
  return `${url.pathname}${kept.length ? `?${kept.join("&")}` : ""}`;
}

/** The next and previous links: present exactly when there is such a page (keyset pages keep using cursors). */
function pageLinks(
  ctx: RouteContext,
  page: Page<Row>,
  plan: ReturnType<typeof readPlan>,
): Record<string, string> {
  const links: Record<string, string> = { self: pageLink(ctx, ctxPage(plan)) };
  const { limit, offset, after, before, count } = plan.page;
  const keep = { limit, ...(count ? { count: "true" } : {}) };
  if (after !== undefined || before !== undefined) {
    const forward = after !== undefined;
    const more = page.hasMore;
    if ((forward ? more : true) && page.endCursor)
      links.next = pageLink(ctx, { ...keep, after: page.endCursor });
    if ((forward ? true : more) && page.startCursor)
      links.prev = pageLink(ctx, { ...keep, before: page.startCursor });
    return links;
  }
  const from = offset ?? 0;
  if (page.hasMore) links.next = pageLink(ctx, { ...keep, offset: from + limit });
  if (from > 0) links.prev = pageLink(ctx, { ...keep, offset: Math.max(0, from - limit) });
  return links;
}

const ctxPage = (plan: ReturnType<typeof readPlan>) => {
  const { limit, offset, after, before, count } = plan.page;
  return { limit, offset, after, before, ...(count ? { count: "true" } : {}) };
};

/** With `forbidUnreadable`: a 403 when the actor may never run this read (else reads filter as usual). */
async function assertCanRead(ctx: RouteContext, action: string): Promise<void> {
  if (!ctx.decl.routes.forbidUnreadable) return;
  if (!(await ctx.schema.engine.can(ctx.decl.resource, action, ctx.call)))
    throw ApiError.of(403, "forbidden", `reading ${ctx.decl.type} records is not allowed for this actor`);
}

/** GET /<path>: a page of records, with included ones, cursors in each record's meta and page links. */
export async function index(ctx: RouteContext): Promise<Response> {
  const { decl, schema } = ctx;
  const plan = readPlan(schema, decl.resource, ctx.query, ctx.pageSize, true);
  await assertCanRead(ctx, decl.routes.index as string);
  const { limit, offset, after, before, count } = plan.page;
  const page = await schema.engine.readPage(decl.resource, decl.routes.index as string, {
    ...ctx.call,
    ...(plan.filter ? { filter: plan.filter } : {}),
    sort: plan.sort as never,
    load: plan.load as never,
    page: {
      limit,
      ...(offset === undefined ? {} : { offset }),
      ...(after === undefined ? {} : { after }),
      ...(before === undefined ? {} : { before }),
      count,
    },
  });
  const render = new Renderer(schema, ctx.prefix, plan.fields);
  const data = page.results.map((r, i) =>
    render.object(decl, r, page.cursors[i] ? { cursor: page.cursors[i] } : undefined),
  );
  const included = render.included(decl, page.results, plan.include);
  return document(200, {
    data,
    ...(plan.include.length ? { included } : {}),
    links: pageLinks(ctx, page, plan),
    ...(count ? { meta: { page: { total: page.count } } } : {}),
  });
}

/** GET /<path>/:id. */
export async function show(ctx: RouteContext, id: string): Promise<Response> {
  const plan = readPlan(ctx.schema, ctx.decl.resource, ctx.query, ctx.pageSize, false);
  await assertCanRead(ctx, getActionOf(ctx.decl) as string);
  const record = await readOne(ctx, id, plan.load);
  const render = new Renderer(ctx.schema, ctx.prefix, plan.fields);
  return document(200, {
    data: render.object(ctx.decl, record),
    ...(plan.include.length ? { included: render.included(ctx.decl, [record], plan.include) } : {}),
    links: { self: new URL(ctx.c.req.url).pathname },
  });
}

/** GET /<path>/:id/<relationship> (the related records) or /relationships/<relationship> (their linkage). */
export async function related(
  ctx: RouteContext,
  id: string,
  name: string,
  linkage: boolean,
): Promise<Response> {
  const { decl, schema } = ctx;
  const rel = schema.relationship(decl.resource, name);
  const target = rel && schema.declOf(rel.destination);
  if (!rel || !target) throw ApiError.of(404, "not_found", `${decl.type} has no relationship ${name}`);
  const plan = readPlan(schema, target.resource, ctx.query, ctx.pageSize, false);
  const record = await readOne(ctx, id, [{ [name]: plan.load }]);
  const value = record[name];
  const rows = Array.isArray(value) ? (value as Row[]) : value ? [value as Row] : [];
  const many = rel.kind === "hasMany" || rel.kind === "manyToMany";
  const render = new Renderer(schema, ctx.prefix, plan.fields);
  const self = new URL(ctx.c.req.url).pathname;
  if (linkage) {
    const ids = rows.map((r) => render.identifier(target, r));
    return document(200, { data: many ? ids : (ids[0] ?? null), links: { self } });
  }
  const objects = rows.map((r) => render.object(target, r));
  return document(200, {
    data: many ? objects : (objects[0] ?? null),
    ...(plan.include.length ? { included: render.included(target, rows, plan.include) } : {}),
    links: { self },
  });
}
