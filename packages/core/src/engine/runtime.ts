import type { TableSpec } from "../data-layer/contract.js";
import type { AuthorizationSettings } from "../domain/domain.js";
import type { CompiledPolicies } from "../policies/compile.js";
import type { ResolvedRelationship } from "../resource/resolve.js";
import type { AnyResource } from "../resource/resource.js";

/** What the engine keeps for each resource once the app is built. */
export interface ResourceRuntime {
  readonly resource: AnyResource;
  readonly table: TableSpec;
  readonly relationships: Readonly<Record<string, ResolvedRelationship>>;
  /** The settings of the domain the resource belongs to. */
  readonly authorization: AuthorizationSettings;
  /** The resource's policies sorted per action, once, when the app is built. */
  readonly policies: ReadonlyMap<string, CompiledPolicies>;
}

type Row = Record<string, unknown>;
interface RunOptions {
  actor?: unknown;
  tenant?: string | undefined;
  context?: Record<string, unknown> | undefined;
  authorize?: boolean | undefined;
}

/**
 * Running other actions from inside one (changes, hooks, manageRelationship): they join the enclosing
 * transaction as savepoints, and their notifications wait for its commit.
 */
export interface ActionRunner {
  create(resource: AnyResource, action: string, input?: Row, options?: RunOptions): Promise<Row>;
  update(
    resource: AnyResource,
    action: string,
    record: Row | string | number,
    input?: Row,
    options?: RunOptions,
  ): Promise<Row>;
  destroy(
    resource: AnyResource,
    action: string,
    record: Row | string | number,
    input?: Row,
    options?: RunOptions,
  ): Promise<Row>;
  read(resource: AnyResource, action: string, options?: Record<string, unknown> & RunOptions): Promise<Row[]>;
  primaryAction(resource: AnyResource, type: string): string | undefined;
}

/** What the stages of the engine share: the data layer, the resources, and where notifications go. */
export interface EngineContext {
  readonly dataLayer: import("../data-layer/contract.js").DataLayer;
  runtimeOf(resource: AnyResource): ResourceRuntime;
  /** The engine itself, for actions that run other actions. */
  readonly actions: ActionRunner;
  /** Delivers committed notifications (to notifiers and pub/sub), without blocking the caller on errors. */
  deliver(notifications: readonly import("../notifications/notification.js").Notification[]): Promise<void>;
  /** Whether a write of this resource would be delivered anywhere (its notifiers, pub/sub subscribers). */
  notifies(resource: AnyResource): boolean;
  /** Told of every write inside its transaction (event logs). */
  readonly recorders: readonly import("./write-recorder.js").WriteRecorder[];
}

/** The primary action of a type, or the only one of that type. */
export function primaryActionOf(resource: AnyResource, type: string): string | undefined {
  let byType = primaryActions.get(resource);
  if (!byType) {
    byType = new Map();
    primaryActions.set(resource, byType);
  }
  if (byType.has(type)) return byType.get(type);
  const found = findPrimaryAction(resource, type);
  byType.set(type, found);
  return found;
}

const primaryActions = new WeakMap<AnyResource, Map<string, string | undefined>>();

function findPrimaryAction(resource: AnyResource, type: string): string | undefined {
  const all = Object.entries(resource.actions).filter(([, a]) => (a as { type: string }).type === type);
  return (all.find(([, a]) => (a as { primary: boolean }).primary) ??
    (all.length === 1 ? all[0] : undefined))?.[0];
}
