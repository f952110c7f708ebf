import { type AnyResource, change, lit, op, ref } from "@ashlar/core";

/**
 * Destroys the records that point at the one being destroyed (a ticket's comments and tag links), each
 * through its own destroy action, so each writes its own event. It runs in a before-action hook: inside the
 * transaction, before the parent's row goes, so foreign keys hold at every step and replay meets the
 * children's events first.
 */
export const destroyChildren = (
  children: () => readonly { resource: AnyResource; foreignKey: string; action?: string }[],
) =>
  change({
    name: "destroyChildren",
    describe: () =>
      `destroys its ${children()
        .map((c) => c.resource.name)
        .join(" and ")} records first`,
    change: (cs) => {
      cs.beforeAction(async () => {
        const key = cs.data?.id;
        // The caller's actor and context go with each destroy (its event names them); the parent's
        // authorization covers its children, which the actor may not all be able to see one by one.
        const call = { actor: cs.actor, context: { ...cs.call.context }, authorize: false };
        for (const { resource, foreignKey, action = "destroy" } of children()) {
          const rows = await cs.actions.read(resource, "read", {
            ...call,
            filter: op("==", ref(foreignKey), lit(key)),
          });
          for (const row of rows) await cs.actions.destroy(resource, action, row, {}, call);
        }
      });
    },
  });
