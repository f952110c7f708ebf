import type { GenericActionDef } from "../actions/action.js";
import type { LeafError, LeafErrorInfo } from "../errors/errors.js";
import { frameworkError, invalid, toAshlarError } from "../errors/errors.js";
import { authorizing, decideCall, forbiddenBy } from "../policies/authorize.js";
import { castInputs } from "./cast-inputs.js";
import { castValue } from "./cast-value.js";
import type { CallContext } from "./changeset.js";
import type { EngineContext, ResourceRuntime } from "./runtime.js";
import { transact } from "./transaction-scope.js";

/**
 * Runs a generic action: cast arguments → `run` (in a transaction when the action asks for one) → cast the
 * result with the declared `returns` type, so a wrong result is caught here rather than by the caller.
 */
export async function runGeneric(
  engine: EngineContext,
  runtime: ResourceRuntime,
  actionName: string,
  input: Readonly<Record<string, unknown>>,
  call: CallContext,
): Promise<unknown> {
  const action = runtime.resource.actions[actionName] as GenericActionDef & { name: string };
  const source = `${runtime.resource.name}.${actionName}`;
  const errors: LeafError[] = [];
  const target = {
    resource: runtime.resource,
    action,
    arguments: {} as Record<string, unknown>,
    addError: (e: Omit<LeafErrorInfo, "source">) => errors.push(invalid({ ...e, source })),
  };
  await castInputs(target, input);
  if (errors.length) throw toAshlarError(...errors);
  if (authorizing(runtime, call)) {
    // A generic action has no record to filter: only simple checks can authorize it.
    const decision = decideCall(runtime, action, call);
    if (decision.verdict !== true) throw forbiddenBy(decision, source);
  }
  const run = async () => {
    const result = await action.run({
      arguments: target.arguments,
      actor: call.actor,
      tenant: call.tenant,
      context: call.context,
    });
    if (!action.returns) return result;
    const cast = await castValue(action.returns.config, result);
    if (!cast.ok)
      throw frameworkError(`${source} returned a value its \`returns\` type rejects: ${cast.message}`);
    if (cast.value === null && !action.returns.config.optional) {
      throw frameworkError(`${source} returned nil, but its \`returns\` type is not optional`);
    }
    return cast.value;
  };
  return action.transaction ? transact(engine.dataLayer, run, (n) => engine.deliver(n)) : run();
}
