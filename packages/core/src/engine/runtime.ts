import type { TableSpec } from "../data-layer/contract.js";
import type { ResolvedRelationship } from "../resource/resolve.js";
import type { AnyResource } from "../resource/resource.js";

/** What the engine keeps for each resource once the app is built. */
export interface ResourceRuntime {
  readonly resource: AnyResource;
  readonly table: TableSpec;
  readonly relationships: Readonly<Record<string, ResolvedRelationship>>;
}

/** What the stages of the engine share: the data layer, the resources, and where notifications go. */
export interface EngineContext {
  readonly dataLayer: import("../data-layer/contract.js").DataLayer;
  runtimeOf(resource: AnyResource): ResourceRuntime;
  /** Delivers committed notifications (to notifiers and pub/sub), without blocking the caller on errors. */
  deliver(notifications: readonly import("../notifications/notification.js").Notification[]): Promise<void>;
}

/** The primary action of a type, or the only one of that type. */
export function primaryActionOf(resource: AnyResource, type: string): string | undefined {
  const all = Object.entries(resource.actions).filter(([, a]) => (a as { type: string }).type === type);
  return (all.find(([, a]) => (a as { primary: boolean }).primary) ??
    (all.length === 1 ? all[0] : undefined))?.[0];
}
