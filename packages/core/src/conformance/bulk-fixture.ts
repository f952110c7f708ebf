import {
  afterAction,
  beforeAction,
  create,
  createApp,
  destroy,
  domain,
  type Engine,
  type Notification,
  read,
  resource,
  set,
  t,
  update,
  validation,
} from "../index.js";
import { countingLayer } from "./counting-layer.js";
import type { LayerFactory } from "./helpdesk.js";

export { type CountingLayer, countingLayer } from "./counting-layer.js";

/** The bulk-action scenarios' shared log: hooks ("before:<name>"), deliveries ("notify:<action>:<name>"). */
export const log: string[] = [];
/** What the notifier received, in order. */
export const notified: Notification[] = [];

let current: Engine | undefined;
const engine = () => {
  if (!current) throw new Error("no app");
  return current;
};

const noBadNames = validation({
  describe: () => 'the name is not "bad"',
  validate: (cs) =>
    cs.getAttribute("name") === "bad" ? { field: "name", message: "must not be bad" } : undefined,
});

/** Every write logs its before-action hook, and a record named "explode" fails after it was written. */
const hooks = [
  beforeAction((cs) => void log.push(`before:${String(cs.getAttribute("name"))}`)),
  afterAction((_cs, record) => {
    if (record.name === "explode") throw new Error(`${String(record.name)} failed after writing`);
  }),
];

export const Item = resource("item", {
  attributes: {
    id: t.uuidv7().primaryKey(),
    name: t.string({ min: 1 }),
    n: t.integer().default(0),
    status: t.enum(["new", "done"]).default("new"),
    stamp: t.string().optional(),
  },
  notifiers: [
    {
      name: "recorder",
      /** Also notes how many items a fresh read sees, to show delivery waits for the commit. */
      notify: async (n) => {
        notified.push(n);
        const visible = (await engine().read(Item, "read")).length;
        log.push(`notify:${n.action}:${String(n.record.name)}:${visible}`);
      },
    },
  ],
  actions: {
    read: read({ primary: true }),
    noCursor: read({ pagination: { keyset: false } }),
    /** Without hooks or validations, to seed records the other actions then fail on. */
    seed: create({ accept: ["name", "n"] }),
    create: create({
      accept: ["name", "n"],
      changes: [set("stamp", "stamped"), ...hooks],
      validations: [noBadNames],
    }),
    update: update({ accept: ["name", "status"], changes: hooks, validations: [noBadNames] }),
    destroy: destroy({ changes: hooks }),
  },
});

const Shop = domain("shop", { resources: [Item] });

/** A fresh app on a counting layer around a fresh data layer, with the log and notifications cleared. */
export async function bulkApp(makeLayer: LayerFactory) {
  const layer = countingLayer(await makeLayer());
  const app = await createApp({ domains: [Shop], dataLayer: layer });
  current = app.engine;
  log.length = 0;
  notified.length = 0;
  return { app, engine: app.engine, layer };
}

/** What `bulkApp` answers. */
export type BulkContext = Awaited<ReturnType<typeof bulkApp>>;

/** The names of the items stored, sorted, read outside any transaction. */
export async function storedNames(): Promise<string[]> {
  return (await engine().read(Item, "read")).map((r) => String(r.name)).sort();
}

/** Inputs named by the given names, with `n` their position. */
export const named = (...names: string[]) => names.map((name, n) => ({ name, n }));

/** The names of the records in a result or in notifications. */
export const namesOf = (rows: readonly Record<string, unknown>[]) => rows.map((r) => String(r.name));

/** Each error as "index:code", for compact assertions. */
export const codesOf = (
  errors: readonly { index: number; error: { errors: readonly { code: string }[] } }[],
) => errors.map((e) => `${e.index}:${e.error.errors.map((l) => l.code).join("+")}`);
