import { type AnyResource, and, lit, op, ref, validation } from "@ashlar/core";

/**
 * The assignee must be an agent or admin of the ticket's org. Anyone else — a customer, a user of another
 * org, a key that names nobody — gets the same error on `assigneeId`, so the answer tells nothing about
 * users the actor cannot see.
 */
export const assigneeIsStaffOfOrg = (user: () => AnyResource) =>
  validation({
    name: "assigneeIsStaffOfOrg",
    refs: ["assigneeId", "orgId"],
    describe: () => "the assignee is an agent or admin of the ticket's org",
    validate: async (cs) => {
      const assigneeId = cs.getAttribute("assigneeId");
      if (assigneeId === null || assigneeId === undefined)
        return { field: "assigneeId", code: "required", message: "is required" };
      const staff = await cs.actions.read(user(), "read", {
        authorize: false,
        filter: and(
          op("==", ref("id"), lit(assigneeId)),
          op("==", ref("orgId"), lit(cs.getAttribute("orgId"))),
          op("in", ref("role"), lit(["agent", "admin"])),
        ),
      });
      return staff.length
        ? undefined
        : {
            field: "assigneeId",
            code: "invalid_assignee",
            message: "must be an agent or admin of the ticket's org",
          };
    },
  });
