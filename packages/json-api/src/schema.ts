import type { AnyAttribute, AnyResource, Engine } from "@ashlar/core";
import type { ApiResource } from "./config.js";

type ResolvedRelationship = ReturnType<Engine["runtimeOf"]>["relationships"][string];

/** A field a client may name: its kind and the name of its value type. */
export interface FieldInfo {
  readonly kind: "attribute" | "calculation" | "aggregate";
  /** The attribute type's name ("string", "integer", "enum", ...). */
  readonly type: string;
  readonly enumValues?: readonly string[];
}

const typeInfo = (attr: AnyAttribute): { type: string; enumValues?: readonly string[] } => {
  const type = attr.config.type;
  const values = (type.constraints as { values?: readonly string[] }).values;
  return values ? { type: type.name, enumValues: values } : { type: type.name };
};

/**
 * What the API knows of the app's resources: types and paths, the fields a client may name (public,
 * non-sensitive attributes; calculations; aggregates) and their value types, and relationships.
 */
export class Schema {
  private readonly byResource = new Map<AnyResource, ApiResource>();
  private readonly byType = new Map<string, ApiResource>();

  constructor(
    readonly engine: Engine,
    readonly resources: readonly ApiResource[],
  ) {
    for (const r of resources) {
      this.byResource.set(r.resource, r);
      this.byType.set(r.type, r);
    }
  }

  declOf(resource: AnyResource): ApiResource | undefined {
    return this.byResource.get(resource);
  }

  declOfType(type: string): ApiResource | undefined {
    return this.byType.get(type);
  }

  /** Attributes shown in documents: public, not sensitive, not the primary key (that is the `id`). */
  attributes(resource: AnyResource): string[] {
    return Object.entries(resource.attributes as Record<string, AnyAttribute>)
      .filter(([name, a]) => a.config.public && !a.config.sensitive && !resource.primaryKey.includes(name))
      .map(([name]) => name);
  }

  /** Calculations and aggregates: returned only when asked for with `fields[type]`. */
  computed(resource: AnyResource): string[] {
    return [...Object.keys(resource.calculations ?? {}), ...Object.keys(resource.aggregates ?? {})];
  }

  relationship(resource: AnyResource, name: string): ResolvedRelationship | undefined {
    return this.engine.runtimeOf(resource).relationships[name];
  }

  /** Relationships whose destination the API shows. */
  relationships(resource: AnyResource): ResolvedRelationship[] {
    return Object.values(this.engine.runtimeOf(resource).relationships).filter((r) =>
      this.byResource.has(r.destination),
    );
  }

  /** A field a client may filter, sort or ask for; undefined for anything else (hidden ones included). */
  field(resource: AnyResource, name: string): FieldInfo | undefined {
    const attr = (resource.attributes as Record<string, AnyAttribute>)[name];
    if (attr) {
      if (!attr.config.public || attr.config.sensitive) return undefined;
      return { kind: "attribute", ...typeInfo(attr) };
    }
    const calc = (resource.calculations as Record<string, { returns: AnyAttribute }> | undefined)?.[name];
    if (calc) return { kind: "calculation", ...typeInfo(calc.returns) };
    const agg = (
      resource.aggregates as Record<string, { aggregate: string; path: string; field?: string }>
    )?.[name];
    if (!agg) return undefined;
    if (agg.aggregate === "count") return { kind: "aggregate", type: "integer" };
    if (agg.aggregate === "exists") return { kind: "aggregate", type: "boolean" };
    if (agg.aggregate === "list") return { kind: "aggregate", type: "array" };
    let here = resource;
    for (const step of agg.path.split(".")) here = this.relationship(here, step)?.destination ?? here;
    const target = agg.field ? (here.attributes as Record<string, AnyAttribute>)[agg.field] : undefined;
    const inner = target ? typeInfo(target) : { type: "string" };
    return { kind: "aggregate", ...inner, ...(agg.aggregate === "avg" ? { type: "float" } : {}) };
  }

  /** The primary key's value from a URL or a resource identifier: numbers for integer keys. */
  keyOf(resource: AnyResource, id: string): string | number | undefined {
    const pk = resource.primaryKey[0] as string;
    const type = (resource.attributes as Record<string, AnyAttribute>)[pk]?.config.type.name;
    if (type === "integer") return /^-?\d+$/.test(id) ? Number(id) : undefined;
    return id;
  }
}
