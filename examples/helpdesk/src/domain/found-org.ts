import { type AnyResource, change, uuidv7 } from "@ashlar/core";

/**
 * Registration: founds a new org named by the `argument` and puts the user being created in it, in the same
 * transaction (an invalid user leaves no org behind, and both writes are in the event log).
 *
 * The org's key is chosen here, before validations, so the user's required `orgId` is set when they run; the
 * org itself is created in a before-action hook, inside the transaction and before the user's row, so its
 * event comes first and a replay recreates the org before the user that points at it. On replay the hook is
 * skipped (the org's own event recreates it) and the recorded `orgId` is restored.
 */
export const foundOrg = (org: () => AnyResource, argument = "orgName", action = "register") =>
  change({
    name: "foundOrg",
    refs: ["orgId"],
    describe: () => `founds a new org named by the ${argument} argument and puts the user in it`,
    change: (cs) => {
      // Set even when the name is invalid: its error is on the argument, not a second one on orgId.
      const orgId = uuidv7();
      cs.changeAttribute("orgId", orgId);
      cs.beforeAction(async () => {
        await cs.actions.create(
          org(),
          action,
          { id: orgId, name: cs.getArgument(argument) },
          { actor: cs.actor, context: { ...cs.call.context }, authorize: false },
        );
      });
    },
  });
