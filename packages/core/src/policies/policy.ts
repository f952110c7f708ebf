import type { Check } from "./check.js";
import { type CheckLike, toCheck } from "./checks/builtin.js";

export type { Check };

/** How one check in a policy decides: Ash's four check kinds. */
export type PolicyStepKind = "authorizeIf" | "forbidIf" | "authorizeUnless" | "forbidUnless";

export interface PolicyStep {
  readonly kind: PolicyStepKind;
  readonly check: Check;
}

/** A policy (every applicable one must pass) or a bypass (passing it authorizes without the rest). */
export interface PolicyDef {
  readonly kind: "policy" | "bypass";
  /** The policy applies when every condition holds. Conditions are simple checks (decided from the call). */
  readonly conditions: readonly Check[];
  readonly steps: readonly PolicyStep[];
  readonly description: string | undefined;
}

const step =
  (kind: PolicyStepKind) =>
  (check: CheckLike): PolicyStep => ({ kind, check: toCheck(check) });

/** Authorizes when the check holds; otherwise the next check decides. */
export const authorizeIf = step("authorizeIf");
/** Forbids when the check holds; otherwise the next check decides. */
export const forbidIf = step("forbidIf");
/** Authorizes when the check does not hold; otherwise the next check decides. */
export const authorizeUnless = step("authorizeUnless");
/** Forbids when the check does not hold; otherwise the next check decides. */
export const forbidUnless = step("forbidUnless");

const conditionsOf = (c: CheckLike | readonly CheckLike[]) =>
  (Array.isArray(c) ? c : [c]).map((x) => toCheck(x as CheckLike));

/**
 * A policy: when its conditions hold it must pass. Inside it the first check that decides wins; when none
 * decides, it forbids.
 *
 * @example policy(actionType("read"), authorizeIf(relatesToActorVia("reporter")), authorizeIf(actorAttributeEquals("role", "agent")))
 */
export function policy(conditions: CheckLike | readonly CheckLike[], ...steps: PolicyStep[]): PolicyDef {
  return Object.freeze({
    kind: "policy",
    conditions: conditionsOf(conditions),
    steps,
    description: undefined,
  });
}

/**
 * A bypass: when its conditions hold and it passes, the action is authorized without checking the policies
 * after it. When it does not pass, it is as if it were not there.
 *
 * @example bypass(actorAttributeEquals("role", "admin"), authorizeIf(always()))
 */
export function bypass(conditions: CheckLike | readonly CheckLike[], ...steps: PolicyStep[]): PolicyDef {
  return Object.freeze({
    kind: "bypass",
    conditions: conditionsOf(conditions),
    steps,
    description: undefined,
  });
}

/** Names a policy for explanations. */
export function described(description: string, p: PolicyDef): PolicyDef {
  return Object.freeze({ ...p, description });
}
