import { domain } from "@ashlar/core";
import { Comment } from "./comment.js";
import { Org } from "./org.js";
import { Tag } from "./tag.js";
import { Ticket } from "./ticket.js";
import { TicketTag } from "./ticket-tag.js";
import { User } from "./user.js";

/** Orgs and the people in them. */
export const Accounts = domain("accounts", { resources: [Org, User] });

/** Tickets and everything on them. */
export const Support = domain("support", { resources: [Ticket, Comment, Tag, TicketTag] });
