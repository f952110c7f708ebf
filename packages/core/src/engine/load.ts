import { and, type Expr, isExpr, lit, op, ref } from "../expressions/ast.js";
import { filterInputToExpr } from "../expressions/filter-input.js";
import type { AttributeMap } from "../resource/attribute.js";
import type { CalculationDef } from "../resource/calculation.js";
import type { ResolvedRelationship } from "../resource/resolve.js";
import type { AnyResource } from "../resource/resource.js";
import type { CallContext } from "./changeset.js";
import { type ExpandContext, ExpansionError, normaliseExpr } from "./expand-expr.js";
import type { SortInput } from "./read-options.js";
import type { EngineContext } from "./runtime.js";
import { tableFor, tenantFilter } from "./tenancy.js";
import { currentTransaction } from "./transaction-scope.js";

type Row = Record<string, unknown>;

/** What to load: names of calculations, aggregates and relationships, or `{ name: nested }` entries. */
export type LoadInput = readonly (string | Readonly<Record<string, unknown>>)[];

/** How a relationship is loaded: which related records, in what order, how many per record, loading what. */
export interface RelationshipLoad {
  filter?: Readonly<Record<string, unknown>> | Expr;
  sort?: readonly SortInput<Record<string, unknown>>[];
  limit?: number;
  offset?: number;
  load?: LoadInput;
}

/** A load, resolved against a resource once per read. */
export interface LoadPlan {
  /** Expression calculations and aggregates: computed by the data layer in the same query as the records. */
  readonly computed: Record<string, Expr>;
  /** Function calculations, run over the whole batch after everything else is loaded. */
  readonly functions: { readonly name: string; readonly def: CalculationDef; readonly args: Row }[];
  readonly relationships: {
    readonly name: string;
    readonly rel: ResolvedRelationship;
    readonly options: RelationshipLoad;
  }[];
}

export const emptyPlan = (): LoadPlan => ({ computed: {}, functions: [], relationships: [] });

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Resolves a load against a resource. Unknown names throw `ExpansionError` naming what can be loaded. A
 * function calculation's own `load` dependencies join the plan, so they are loaded before it runs.
 */
export function planLoad(
  engine: EngineContext,
  resource: AnyResource,
  input: LoadInput,
  ctx: ExpandContext,
): LoadPlan {
  const plan = emptyPlan();
  const runtime = engine.runtimeOf(resource);
  const add = (name: string, value: unknown) => {
    const rel = runtime.relationships[name];
    const calc = (resource.calculations as Record<string, CalculationDef>)[name];
    if (rel) {
      const options: RelationshipLoad = Array.isArray(value)
        ? { load: value as LoadInput }
        : isPlainObject(value)
          ? (value as RelationshipLoad)
          : {};
      plan.relationships.push({ name, rel, options });
    } else if (calc && !calc.expr) {
      plan.functions.push({ name, def: calc, args: isPlainObject(value) ? value : {} });
      for (const dep of calc.load) if (!(resource.attributes as AttributeMap)[dep]) add(dep, undefined);
    } else if (calc || (resource.aggregates as Record<string, unknown>)[name]) {
      const args = isPlainObject(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, lit(v)]))
        : undefined;
      plan.computed[name] = normaliseExpr(
        { kind: "ref", path: [], name, ...(args ? { args } : {}) },
        resource,
        ctx,
      );
    } else if (!(resource.attributes as AttributeMap)[name]) {
      const loadable = [
        ...Object.keys(runtime.relationships),
        ...Object.keys(resource.calculations),
        ...Object.keys(resource.aggregates),
      ];
      throw new ExpansionError(
        `cannot be loaded from ${resource.name}; loadable: ${loadable.join(", ") || "nothing"}`,
        name,
      );
    }
  };
  for (const item of input) {
    if (typeof item === "string") add(item, undefined);
    else for (const [name, value] of Object.entries(item)) add(name, value);
  }
  return plan;
}

/** Reads one relationship level for all parents at once (two reads for many-to-many), as `read` asks. */
export type RelatedReader = (
  rel: ResolvedRelationship,
  within: Expr,
  options: RelationshipLoad & { limitPer?: { field: string; limit?: number; offset?: number } },
) => Promise<Row[]>;

/**
 * Loads relationships and function calculations onto records that have their computed values already. The
 * number of reads depends on the depth of the load, never on the number of records.
 */
export async function applyLoads(
  engine: EngineContext,
  resource: AnyResource,
  records: Row[],
  plan: LoadPlan,
  call: CallContext,
  readRelated: RelatedReader,
): Promise<void> {
  if (!records.length) return;
  for (const { name, rel, options } of plan.relationships) {
    const many = rel.kind === "hasMany" || rel.kind === "manyToMany";
    const keys = [
      ...new Set(records.map((r) => r[rel.sourceAttribute]).filter((k) => k !== null && k !== undefined)),
    ];
    const groups = keys.length
      ? await relatedByKey(engine, rel, keys, options, readRelated, call.tenant)
      : new Map<string, Row[]>();
    for (const record of records) {
      const related = groups.get(JSON.stringify(record[rel.sourceAttribute] ?? null)) ?? [];
      record[name] = many ? related : (related[0] ?? null);
    }
  }
  for (const { name, def, args } of plan.functions) {
    const values = await (def.compute as NonNullable<CalculationDef["compute"]>)(records, {
      arguments: castArguments(def, args, resource),
      actor: call.actor,
      tenant: call.tenant,
      context: call.context,
    });
    if (values.length !== records.length) {
      throw new Error(
        `${resource.name}.${name} computed ${values.length} values for ${records.length} records`,
      );
    }
    records.forEach((r, i) => {
      r[name] = values[i] ?? null;
    });
  }
}

async function relatedByKey(
  engine: EngineContext,
  rel: ResolvedRelationship,
  keys: unknown[],
  options: RelationshipLoad,
  readRelated: RelatedReader,
  tenant: string | undefined,
): Promise<Map<string, Row[]>> {
  const groups = new Map<string, Row[]>();
  const push = (key: unknown, row: Row) => {
    const k = JSON.stringify(key ?? null);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  };
  const userFilter =
    options.filter === undefined
      ? undefined
      : isExpr(options.filter)
        ? options.filter
        : filterInputToExpr(options.filter as Row);
  const relOptions = { ...options, ...(userFilter ? { filter: userFilter } : {}) };
  if (rel.kind !== "manyToMany" || !rel.through) {
    const many = rel.kind === "hasMany";
    const per =
      many && (options.limit !== undefined || options.offset !== undefined)
        ? { limitPer: { field: rel.destinationAttribute, limit: options.limit, offset: options.offset } }
        : {};
    const rows = await readRelated(rel, op("in", ref(rel.destinationAttribute), lit(keys)), {
      ...relOptions,
      limit: undefined,
      offset: undefined,
      ...per,
    });
    for (const row of rows) push(row[rel.destinationAttribute], row);
    return groups;
  }
  // Many-to-many: the join rows first, then the destinations; per-record limits apply after the join.
  const through = rel.through;
  const joinRuntime = engine.runtimeOf(through);
  const joins = await engine.dataLayer.read(
    tableFor(joinRuntime, tenant),
    {
      filter: and(
        op("in", ref(rel.sourceAttributeOnJoin as string), lit(keys)),
        tenantFilter(through, tenant),
      ),
    },
    currentTransaction(engine.dataLayer),
  );
  const targetKeys = [...new Set(joins.map((j) => j[rel.destinationAttributeOnJoin as string]))];
  const rows = targetKeys.length
    ? await readRelated(rel, op("in", ref(rel.destinationAttribute), lit(targetKeys)), {
        ...relOptions,
        limit: undefined,
        offset: undefined,
      })
    : [];
  const byKey = new Map(rows.map((r) => [JSON.stringify(r[rel.destinationAttribute]), r]));
  const order = new Map(rows.map((r, i) => [r, i]));
  const perSource = new Map<string, Row[]>();
  for (const j of joins) {
    const target = byKey.get(JSON.stringify(j[rel.destinationAttributeOnJoin as string]));
    if (!target) continue;
    const k = JSON.stringify(j[rel.sourceAttributeOnJoin as string]);
    perSource.set(k, [...(perSource.get(k) ?? []), target]);
  }
  for (const [k, list] of perSource) {
    list.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    const from = options.offset ?? 0;
    groups.set(k, list.slice(from, options.limit === undefined ? undefined : from + options.limit));
  }
  return groups;
}

function castArguments(def: CalculationDef, given: Row, resource: AnyResource): Row {
  const out: Row = {};
  for (const [name, arg] of Object.entries(def.arguments as AttributeMap)) {
    const value =
      given[name] ??
      (typeof arg.config.default === "function"
        ? (arg.config.default as () => unknown)()
        : arg.config.default) ??
      null;
    const cast = value === null ? { ok: true as const, value: null } : arg.config.type.cast(value);
    if (cast instanceof Promise || !cast.ok)
      throw new ExpansionError(`argument ${name} of ${resource.name} is invalid`, name);
    out[name] = cast.value;
  }
  return out;
}
