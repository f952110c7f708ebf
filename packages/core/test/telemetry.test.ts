import {
  action,
  afterAction,
  change,
  create,
  createApp,
  defaults,
  domain,
  type Engine,
  FrameworkError,
  InvalidError,
  type LogEvent,
  memory,
  resource,
  t,
  UnknownError,
  update,
} from "@ashlar/core";
import { context, SpanStatusCode, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

let current: Engine | undefined;
const engine = () => {
  if (!current) throw new Error("no app");
  return current;
};

const Line = resource("line", {
  attributes: { id: t.uuidv7().primaryKey(), sku: t.string({ min: 1 }) },
  actions: { ...defaults("read", "create") },
});

const Order = resource("order", {
  attributes: { id: t.uuidv7().primaryKey(), item: t.string({ min: 1 }), qty: t.integer({ min: 1 }) },
  actions: {
    ...defaults("read", "create", "update", "destroy"),
    explode: create({
      accept: ["item", "qty"],
      changes: [
        afterAction(() => {
          throw new Error("kaboom");
        }),
      ],
    }),
    /** A custom change (not `atomic`): an update by key reads the record first. */
    recount: update({
      accept: ["qty"],
      changes: [change({ describe: () => "recounts", change: () => undefined })],
    }),
    withLine: create({
      accept: ["item", "qty"],
      changes: [afterAction(async () => void (await engine().create(Line, "create", { sku: "SKU-1" })))],
    }),
    total: action({ returns: t.integer(), run: () => 3 }),
    broken: action({ returns: t.integer(), run: () => "three" }),
  },
});

const Shop = domain("shop", { resources: [Order, Line] });

const events: LogEvent[] = [];
let app: Awaited<ReturnType<typeof makeApp>>;
const makeApp = () => createApp({ domains: [Shop], dataLayer: memory(), logger: (e) => void events.push(e) });
const placeOrder = (input: Record<string, unknown> = { item: "tea", qty: 2 }, options = {}) =>
  app.engine.create(Order, "create", input, options);

const spans = () => exporter.getFinishedSpans();
const named = (name: string): ReadableSpan[] => spans().filter((s) => s.name === name);
const only = (name: string): ReadableSpan => {
  const found = named(name);
  expect(found, `spans named ${name}`).toHaveLength(1);
  return found[0]!;
};

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  expect(trace.setGlobalTracerProvider(provider)).toBe(true);
});

afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
});

beforeEach(async () => {
  app = await makeApp();
  current = app.engine;
  exporter.reset();
  events.length = 0;
});

describe("spans", () => {
  it("a create produces one span `ashlar <resource>.<action>` with the ashlar attributes", async () => {
    await placeOrder();
    expect(spans().map((s) => s.name)).toEqual(["ashlar order.create"]);
    const span = only("ashlar order.create");
    expect(span.attributes).toEqual({
      "ashlar.resource": "order",
      "ashlar.action": "create",
      "ashlar.action_type": "create",
      "ashlar.actor_present": false,
      "ashlar.outcome": "ok",
    });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
  });

  it("records whether an actor is present", async () => {
    await placeOrder(undefined, { actor: { id: "u1" } });
    expect(only("ashlar order.create").attributes["ashlar.actor_present"]).toBe(true);
  });

  it("names the action type for updates, destroys, reads and generic actions", async () => {
    const order = await placeOrder();
    await app.engine.update(Order, "update", order, { qty: 3 });
    await app.engine.destroy(Order, "destroy", order);
    await app.engine.read(Order, "read");
    expect(await app.engine.run(Order, "total")).toBe(3);
    const typeOf = (name: string) => only(name).attributes["ashlar.action_type"];
    expect(typeOf("ashlar order.update")).toBe("update");
    expect(typeOf("ashlar order.destroy")).toBe("destroy");
    expect(typeOf("ashlar order.read")).toBe("read");
    expect(typeOf("ashlar order.total")).toBe("action");
    for (const span of spans()) expect(span.attributes["ashlar.outcome"]).toBe("ok");
  });

  it("an update by key that reads its record first nests the read span inside the update span", async () => {
    const order = await placeOrder();
    exporter.reset();
    await app.engine.update(Order, "recount", order.id as string, { qty: 5 });
    const outer = only("ashlar order.recount");
    const fetch = only("ashlar order.read");
    expect(fetch.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
    expect(fetch.spanContext().traceId).toBe(outer.spanContext().traceId);
  });

  it("an update by key whose changes need no record is one span: no read", async () => {
    const order = await placeOrder();
    exporter.reset();
    await app.engine.update(Order, "update", order.id as string, { qty: 5 });
    expect(spans().map((s) => s.name)).toEqual(["ashlar order.update"]);
  });

  it("a nested action called from a hook gets a child span", async () => {
    await app.engine.create(Order, "withLine", { item: "tea", qty: 1 });
    const outer = only("ashlar order.withLine");
    const inner = only("ashlar line.create");
    expect(inner.parentSpanContext?.spanId).toBe(outer.spanContext().spanId);
    expect(outer.parentSpanContext).toBeUndefined();
  });
});

describe("failed actions", () => {
  it("an invalid input: outcome is the error class, status is ERROR with the message", async () => {
    const call = placeOrder({ item: "", qty: 0 });
    await expect(call).rejects.toBeInstanceOf(InvalidError);
    const error = await call.catch((e: unknown) => e as Error);
    const span = only("ashlar order.create");
    expect(span.attributes["ashlar.outcome"]).toBe("invalid");
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.status.message).toBe(error.message);
  });

  it("an exception in a hook is reported as unknown", async () => {
    await expect(app.engine.create(Order, "explode", { item: "tea", qty: 1 })).rejects.toBeInstanceOf(
      UnknownError,
    );
    const span = only("ashlar order.explode");
    expect(span.attributes["ashlar.outcome"]).toBe("unknown");
    expect(span.status).toMatchObject({
      code: SpanStatusCode.ERROR,
      message: expect.stringContaining("kaboom"),
    });
  });

  it("a generic action with a wrong result is reported as framework", async () => {
    await expect(app.engine.run(Order, "broken")).rejects.toBeInstanceOf(FrameworkError);
    const span = only("ashlar order.broken");
    expect(span.attributes["ashlar.outcome"]).toBe("framework");
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
  });

  it("an update of a missing record is reported as invalid (not found)", async () => {
    const missing = "01890000-0000-7000-8000-000000000000";
    await expect(app.engine.update(Order, "recount", missing, { qty: 2 })).rejects.toBeInstanceOf(
      InvalidError,
    );
    expect(only("ashlar order.recount").attributes["ashlar.outcome"]).toBe("invalid");
    expect(only("ashlar order.read").attributes["ashlar.outcome"]).toBe("ok");
    exporter.reset();
    // Tried by key: the update matches nothing, and the record is not there.
    await expect(app.engine.update(Order, "update", missing, { qty: 2 })).rejects.toMatchObject({
      errors: [{ code: "not_found" }],
    });
    expect(only("ashlar order.update").attributes["ashlar.outcome"]).toBe("invalid");
  });
});

describe("logger", () => {
  it("receives action.ok with the action's identity and duration", async () => {
    await placeOrder(undefined, { actor: { id: "u1" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      level: "debug",
      event: "action.ok",
      resource: "order",
      action: "create",
      type: "create",
      hasActor: true,
    });
    expect(events[0]?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("receives action.error with the error: info for an expected class, error for unknown", async () => {
    await expect(placeOrder({ item: "", qty: 1 })).rejects.toBeInstanceOf(InvalidError);
    await expect(app.engine.create(Order, "explode", { item: "tea", qty: 1 })).rejects.toThrow("kaboom");
    const failures = events.filter((e) => e.event === "action.error");
    expect(failures.map((e) => [e.action, e.level])).toEqual([
      ["create", "info"],
      ["explode", "error"],
    ]);
    expect(failures[0]?.error).toBeInstanceOf(InvalidError);
    expect(failures[1]?.error).toBeInstanceOf(UnknownError);
    expect(events.filter((e) => e.event === "action.ok")).toEqual([]);
  });

  it("logs each nested action separately", async () => {
    await app.engine.create(Order, "withLine", { item: "tea", qty: 1 });
    expect(events.map((e) => `${e.event} ${e.resource}.${e.action}`)).toEqual([
      "action.ok line.create",
      "action.ok order.withLine",
    ]);
  });
});
