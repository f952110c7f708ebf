import { ApiError } from "../errors.js";

/** A nested query parameter: `filter[reporter][email]=x` → { reporter: { email: "x" } }. */
export type Nested = { [key: string]: Nested | string };

/** The query parameters JSON:API defines, parsed; anything else is refused. */
export interface QueryParams {
  readonly filter: Nested | undefined;
  readonly sort: string | undefined;
  readonly include: string | undefined;
  readonly fields: Readonly<Record<string, string>>;
  readonly page: Readonly<Record<string, string>>;
}

const FAMILIES = new Set(["filter", "fields", "page"]);
const SINGLE = new Set(["sort", "include"]);

/** `a[b][c]` → ["a", "b", "c"]; undefined when the brackets are not well formed. */
function segmentsOf(key: string): string[] | undefined {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) return undefined;
  const rest = [...(match[2] ?? "").matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] as string);
  return [match[1] as string, ...rest];
}

/**
 * Parses a request's query string. Unknown parameters, malformed brackets and repeated single-valued ones are
 * 400s naming the parameter: a client should learn of a typo rather than get unfiltered results.
 */
export function parseQuery(search: URLSearchParams): QueryParams {
  let filter: Nested | undefined;
  const single: Record<string, string> = {};
  const fields: Record<string, string> = {};
  const page: Record<string, string> = {};
  for (const [key, value] of search) {
    const segments = segmentsOf(key);
    const family = segments?.[0];
    if (!segments || family === undefined || (!FAMILIES.has(family) && !SINGLE.has(family)))
      throw ApiError.parameter(
        key,
        `${key} is not a query parameter of this API; use filter, sort, include, fields or page`,
        "unknown_parameter",
      );
    if (SINGLE.has(family)) {
      if (segments.length > 1) throw ApiError.parameter(key, `${family} takes no brackets: ${family}=...`);
      if (family in single) throw ApiError.parameter(key, `${family} is given twice; give it once`);
      single[family] = value;
      continue;
    }
    const [, first, ...more] = segments;
    if (first === undefined || first === "")
      throw ApiError.parameter(key, `${family} needs a name in brackets, such as ${family}[name]`);
    if (family === "fields" || family === "page") {
      if (more.length) throw ApiError.parameter(key, `${family}[${first}] takes no further brackets`);
      (family === "fields" ? fields : page)[first] = value;
      continue;
    }
    filter ??= {};
    let node: Nested = filter;
    const path = [first, ...more];
    for (const [i, segment] of path.entries()) {
      if (segment === "")
        throw ApiError.parameter(key, "an empty [] is not a filter key; name the field or index");
      if (i === path.length - 1) {
        if (segment in node) throw ApiError.parameter(key, `${key} is given twice; give it once`);
        node[segment] = value;
      } else {
        const next = node[segment];
        if (typeof next === "string")
          throw ApiError.parameter(key, `${key} nests under a value that is already given`);
        if (next === undefined) node[segment] = {};
        node = node[segment] as Nested;
      }
    }
  }
  return { filter, sort: single.sort, include: single.include, fields, page };
}
