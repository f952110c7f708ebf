import { apiResource } from "@ashlar/json-api";
import type { Helpdesk } from "../helpdesk.js";

/** The helpdesk's JSON:API: each route names the action it runs. */
export function helpdeskRoutes(helpdesk: Helpdesk) {
  const { Org, User, Ticket, Comment, Tag, Event } = helpdesk.resources;
  return [
    apiResource(Org, { routes: { index: "read", get: "read" } }),
    apiResource(User, { routes: { index: "read", get: "read", post: "invite", patch: "changeRole" } }),
    apiResource(Ticket, {
      routes: {
        index: "read",
        get: "read",
        post: "open",
        patch: "update",
        delete: "destroy",
        member: { close: "close", reopen: "reopen", assign: "assign", escalate: "escalate" },
        related: ["comments"],
        relationships: { tags: { post: "addTags", delete: "removeTags", argument: "tags" } },
      },
    }),
    apiResource(Comment, { routes: { get: "read", post: "create" } }),
    apiResource(Tag, { routes: { index: "read", post: "create" } }),
    apiResource(Event, {
      type: "event",
      path: "events",
      routes: { index: "read", get: "read", forbidUnreadable: true },
    }),
  ];
}
