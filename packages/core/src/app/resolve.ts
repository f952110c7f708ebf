import type { ColumnSpec, RelationshipSpec, TableSpec } from "../data-layer/contract.js";
import { type AttributeMap, NOW } from "../resource/attribute.js";
import type { Destination, RelationshipConfig } from "../resource/relationships.js";
import type { ResolvedRelationship } from "../resource/resolve.js";
import type { AnyResource } from "../resource/resource.js";

/** "support_ticket" → "supportTicket": default foreign keys are the camel-cased name plus "Id". */
export const camel = (name: string) => name.replace(/[-_ ]+(\w)/g, (_, c: string) => c.toUpperCase());

/** Finds a relationship's destination among the app's resources. */
export function findResource(
  destination: Destination,
  byName: ReadonlyMap<string, AnyResource>,
): AnyResource | undefined {
  if (typeof destination === "string") return byName.get(destination);
  const target = destination() as AnyResource | undefined;
  return target && byName.get(target.name) === target ? target : undefined;
}

/**
 * Resolves one relationship: finds the destination (and join resource) and fills in default attribute names.
 * Answers a problem description when something cannot be found; verification reports it.
 */
export function resolveRelationship(
  source: AnyResource,
  name: string,
  config: RelationshipConfig,
  byName: ReadonlyMap<string, AnyResource>,
): ResolvedRelationship | string {
  const destination = findResource(config.destination, byName);
  if (!destination) {
    const wanted =
      typeof config.destination === "string" ? `"${config.destination}"` : "the resource its thunk returns";
    return `destination ${wanted} is not a resource of this app; add it to a domain's resources`;
  }
  const onlyKey = (r: AnyResource) => (r.primaryKey.length === 1 ? r.primaryKey[0] : undefined);
  const base = { name, kind: config.kind, source, destination };
  switch (config.kind) {
    case "belongsTo":
      return {
        ...base,
        sourceAttribute: config.sourceAttribute ?? `${name}Id`,
        destinationAttribute: config.destinationAttribute ?? onlyKey(destination) ?? "id",
      };
    case "hasOne":
    case "hasMany":
      return {
        ...base,
        sourceAttribute: config.sourceAttribute ?? onlyKey(source) ?? "id",
        destinationAttribute: config.destinationAttribute ?? `${camel(source.name)}Id`,
      };
    case "manyToMany": {
      const through = config.through && findResource(config.through, byName);
      if (!through) return "its `through` resource is not a resource of this app";
      return {
        ...base,
        through,
        sourceAttribute: config.sourceAttribute ?? onlyKey(source) ?? "id",
        destinationAttribute: config.destinationAttribute ?? onlyKey(destination) ?? "id",
        sourceAttributeOnJoin: config.sourceAttributeOnJoin ?? `${camel(source.name)}Id`,
        destinationAttributeOnJoin: config.destinationAttributeOnJoin ?? `${camel(destination.name)}Id`,
      };
    }
  }
}

/** The data layer's view of a resource; `relationships` is filled in by `linkTableSpecs` once all exist. */
export function tableSpecOf(resource: AnyResource): TableSpec {
  const attrs = resource.attributes as AttributeMap;
  const columns = new Map<string, ColumnSpec>(
    Object.entries(attrs).map(([name, a]) => [
      name,
      {
        name,
        type: a.config.type,
        optional: a.config.optional,
        generated: a.config.generated,
        default:
          a.config.default === NOW
            ? { kind: "now" as const }
            : typeof a.config.default === "function" || a.config.default === undefined
              ? undefined
              : { kind: "value" as const, value: a.config.default },
      },
    ]),
  );
  return Object.freeze({
    resource: resource.name,
    table: resource.table,
    primaryKey: resource.primaryKey,
    columns,
    identities: resource.identities.map((i) => ({
      name: i.name,
      keys: i.keys,
      nilsDistinct: i.nilsDistinct,
    })),
    relationships: new Map<string, RelationshipSpec>(),
    multitenancy: resource.multitenancy?.strategy,
  });
}

/** Fills each table's relationships with the tables they reach (the graph may have cycles). */
export function linkTableSpecs(
  runtimes: ReadonlyMap<
    AnyResource,
    { table: TableSpec; relationships: Readonly<Record<string, ResolvedRelationship>> }
  >,
): void {
  const tableOf = (r: AnyResource) => runtimes.get(r)?.table as TableSpec;
  for (const { table, relationships } of runtimes.values()) {
    const map = table.relationships as Map<string, RelationshipSpec>;
    for (const rel of Object.values(relationships)) {
      map.set(rel.name, {
        name: rel.name,
        kind: rel.kind,
        destination: tableOf(rel.destination),
        sourceAttribute: rel.sourceAttribute,
        destinationAttribute: rel.destinationAttribute,
        through: rel.through ? tableOf(rel.through) : undefined,
        sourceAttributeOnJoin: rel.sourceAttributeOnJoin,
        destinationAttributeOnJoin: rel.destinationAttributeOnJoin,
      });
    }
  }
}
