import { createHash } from "node:crypto";
import {
  afterAction,
  belongsTo,
  change,
  create,
  createApp,
  type DataLayer,
  defaults,
  destroy,
  domain,
  embedded,
  type PolicyDef,
  read,
  resource,
  t,
  update,
} from "@ashlar/core";
import { eventLog, track } from "@ashlar/events";

/** The accounts domain of the tests, shaped like AshEvents' own test app. */
const Address = embedded("address", {
  attributes: { street: t.string(), city: t.string() },
});

/** The slug follows the name, whenever the name is given. */
const slugFromName = change({
  name: "slugFromName",
  describe: () => "derives slug from name",
  change: (cs) => {
    const name = cs.getAttribute("name");
    if (typeof name === "string") cs.changeAttribute("slug", name.toLowerCase().replace(/\W+/g, "-"));
  },
});

const hashPassword = change({
  name: "hashPassword",
  describe: () => "hashes the password argument",
  change: (cs) => {
    const password = cs.getArgument("password");
    if (typeof password === "string")
      cs.changeAttribute("hashedPassword", createHash("sha256").update(password).digest("hex"));
  },
});

/** Every new user gets a role, created by a nested action in an after-action hook. */
const createRole = afterAction(async (cs, user) => {
  await cs.actions.create(
    UserRole,
    "create",
    { name: (cs.getArgument("roleName") as string | undefined) ?? "member", userId: user.id },
    { actor: cs.actor },
  );
}, "creates the user's role");

export const User = resource("user", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    email: t.string(),
    name: t.string(),
    slug: t.string().optional(),
    status: t.enum(["active", "inactive"]).default("active"),
    hashedPassword: t.string().optional().sensitive(),
    address: t.embedded(Address).optional(),
    settings: t.map().optional(),
    insertedAt: t.createTimestamp(),
    updatedAt: t.updateTimestamp(),
  },
  identities: { uniqueEmail: ["email"] },
  actions: {
    read: read({ primary: true }),
    create: create({
      accept: ["email", "name", "address", "settings"],
      arguments: { password: t.string().sensitive().optional(), roleName: t.string().optional() },
      changes: [slugFromName, hashPassword, createRole],
    }),
    /** What `create` was in version 1: no slug, no role. Its old events are routed here. */
    createV1: create({ accept: ["email", "name"] }),
    update: update({ accept: ["name", "status", "address"], changes: [slugFromName] }),
    upsert: create({ accept: ["email", "name"], upsert: { identity: "uniqueEmail", fields: ["name"] } }),
    destroy: destroy(),
  },
});

export const UserRole = resource("userRole", {
  attributes: { id: t.uuidv7().primaryKey(), name: t.string() },
  relationships: { user: belongsTo(() => User, { attribute: t.uuid() }) },
  actions: { ...defaults("read", "create", "destroy") },
});

/** A second resource version-1 user events are also routed to (a legacy audit of sign-ups). */
export const SignupAudit = resource("signupAudit", {
  attributes: { id: t.uuidv7().primaryKey(), email: t.string(), name: t.string() },
  actions: { ...defaults("read"), fromLegacy: create({ accept: ["email", "name"] }) },
});

export const SystemActor = { kind: "system", name: "seeder" } as const;

export const KEY = Buffer.alloc(32, 7);

export function makeLog(
  options: { encrypt?: boolean; userVersion?: number; policies?: readonly PolicyDef[] } = {},
) {
  return eventLog({
    name: "event",
    actors: {
      user: { column: t.uuid(), resource: User },
      system: {
        column: t.string(),
        is: (a) => a.kind === "system",
        key: (a) => a.name,
        replayAs: (name) => ({ kind: "system", name }),
      },
    },
    track: [track(User, { currentActionVersions: { create: options.userVersion ?? 2 } }), track(UserRole)],
    replayOverrides: [
      {
        resource: User,
        action: "create",
        versions: [1],
        routeTo: [
          { resource: User, action: "createV1" },
          { resource: SignupAudit, action: "fromLegacy" },
        ],
      },
    ],
    ...(options.encrypt === false ? {} : { encryptionKey: KEY }),
    ...(options.policies ? { policies: options.policies } : {}),
  });
}

export type Log = ReturnType<typeof makeLog>;

export async function accountsApp(dataLayer: DataLayer, log: Log = makeLog()) {
  const Accounts = domain("accounts", { resources: [User, UserRole, SignupAudit] });
  const Audit = domain("audit", { resources: [log.resource] });
  const app = await createApp({ domains: [Accounts, Audit], dataLayer, recorders: [log] });
  return { app, log, engine: app.engine };
}
