import type { DataLayer } from "../data-layer/contract.js";
import { memory } from "../data-layer/memory/memory-data-layer.js";
import { interfaceFunction } from "../domain/code-interface.js";
import type { Definition } from "../domain/define.js";
import type { AnyDomain } from "../domain/domain.js";
import type { DomainInterface } from "../domain/interface-types.js";
import { Engine } from "../engine/engine.js";
import type { ResourceRuntime } from "../engine/runtime.js";
import type { WriteRecorder } from "../engine/write-recorder.js";
import { FrameworkError, LeafError } from "../errors/errors.js";
import { PubSub } from "../notifications/pubsub.js";
import { compilePolicies } from "../policies/compile.js";
import type { ResolvedRelationship } from "../resource/resolve.js";
import type { AnyResource } from "../resource/resource.js";
import { type Logger, safeLogger } from "../telemetry/telemetry.js";
import { linkTableSpecs, resolveRelationship, tableSpecOf } from "./resolve.js";
import { verifyDefinition, verifyDerived, verifyResource } from "./verify.js";

export interface AppOptions<Ds extends readonly AnyDomain[]> {
  domains: Ds;
  /** Where records live (default: a new in-memory layer). */
  dataLayer?: DataLayer;
  /** Receives structured log events (action outcomes, notifier failures). */
  logger?: Logger;
  /** Told of every create, update and destroy inside its transaction (event logs: `@ashlar/events`). */
  recorders?: readonly WriteRecorder[];
}

/** What every app has, beside one code interface per domain (named after the domain). */
export interface AppCore {
  /** The action engine: call any action of any resource directly. */
  readonly engine: Engine;
  readonly dataLayer: DataLayer;
  /** In-process publish/subscribe of notifications. */
  readonly pubsub: PubSub;
  readonly resources: ReadonlyMap<string, AnyResource>;
  /** Runs `fn` in one transaction: every action called inside joins it and rolls back with it. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type App<Ds extends readonly AnyDomain[]> = AppCore & {
  readonly [D in Ds[number] as D["name"]]: DomainInterface<D>;
};

/**
 * Builds an app: resolves every relationship, verifies every reference (all problems reported at once, each
 * naming resource, section and field), registers tables with the data layer, and derives the code interfaces.
 *
 * @example const app = await createApp({ domains: [Support] }); await app.support.openTicket("Printer on fire");
 */
export async function createApp<const Ds extends readonly AnyDomain[]>(
  options: AppOptions<Ds>,
): Promise<App<Ds>> {
  const byName = new Map<string, AnyResource>();
  const problems: string[] = [];
  for (const d of options.domains) {
    for (const r of d.resources) {
      const existing = byName.get(r.name);
      if (existing && existing !== r)
        problems.push(`${r.name}: two different resources are named "${r.name}"`);
      byName.set(r.name, r);
    }
  }
  const runtimes = new Map<AnyResource, ResourceRuntime>();
  const domainOf = new Map<AnyResource, AnyDomain>();
  for (const d of options.domains) for (const r of d.resources) if (!domainOf.has(r)) domainOf.set(r, d);
  for (const resource of byName.values()) {
    const relationships: Record<string, ResolvedRelationship> = {};
    for (const [name, rel] of Object.entries(
      resource.relationships as Record<string, { config: Parameters<typeof resolveRelationship>[2] }>,
    )) {
      const resolved = resolveRelationship(resource, name, rel.config, byName);
      if (typeof resolved === "string")
        problems.push(`${resource.name} (relationships.${name}): ${resolved}`);
      else relationships[name] = resolved;
    }
    problems.push(...verifyResource(resource, relationships));
    runtimes.set(
      resource,
      Object.freeze({
        resource,
        table: tableSpecOf(resource),
        relationships: Object.freeze(relationships),
        authorization: domainOf.get(resource)?.authorization ?? {
          authorize: "byDefault" as const,
          requireActor: false,
        },
        policies: compilePolicies(resource),
      }),
    );
  }
  for (const d of options.domains) {
    for (const [name, def] of Object.entries(d.interface as Record<string, Definition>)) {
      problems.push(...verifyDefinition(d, name, def));
    }
  }
  problems.push(...verifyDerived(runtimes));
  for (const recorder of options.recorders ?? [])
    problems.push(...(recorder.verify?.(byName) ?? []).map((p) => `${recorder.name}: ${p}`));
  if (problems.length) {
    throw new FrameworkError(
      problems.map((message) => new LeafError({ code: "invalid_definition", class: "framework", message })),
      `the app's definitions have ${problems.length} problem(s):\n- ${problems.join("\n- ")}`,
    );
  }
  linkTableSpecs(runtimes);
  const dataLayer = options.dataLayer ?? memory();
  await dataLayer.register([...runtimes.values()].map((r) => r.table));
  const logger = safeLogger(options.logger);
  const pubsub = new PubSub((error, n) =>
    logger?.({
      level: "error",
      event: "subscriber.error",
      resource: n.resource,
      action: n.action,
      error,
    }),
  );
  const engine = new Engine(dataLayer, runtimes, pubsub, logger, options.recorders ?? []);
  const app: Record<string, unknown> = {
    engine,
    dataLayer,
    pubsub,
    resources: byName,
    transaction: <T>(fn: () => Promise<T>) => engine.transaction(fn),
    close: () => dataLayer.close(),
  };
  for (const d of options.domains) {
    if (d.name in app)
      throw new FrameworkError([
        new LeafError({
          code: "invalid_definition",
          class: "framework",
          message: `domain name "${d.name}" is taken`,
        }),
      ]);
    app[d.name] = Object.freeze(
      Object.fromEntries(
        Object.entries(d.interface as Record<string, Definition>).map(([name, def]) => [
          name,
          interfaceFunction(engine, name, def),
        ]),
      ),
    );
  }
  return Object.freeze(app) as App<Ds>;
}
