import { lit, op, ref, validation } from "@ashlar/core";

/**
 * The record a belongsTo relationship points at must be one the caller may read: commenting on, or tagging, a
 * ticket of another org (or another customer's ticket) fails exactly as for a key that names nothing — an
 * Invalid `not_found` error on the foreign key — so keys cannot be probed. Trusted calls (`authorize: false`)
 * only need the record to exist.
 */
export const relatedReadable = (relationship: string) =>
  validation({
    name: "relatedReadable",
    describe: () => `the ${relationship} is one the actor may read`,
    validate: async (cs) => {
      const rel = cs.relationship(relationship);
      const key = cs.getAttribute(rel.sourceAttribute);
      if (key === null || key === undefined) return undefined; // required attributes report themselves
      const found = await cs.actions.read(rel.destination, "read", {
        actor: cs.actor,
        context: { ...cs.call.context },
        authorize: cs.call.authorize,
        filter: op("==", ref(rel.destinationAttribute), lit(key)),
      });
      return found.length
        ? undefined
        : {
            field: rel.sourceAttribute,
            code: "not_found",
            message: `names no ${rel.destination.name} you can see`,
          };
    },
  });
