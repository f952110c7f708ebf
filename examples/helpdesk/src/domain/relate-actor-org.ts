import { change } from "@ashlar/core";

/**
 * Puts the record in the actor's org (`orgId = actor.orgId`): a ticket, a tag or an invited user belongs to the
 * org of the user who made it, whatever the input says. Without an actor in an org it is an error on `orgId`.
 *
 * On replay the actor is rebuilt from the event as `{ id }` only, so this change does nothing there: the
 * recorded `orgId` is restored from the event instead.
 */
export const relateActorOrg = () =>
  change({
    name: "relateActorOrg",
    refs: ["orgId"],
    describe: () => "puts the record in the actor's org",
    change: (cs) => {
      if (cs.call.replay) return;
      const orgId = (cs.actor as { orgId?: unknown } | null | undefined)?.orgId;
      if (typeof orgId === "string") cs.changeAttribute("orgId", orgId);
      else
        cs.addError({
          code: "actor_required",
          field: "orgId",
          message: "needs an actor who belongs to an org",
        });
    },
  });
