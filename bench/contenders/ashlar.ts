import { type AppCore, createApp } from "@ashlar/core";
import { PostgresDataLayer, type SqlClient } from "@ashlar/postgres";
import { createHelpdesk } from "../../examples/helpdesk/src/index.js";
import { eventKeyOf } from "../../examples/helpdesk/src/server/env.js";
import { sharedClient } from "../lib/query-counter.js";
import type { Contender, ContenderId } from "./contender.js";

const SORT = ["-priority", "insertedAt", "id"] as const;

/**
 * ashlar through its engine (what the code interface calls): the helpdesk's own resources, actions and
 * policies on the PostgreSQL server or PGlite. Reads 1–4 and the load run trusted (`authorize: false`, as
 * the hand-written SQL checks nothing); the policy list, open and close run as the user, policies on.
 */
export async function ashlarContender(id: ContenderId, client: SqlClient): Promise<Contender> {
  const helpdesk = createHelpdesk({ encryptionKey: eventKeyOf({}) });
  const { Ticket } = helpdesk.resources;
  const layer = () => new PostgresDataLayer(sharedClient(client), { createTables: false });
  const logged: AppCore = await createApp({
    domains: helpdesk.domains,
    dataLayer: layer(),
    recorders: [helpdesk.log],
  });
  const unlogged: AppCore = await createApp({ domains: helpdesk.domains, dataLayer: layer() });
  const engine = unlogged.engine;
  const trusted = { authorize: false } as const;
  const openOf = (orgId: string) => ({ orgId, status: "open" });
  return {
    id,
    unsupported: {},
    caveats: {},
    getById: (key) => engine.fetch(Ticket, key, trusted),
    listOpen: (orgId) =>
      engine.read(Ticket, "read", { ...trusted, filter: openOf(orgId), sort: SORT, limit: 50 }),
    listLoaded: (orgId) =>
      engine.read(Ticket, "read", {
        ...trusted,
        filter: openOf(orgId),
        sort: SORT,
        limit: 50,
        load: ["reporter", "comments"],
      }),
    listAggregate: (orgId) =>
      engine.read(Ticket, "read", {
        ...trusted,
        filter: { ...openOf(orgId), commentCount: { gte: 2 } },
        sort: SORT,
        limit: 50,
        load: ["commentCount"],
      }),
    listPolicy: (customer) =>
      engine.read(Ticket, "read", { actor: customer, filter: { status: "open" }, sort: SORT, limit: 50 }),
    openTicket: (customer, input, withEvent) =>
      (withEvent ? logged : unlogged).engine.create(Ticket, "open", { ...input }, { actor: customer }),
    closeTicket: (agent, ticketId) => engine.update(Ticket, "close", ticketId, {}, { actor: agent }),
    loadParents: (ids) =>
      engine.read(Ticket, "read", { ...trusted, filter: { id: { in: [...ids] } }, load: ["comments"] }),
    close: async () => {
      await logged.close();
      await unlogged.close();
    },
  };
}
