import type { AnyAction } from "../actions/action.js";
import type { CallContext, Changeset } from "../engine/changeset.js";
import type { ResourceRuntime } from "../engine/runtime.js";
import { ForbiddenError, LeafError } from "../errors/errors.js";
import type { CheckContext } from "./check.js";
import { type Decision, decide, explain } from "./decide.js";

/**
 * Whether policies apply to a call: the resource has policies, and the domain's setting and the call's
 * `authorize` option say so ("always" ignores `authorize: false`; "whenRequested" needs `authorize: true`).
 */
export function authorizing(runtime: ResourceRuntime, call: CallContext): boolean {
  if (!runtime.resource.policies?.length) return false;
  const mode = runtime.authorization.authorize;
  if (mode === "always") return true;
  if (mode === "whenRequested") return call.authorize === true;
  return call.authorize !== false;
}

/** Decides a call against the resource's policies (and the domain's `requireActor`). */
export function decideCall(
  runtime: ResourceRuntime,
  action: AnyAction & { readonly name: string },
  call: CallContext,
  changeset?: Changeset,
): Decision {
  const context: CheckContext = {
    actor: call.actor,
    resource: runtime.resource,
    action,
    changeset,
    tenant: call.tenant,
    context: call.context,
    accessingFrom: call.accessingFrom,
  };
  if (runtime.authorization.requireActor && (call.actor === null || call.actor === undefined)) {
    return {
      verdict: false,
      policies: [
        {
          kind: "policy",
          description: "the domain requires an actor",
          applies: true,
          checks: [],
          decidedBy: "requireActor",
          outcome: "failed",
        },
      ],
    };
  }
  const compiled = runtime.policies.get(action.name);
  const decision = decide(compiled?.policies ?? [], context);
  if (!compiled?.excluded.length) return decision;
  const excluded = compiled.excluded.map((description) => ({
    kind: "policy" as const,
    description,
    applies: false,
    checks: [],
    decidedBy: "-",
    outcome: "does not apply" as const,
  }));
  return {
    verdict: decision.verdict,
    get policies() {
      return [...decision.policies, ...excluded];
    },
  };
}

/**
 * A Forbidden error for a decision. Its message says only what was forbidden; `explanation` (for developers,
 * never serialised) says which policies applied, what each check answered and what decided.
 */
export function forbiddenBy(decision: Decision, source: string): ForbiddenError {
  const error = new ForbiddenError([
    new LeafError({
      code: "forbidden",
      class: "forbidden",
      message: "forbidden by the resource's policies",
      source,
    }),
  ]);
  error.explanation = explain(decision, source);
  return error;
}
