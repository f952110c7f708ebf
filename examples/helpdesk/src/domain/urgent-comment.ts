import { type AnyResource, change } from "@ashlar/core";

export const URGENT_COMMENT = "This ticket was marked urgent.";

/**
 * Whenever a ticket becomes urgent — created urgent, or its priority changed from another value to urgent by
 * any update — adds one comment saying so, authored by the actor, in the same transaction. On replay the hook
 * does not run: the comment's own event recreates it.
 */
export const commentWhenUrgent = (comment: () => AnyResource, action = "create") =>
  change({
    name: "commentWhenUrgent",
    refs: ["priority"],
    atomic: true,
    describe: () => `comments "${URGENT_COMMENT}" when the ticket becomes urgent`,
    change: (cs) => {
      // The hook is added only when this write makes the ticket urgent (changes have run; no later step sets
      // priority), so every other write stays one statement without a transaction; a write that does not set
      // priority never asks for the record, so an update by key need not read it first (`atomic` below).
      if (cs.attributes.priority !== "urgent" || cs.data?.priority === "urgent") return;
      cs.afterAction(async (_, ticket) => {
        const wasUrgent = cs.data?.priority === "urgent";
        if (wasUrgent || ticket.priority !== "urgent") return;
        await cs.actions.create(
          comment(),
          action,
          { ticketId: ticket.id, body: URGENT_COMMENT },
          // The ticket's action was authorized; its consequence is not a second decision.
          { actor: cs.actor, context: { ...cs.call.context }, authorize: false },
        );
      });
    },
  });
