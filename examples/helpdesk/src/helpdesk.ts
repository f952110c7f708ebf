import type { AppCore } from "@ashlar/core";
import { domain } from "@ashlar/core";
import { Comment } from "./domain/comment.js";
import { Accounts, Support } from "./domain/domains.js";
import { type HelpdeskEventLogOptions, helpdeskEventLog } from "./domain/event-log.js";
import { Org } from "./domain/org.js";
import { Tag } from "./domain/tag.js";
import { Ticket } from "./domain/ticket.js";
import { TicketTag } from "./domain/ticket-tag.js";
import { User } from "./domain/user.js";
import { seed } from "./seed.js";

export type HelpdeskOptions = HelpdeskEventLogOptions;

/**
 * The helpdesk: its domains (accounts, support, and audit holding the event log's resource), its resources,
 * its event log (pass it to `createApp` as a recorder) and the demo seed.
 *
 * @example
 * const helpdesk = createHelpdesk({ encryptionKey: process.env.EVENT_KEY! });
 * const app = await createApp({ domains: helpdesk.domains, dataLayer, recorders: [helpdesk.log] });
 * await helpdesk.seed(app);
 * await app.engine.create(helpdesk.resources.Ticket, "open", { subject: "Printer on fire" }, { actor });
 */
export function createHelpdesk(options: HelpdeskOptions) {
  const log = helpdeskEventLog(options);
  const Audit = domain("audit", { resources: [log.resource] });
  return {
    domains: [Accounts, Support, Audit] as const,
    resources: { Org, User, Ticket, Comment, Tag, TicketTag, Event: log.resource },
    log,
    seed: (app: AppCore) => seed(app),
  };
}

export type Helpdesk = ReturnType<typeof createHelpdesk>;
