import { type AnyResource, isForbiddenField } from "@ashlar/core";
import type { ApiResource } from "./config.js";
import type { Schema } from "./schema.js";

type Row = Record<string, unknown>;

export interface Identifier {
  readonly type: string;
  readonly id: string;
}

export interface ResourceObject extends Identifier {
  attributes: Row;
  relationships?: Record<string, { data?: Identifier | Identifier[] | null; links?: Record<string, string> }>;
  links?: { self: string };
  meta?: Row;
}

export const JSONAPI = { version: "1.1" } as const;

/** Renders records as JSON:API resource objects, honouring sparse fieldsets; hidden fields are left out. */
export class Renderer {
  constructor(
    private readonly schema: Schema,
    private readonly prefix: string,
    private readonly fields: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
  ) {}

  idOf(resource: AnyResource, record: Row): string {
    return String(record[resource.primaryKey[0] as string]);
  }

  identifier(decl: ApiResource, record: Row): Identifier {
    return { type: decl.type, id: this.idOf(decl.resource, record) };
  }

  object(decl: ApiResource, record: Row, meta?: Row): ResourceObject {
    const { resource } = decl;
    const only = this.fields.get(decl.type);
    const shown = (name: string) => only === undefined || only.has(name);
    const id = this.idOf(resource, record);
    const attributes: Row = {};
    for (const name of this.schema.attributes(resource))
      if (shown(name) && name in record && !isForbiddenField(record[name])) attributes[name] = record[name];
    for (const name of this.schema.computed(resource))
      if (only?.has(name) && name in record && !isForbiddenField(record[name]))
        attributes[name] = record[name];
    const self = this.selfOf(decl, id);
    const relationships: NonNullable<ResourceObject["relationships"]> = {};
    for (const rel of this.schema.relationships(resource)) {
      if (!shown(rel.name)) continue;
      const target = this.schema.declOf(rel.destination) as ApiResource;
      const entry: NonNullable<ResourceObject["relationships"]>[string] = {};
      const loaded = record[rel.name];
      if (rel.kind === "belongsTo") {
        const key = record[rel.sourceAttribute];
        entry.data = key === null || key === undefined ? null : { type: target.type, id: String(key) };
      } else if (Array.isArray(loaded)) entry.data = loaded.map((r) => this.identifier(target, r as Row));
      else if (loaded !== undefined)
        entry.data = loaded === null ? null : this.identifier(target, loaded as Row);
      const links: Record<string, string> = {};
      if (decl.routes.related?.includes(rel.name)) links.related = `${self}/${rel.name}`;
      if (decl.routes.relationships?.[rel.name]) links.self = `${self}/relationships/${rel.name}`;
      if (Object.keys(links).length) entry.links = links;
      if (entry.data !== undefined || entry.links) relationships[rel.name] = entry;
    }
    return {
      type: decl.type,
      id,
      attributes,
      ...(Object.keys(relationships).length ? { relationships } : {}),
      ...(decl.routes.get ? { links: { self } } : {}),
      ...(meta ? { meta } : {}),
    };
  }

  selfOf(decl: ApiResource, id: string): string {
    return `${this.prefix}/${decl.path}/${encodeURIComponent(id)}`;
  }

  /** Every record reached along the include paths, once each, never one of the primary data. */
  included(
    decl: ApiResource,
    records: readonly Row[],
    paths: readonly (readonly string[])[],
  ): ResourceObject[] {
    const seen = new Set(records.map((r) => `${decl.type}:${this.idOf(decl.resource, r)}`));
    const out: ResourceObject[] = [];
    const walk = (here: ApiResource, rows: readonly Row[], path: readonly string[]) => {
      const [first, ...rest] = path;
      if (first === undefined) return;
      const rel = this.schema.relationship(here.resource, first);
      const target = rel && this.schema.declOf(rel.destination);
      if (!target) return;
      const related = rows.flatMap((r) => {
        const v = r[first];
        return Array.isArray(v) ? (v as Row[]) : v ? [v as Row] : [];
      });
      for (const r of related) {
        const key = `${target.type}:${this.idOf(target.resource, r)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(this.object(target, r));
      }
      walk(target, related, rest);
    };
    for (const path of paths) walk(decl, records, path);
    return out;
  }
}
