import type { RelationshipKind } from "./relationships.js";
import type { AnyResource } from "./resource.js";

/** A relationship with its destination found and every attribute name filled in. */
export interface ResolvedRelationship {
  readonly name: string;
  readonly kind: RelationshipKind;
  readonly source: AnyResource;
  readonly destination: AnyResource;
  /** On the source: the foreign key (belongsTo) or the key the destination points at. */
  readonly sourceAttribute: string;
  /** On the destination: its key (belongsTo) or the foreign key pointing back (hasOne/hasMany). */
  readonly destinationAttribute: string;
  readonly through?: AnyResource;
  readonly sourceAttributeOnJoin?: string;
  readonly destinationAttributeOnJoin?: string;
}
