import { randomBytes } from "node:crypto";
import { createApp, type DataLayer, memory } from "@ashlar/core";
import { createHelpdesk, Ticket, User } from "example-helpdesk";

type Row = Record<string, unknown>;

/** A fresh key per run: events seal passwords and hashes with it. */
export const EVENT_KEY = randomBytes(32);
export const PASSWORD = "correct horse battery";

/** The helpdesk app on a data layer (default: a fresh memory layer), with its event log recording. */
export async function helpdeskApp(dataLayer: DataLayer = memory()) {
  const helpdesk = createHelpdesk({ encryptionKey: EVENT_KEY });
  const app = await createApp({ domains: helpdesk.domains, dataLayer, recorders: [helpdesk.log] });
  return { app, e: app.engine, log: helpdesk.log, helpdesk };
}

export type HelpdeskContext = Awaited<ReturnType<typeof helpdeskApp>>;

/** A user as an actor: as sign-in hands it out, without the password hash. */
export const asActor = ({ hashedPassword: _hash, ...user }: Row): Row => user;

/** An org with an admin (who registered it), an agent and two customers, each as an actor. */
export async function orgWithPeople({ e }: HelpdeskContext, name: string) {
  const domain = `${name.toLowerCase()}.test`;
  const admin = asActor(
    await e.create(User, "register", {
      email: `admin@${domain}`,
      name: `${name} Admin`,
      password: PASSWORD,
      orgName: name,
    }),
  );
  const invite = async (local: string, role: string) =>
    asActor(
      await e.create(
        User,
        "invite",
        { email: `${local}@${domain}`, name: `${name} ${local}`, role, password: PASSWORD },
        { actor: admin },
      ),
    );
  return {
    orgId: admin.orgId as string,
    admin,
    agent: await invite("agent", "agent"),
    customer: await invite("customer", "customer"),
    other: await invite("other", "customer"),
  };
}

export type People = Awaited<ReturnType<typeof orgWithPeople>>;

/** Two orgs, Acme and Globex, with their people; isolation is proved between them. */
export async function twoOrgs(dataLayer?: DataLayer) {
  const context = await helpdeskApp(dataLayer);
  const acme = await orgWithPeople(context, "Acme");
  const globex = await orgWithPeople(context, "Globex");
  return { ...context, acme, globex };
}

export type World = Awaited<ReturnType<typeof twoOrgs>>;

/** Opens a ticket as an actor. */
export const openTicket = (w: HelpdeskContext, actor: Row, input: Row = {}) =>
  w.e.create(Ticket, "open", { subject: "Printer on fire", ...input }, { actor });

/** Every event, in order, read without policies. */
export const allEvents = (w: HelpdeskContext) =>
  w.e.read(w.log.resource, "read", { authorize: false, sort: ["id"] });

/** A rejected promise's error. */
export async function failure(promise: Promise<unknown>): Promise<Error & { errors?: Row[] }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { errors?: Row[] };
  }
  throw new Error("expected the call to fail, and it succeeded");
}
