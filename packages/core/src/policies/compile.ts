import type { AnyAction } from "../actions/action.js";
import type { AnyResource } from "../resource/resource.js";
import type { PolicyDef } from "./policy.js";

/** A resource's policies for one action, sorted once when the app is built. */
export interface CompiledPolicies {
  /** Policies that may apply, in order, without the conditions already known to hold for this action. */
  readonly policies: readonly PolicyDef[];
  /** How many policies cannot apply to this action at all (for explanations). */
  readonly excluded: readonly string[];
}

/**
 * Sorts a resource's policies per action: a policy whose action-only conditions (`actionType`, `action`,
 * `always`, `never`) rule the action out is dropped, and conditions known to hold are removed, so a call
 * evaluates only what depends on the actor and the record.
 */
export function compilePolicies(resource: AnyResource): ReadonlyMap<string, CompiledPolicies> {
  const compiled = new Map<string, CompiledPolicies>();
  const all = (resource.policies ?? []) as readonly PolicyDef[];
  for (const [name, def] of Object.entries(resource.actions) as [string, AnyAction][]) {
    const action = { ...def, name };
    const policies: PolicyDef[] = [];
    const excluded: string[] = [];
    for (const [index, p] of all.entries()) {
      if (p.conditions.some((c) => c.forAction && !c.forAction(action))) {
        excluded.push(p.description ?? `${p.kind} ${index + 1}`);
        continue;
      }
      const remaining = p.conditions.filter((c) => !c.forAction);
      policies.push(
        Object.freeze({
          ...p,
          conditions: remaining,
          description: p.description ?? describePolicy(p, index),
        }),
      );
    }
    compiled.set(name, Object.freeze({ policies, excluded }));
  }
  return compiled;
}

const describePolicy = (p: PolicyDef, index: number) =>
  `${p.kind} ${index + 1} (${p.conditions.map((c) => c.describe()).join(" and ") || "always"})`;
