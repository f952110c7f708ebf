import { and, type Expr, lit, mapOperands, type RefNode } from "../expressions/ast.js";
import { prefixPaths } from "../expressions/rebase.js";
import { templateValue } from "../expressions/templates.js";
import { expandToMany } from "../expressions/to-many.js";
import type { AggregateDef } from "../resource/aggregate.js";
import type { AttributeMap } from "../resource/attribute.js";
import type { CalculationDef } from "../resource/calculation.js";
import type { AnyResource } from "../resource/resource.js";
import { resolveDefault } from "./cast-value.js";
import type { ResourceRuntime } from "./runtime.js";
import { tenantFilter } from "./tenancy.js";

/** What expansion needs: resources' relationships, and the call's values for templates. */
export interface ExpandContext {
  runtimeOf(resource: AnyResource): ResourceRuntime;
  readonly actor: unknown;
  readonly arguments: Readonly<Record<string, unknown>>;
  readonly context: Readonly<Record<string, unknown>>;
  /** The call's tenant: related records of attribute-multitenant resources are only those of this tenant. */
  readonly tenant?: string | undefined;
  /**
   * The records of a resource the caller may read (its policies' read verdict), so that exists, aggregates and
   * paths only ever see those. Absent: no policies apply (trusted calls, build-time checks).
   */
  readonly readFilterOf?: ((resource: AnyResource) => boolean | Expr) | undefined;
}

/** An expression that cannot run where it was used; the engine reports it as an input error. */
export class ExpansionError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = "ExpansionError";
  }
}

/** Follows a relationship path from a resource, naming the problem when a step does not exist. */
export function walkPath(ctx: ExpandContext, from: AnyResource, path: readonly string[]): AnyResource {
  let here = from;
  for (const segment of path) {
    const rel = ctx.runtimeOf(here).relationships[segment];
    if (!rel)
      throw new ExpansionError(`"${segment}" is not a relationship of ${here.name}`, [...path].join("."));
    here = rel.destination;
  }
  return here;
}

/**
 * Turns an expression as written into what data layers run: calculations by name are replaced by their
 * expressions (moved onto the path they were reached by), aggregates by name become aggregate nodes,
 * templates (`^actor(id)`, `^arg(x)`, `^context(k)`) become values, and paths through to-many relationships
 * become `exists`. Every reference is checked on the way; a bad one throws `ExpansionError`.
 */
export function normaliseExpr(expr: Expr, resource: AnyResource, ctx: ExpandContext): Expr {
  const expanded = expand(expr, resource, [], ctx);
  return expandToMany(expanded, resource, (from, name) => {
    const rel = ctx.runtimeOf(from).relationships[name];
    if (!rel) throw new ExpansionError(`"${name}" is not a relationship of ${from.name}`, name);
    return { toMany: rel.kind === "hasMany" || rel.kind === "manyToMany", to: rel.destination };
  });
}

function expand(expr: Expr, at: AnyResource, outer: readonly AnyResource[], ctx: ExpandContext): Expr {
  const again = (e: Expr) => expand(e, at, outer, ctx);
  switch (expr.kind) {
    case "ref":
      return expandRef(expr, at, ctx);
    case "template":
      return lit(templateValue(expr.source, expr.path, ctx));
    case "exists":
    case "aggregate": {
      const inner = walkPath(ctx, at, expr.path);
      if (
        expr.kind === "aggregate" &&
        expr.field !== undefined &&
        !(inner.attributes as AttributeMap)[expr.field]
      ) {
        throw new ExpansionError(`"${expr.field}" is not an attribute of ${inner.name}`, expr.field);
      }
      const where = and(
        expr.where && expand(expr.where, inner, [...outer, at], ctx),
        tenantFilter(inner, ctx.tenant),
        readable(inner, [...outer, at], ctx),
      );
      return where ? { ...expr, where } : expr;
    }
    case "parent": {
      const up = outer.at(-1);
      if (!up)
        throw new ExpansionError("parent(...) is only meaningful inside exists or an aggregate", "parent");
      return { ...expr, expr: expand(expr.expr, up, outer.slice(0, -1), ctx) };
    }
    case "op":
    case "not":
    case "call":
      return mapOperands(expr, again);
    default:
      return expr;
  }
}

/**
 * The condition "the actor may read this record" for records of `resource` reached from inside an expression;
 * expanded without further policies (a policy filter is trusted, and policies must not recurse forever).
 */
function readable(
  resource: AnyResource,
  outer: readonly AnyResource[],
  ctx: ExpandContext,
): Expr | undefined {
  const verdict = ctx.readFilterOf?.(resource);
  if (verdict === undefined || verdict === true) return undefined;
  if (verdict === false) return lit(false);
  return expand(verdict, resource, outer, { ...ctx, readFilterOf: undefined });
}

function expandRef(ref: RefNode, at: AnyResource, ctx: ExpandContext): Expr {
  const shortcut = foreignKeyShortcut(ref, at, ctx);
  if (shortcut) return shortcut;
  const target = walkPath(ctx, at, ref.path);
  const name = [...ref.path, ref.name].join(".");
  if ((target.attributes as AttributeMap)[ref.name]) {
    // A path into records the actor may not read answers nil, as if they were not there (nothing leaks).
    const hidden = ref.path.length ? readable(target, [at], ctx) : undefined;
    if (hidden)
      return { kind: "aggregate", aggregate: "first", path: ref.path, field: ref.name, where: hidden };
    return ref.args ? { kind: "ref", path: ref.path, name: ref.name } : ref;
  }
  const calc = (target.calculations as Record<string, CalculationDef>)[ref.name];
  if (calc) {
    if (!calc.expr)
      throw new ExpansionError(
        `${target.name}.${ref.name} is computed in code; it can be loaded but not filtered or sorted on`,
        name,
      );
    const args = calculationArguments(calc, ref, target, ctx);
    const own = expand(calc.expr, target, [], { ...ctx, arguments: args });
    return prefixPaths(own, ref.path);
  }
  const agg = (target.aggregates as Record<string, AggregateDef>)[ref.name];
  if (agg) return prefixPaths(aggregateNode(agg, target, ctx), ref.path);
  throw new ExpansionError(`is not an attribute, calculation or aggregate of ${target.name}`, name);
}

/** A calculation's argument values: given as literals in the reference, or defaults. */
function calculationArguments(calc: CalculationDef, ref: RefNode, target: AnyResource, ctx: ExpandContext) {
  const out: Record<string, unknown> = {};
  for (const [argName, arg] of Object.entries(calc.arguments as AttributeMap)) {
    const given = ref.args?.[argName];
    if (given && given.kind !== "literal")
      throw new ExpansionError(`argument ${argName} must be a value`, ref.name);
    const value = given
      ? given.value
      : arg.config.default !== undefined
        ? resolveDefault(arg.config.default, new Date().toISOString())
        : null;
    const cast =
      value === null || value === undefined
        ? { ok: true as const, value: null }
        : arg.config.type.cast(value);
    if (cast instanceof Promise)
      throw new ExpansionError(`argument ${argName} must cast synchronously`, ref.name);
    if (!cast.ok) throw new ExpansionError(`argument ${argName} ${cast.message}`, ref.name);
    if (cast.value === null && !arg.config.optional)
      throw new ExpansionError(`argument ${argName} is required`, `${target.name}.${ref.name}`);
    out[argName] = cast.value;
  }
  void ctx;
  return out;
}

function aggregateNode(agg: AggregateDef, at: AnyResource, ctx: ExpandContext): Expr {
  const path = agg.path.split(".");
  const inner = walkPath(ctx, at, path);
  return {
    kind: "aggregate",
    aggregate: agg.aggregate,
    path,
    ...(agg.field !== undefined ? { field: agg.field } : {}),
    ...whereOf(
      and(
        agg.filter && expand(agg.filter, inner, [at], ctx),
        tenantFilter(inner, ctx.tenant),
        agg.authorize ? readable(inner, [at], ctx) : undefined,
      ),
    ),
    ...(agg.sort ? { sort: agg.sort } : {}),
    ...(agg.uniq ? { uniq: true } : {}),
    ...(agg.default !== undefined ? { default: agg.default } : {}),
  };
}

const whereOf = (where: Expr | undefined) => (where ? { where } : {});

/**
 * `reporter.id` is `reporterId` when `reporter` is a belongsTo pointing at `id`: the key is on this record, so
 * no join (and no look at the related record, whatever its policies) is needed.
 */
function foreignKeyShortcut(ref: RefNode, at: AnyResource, ctx: ExpandContext): RefNode | undefined {
  if (!ref.path.length || ref.args) return undefined;
  const owner = walkPath(ctx, at, ref.path.slice(0, -1));
  const rel = ctx.runtimeOf(owner).relationships[ref.path.at(-1) as string];
  if (rel?.kind !== "belongsTo" || rel.destinationAttribute !== ref.name) return undefined;
  return { kind: "ref", path: ref.path.slice(0, -1), name: rel.sourceAttribute };
}
