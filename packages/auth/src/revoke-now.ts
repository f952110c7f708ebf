import { change } from "@ashlar/core";

/**
 * Sets `revokedAt` to the action's time, unless it is already set: revoking twice keeps the first time, so
 * the record says when the credential actually stopped working.
 */
export const revokeNow = change({
  name: "revokeNow",
  describe: () => "sets revokedAt to now, unless already set",
  change: (cs) => {
    if (cs.getAttribute("revokedAt") == null) cs.changeAttribute("revokedAt", cs.timestamp);
  },
});
