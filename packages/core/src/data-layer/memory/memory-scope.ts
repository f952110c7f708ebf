import type { RefNode } from "../../expressions/ast.js";
import type { EvalScope } from "../../expressions/evaluate.js";
import type { AttrType } from "../../types/type.js";
import type { RelationshipSpec, Row, TableSpec } from "../contract.js";

const keyOf = (value: unknown) => JSON.stringify(value);

/**
 * The rows one read can see, with indexes built on demand, so that following relationships in filters,
 * aggregates and sorts costs a lookup per row rather than a scan per row.
 */
export class MemoryQueryContext {
  private readonly rowsOf = new Map<TableSpec, Row[]>();
  private readonly indexes = new Map<string, Map<string, Row[]>>();

  constructor(private readonly visible: (spec: TableSpec) => Iterable<Row>) {}

  rows(spec: TableSpec): Row[] {
    let rows = this.rowsOf.get(spec);
    if (!rows) {
      rows = [...this.visible(spec)];
      this.rowsOf.set(spec, rows);
    }
    return rows;
  }

  /** Rows of `spec` whose `column` equals `value` (nil matches nothing, as in a SQL join). */
  rowsWhere(spec: TableSpec, column: string, value: unknown): Row[] {
    if (value === null || value === undefined) return [];
    const name = `${spec.table}\u0000${column}`;
    let index = this.indexes.get(name);
    if (!index) {
      index = new Map();
      for (const row of this.rows(spec)) {
        const k = keyOf(row[column] ?? null);
        const list = index.get(k);
        if (list) list.push(row);
        else index.set(k, [row]);
      }
      this.indexes.set(name, index);
    }
    return index.get(keyOf(value)) ?? [];
  }

  /** The records a relationship reaches from one row. */
  follow(rel: RelationshipSpec, row: Row): Row[] {
    if (rel.kind !== "manyToMany" || !rel.through) {
      return this.rowsWhere(rel.destination, rel.destinationAttribute, row[rel.sourceAttribute]);
    }
    const joins = this.rowsWhere(rel.through, rel.sourceAttributeOnJoin ?? "", row[rel.sourceAttribute]);
    return joins.flatMap((j) =>
      this.rowsWhere(rel.destination, rel.destinationAttribute, j[rel.destinationAttributeOnJoin ?? ""]),
    );
  }

  scope(spec: TableSpec, row: Row, parent?: EvalScope): EvalScope {
    return new RowScope(this, spec, row, parent);
  }
}

function relationshipOf(spec: TableSpec, name: string): RelationshipSpec {
  const rel = spec.relationships.get(name);
  if (!rel) throw new Error(`${spec.resource} has no relationship "${name}"`);
  return rel;
}

/** One row as the evaluator sees it: attributes, to-one paths, related rows, and the outer row. */
class RowScope implements EvalScope {
  constructor(
    private readonly context: MemoryQueryContext,
    private readonly spec: TableSpec,
    private readonly row: Row,
    readonly parent: EvalScope | undefined,
  ) {}

  get(ref: RefNode): unknown {
    let spec = this.spec;
    let row: Row | undefined = this.row;
    for (const segment of ref.path) {
      const rel = relationshipOf(spec, segment);
      if (rel.kind === "hasMany" || rel.kind === "manyToMany") {
        throw new Error(`${spec.resource}.${segment} is to-many: use exists(...) or an aggregate`);
      }
      row = this.context.follow(rel, row)[0];
      if (!row) return null;
      spec = rel.destination;
    }
    return row[ref.name] ?? null;
  }

  typeOf(ref: RefNode): AttrType<unknown> | undefined {
    let spec = this.spec;
    for (const segment of ref.path) spec = relationshipOf(spec, segment).destination;
    return spec.columns.get(ref.name)?.type;
  }

  related(path: readonly string[]): readonly EvalScope[] {
    let current: { spec: TableSpec; rows: Row[] } = { spec: this.spec, rows: [this.row] };
    for (const segment of path) {
      const rel = relationshipOf(current.spec, segment);
      current = { spec: rel.destination, rows: current.rows.flatMap((r) => this.context.follow(rel, r)) };
    }
    return current.rows.map((r) => new RowScope(this.context, current.spec, r, this));
  }
}
