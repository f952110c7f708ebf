import { frameworkError } from "../errors/errors.js";
import { ChangeDef } from "./change.js";

export interface RelateActorOptions {
  /** Allow a call without an actor (the foreign key stays nil). Default false: no actor is an error. */
  allowNil?: boolean;
  /** The actor's field holding the key (default: the relationship's destination attribute, usually "id"). */
  field?: string;
}

/**
 * Relates the calling actor through a belongsTo relationship by setting its foreign key.
 *
 * @example open: create({ accept: ["subject"], changes: [relateActor("reporter")] })
 */
export function relateActor<const R extends string>(
  relationship: R,
  options: RelateActorOptions = {},
): ChangeDef<R> {
  return new ChangeDef<R>({
    name: "relateActor",
    relationshipRefs: [relationship],
    describe: () => `relates the actor as ${relationship}`,
    verify: (where) => {
      const kind = where.relationship(relationship)?.kind;
      return kind && kind !== "belongsTo"
        ? [`relateActor("${relationship}") needs a belongsTo relationship, not ${kind}`]
        : [];
    },
    change: (cs) => {
      const rel = cs.relationship(relationship);
      if (rel.kind !== "belongsTo") {
        throw frameworkError(
          `${cs.source}: relateActor("${relationship}") needs a belongsTo relationship, not ${rel.kind}`,
        );
      }
      const actor = cs.actor as Record<string, unknown> | null | undefined;
      if (actor === null || actor === undefined) {
        if (options.allowNil) return;
        cs.addError({
          code: "actor_required",
          field: rel.sourceAttribute,
          message: "needs an actor to relate",
        });
        return;
      }
      const key = actor[options.field ?? rel.destinationAttribute];
      if (key === undefined || key === null) {
        cs.addError({
          code: "invalid_actor",
          field: rel.sourceAttribute,
          message: `needs an actor with a "${options.field ?? rel.destinationAttribute}"`,
        });
        return;
      }
      cs.changeAttribute(rel.sourceAttribute, key);
    },
  });
}
