import { change } from "@ashlar/core";

/**
 * Escalating: priority becomes urgent. Escalating a ticket that is already urgent changes nothing — not even
 * `updatedAt` — so it adds no urgent comment either (the event still records that someone escalated).
 */
export const escalatePriority = () =>
  change({
    name: "escalatePriority",
    refs: ["priority", "updatedAt"],
    describe: () => "sets priority to urgent, unless it already is",
    change: (cs) => {
      if (cs.data?.priority !== "urgent") cs.changeAttribute("priority", "urgent");
      // Given its current value, the update timestamp is not refreshed and nothing is written.
      else cs.changeAttribute("updatedAt", cs.data.updatedAt);
    },
  });
