/**
 * The helpdesk reference app's domain: orgs, users, tickets, comments and tags as ashlar resources, with the
 * security contract as policies, an event log, and the demo seed. Interfaces (JSON:API) call its actions.
 */

export { Comment } from "./domain/comment.js";
export { Accounts, Support } from "./domain/domains.js";
export {
  eventPolicies,
  HelpdeskEventLog,
  type HelpdeskEventLogOptions,
  helpdeskEventLog,
  orgOfWrite,
} from "./domain/event-log.js";
export { Org } from "./domain/org.js";
export { ROLES, type Role } from "./domain/roles.js";
export { Tag } from "./domain/tag.js";
export { Ticket } from "./domain/ticket.js";
export { TicketTag } from "./domain/ticket-tag.js";
export { URGENT_COMMENT } from "./domain/urgent-comment.js";
export { User } from "./domain/user.js";
export { createHelpdesk, type Helpdesk, type HelpdeskOptions } from "./helpdesk.js";
export { DEMO_PASSWORD, type Seeded, seed } from "./seed.js";
