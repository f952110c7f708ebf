import type { AnyAction } from "../actions/action.js";
import type { LeafErrorInfo } from "../errors/errors.js";
import type { AttributeMap } from "../resource/attribute.js";
import type { AnyResource } from "../resource/resource.js";
import { castInto, resolveDefault } from "./cast-value.js";

const acceptedCache = new WeakMap<object, ReadonlySet<string>>();

/** The attributes an action accepts: its list, or for "*" every public writable attribute. */
export function acceptedAttributes(resource: AnyResource, action: AnyAction): ReadonlySet<string> {
  let accepted = acceptedCache.get(action);
  if (!accepted) {
    const attrs = resource.attributes as AttributeMap;
    const list = !("accept" in action)
      ? []
      : action.accept === "*"
        ? Object.keys(attrs).filter((k) => attrs[k]?.config.writable && attrs[k]?.config.public)
        : (action.accept as readonly string[]);
    accepted = new Set(list);
    acceptedCache.set(action, accepted);
  }
  return accepted;
}

const isEmpty = (o: object | undefined): boolean => {
  for (const _ in o) return false;
  return true;
};

/** Whether a call gives no input to an action without arguments (nothing to cast: callers skip the await). */
export const nothingToCast = (action: AnyAction, input: Readonly<Record<string, unknown>> | undefined) =>
  isEmpty(input) && isEmpty(action.arguments as object);

interface InputTarget {
  readonly resource: AnyResource;
  readonly action: AnyAction & { readonly name: string };
  readonly arguments: Record<string, unknown>;
  readonly timestamp?: string;
  addError(info: Omit<LeafErrorInfo, "source">): unknown;
}

/**
 * Casts a caller's input: arguments into `target.arguments`, accepted attributes through `setAttribute`.
 * Anything else is an error naming what the action does accept. Missing arguments get their defaults; a
 * missing required argument is an error. Nothing is written anywhere: this only builds the changeset or query.
 */
export async function castInputs(
  target: InputTarget,
  input: Readonly<Record<string, unknown>>,
  setAttribute?: (name: string, value: unknown) => void,
): Promise<void> {
  if (nothingToCast(target.action, input)) return;
  const args = target.action.arguments as AttributeMap;
  const accepted = acceptedAttributes(target.resource, target.action);
  const pending: Promise<void>[] = [];
  const failed = new Set<string>();
  const addError = (e: Omit<LeafErrorInfo, "source">) => {
    if (e.field) failed.add(e.field);
    target.addError(e);
  };
  const setArgument = (name: string) => (v: unknown) => {
    target.arguments[name] = v;
  };
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const arg = args[key];
    if (arg) {
      const p = castInto(arg.config, key, value, setArgument(key), addError);
      if (p) pending.push(p);
    } else if (accepted.has(key) && setAttribute) {
      setAttribute(key, value);
    } else {
      const inputs = [...accepted, ...Object.keys(args)];
      const why =
        key in target.resource.attributes
          ? `is not accepted by ${target.resource.name}.${target.action.name}`
          : "is not an input of this action";
      addError({
        code: "no_such_input",
        field: key,
        message: `${why}; ${inputs.length ? `it takes ${inputs.join(", ")}` : "it takes no input"}`,
      });
    }
  }
  await Promise.all(pending);
  for (const [name, arg] of Object.entries(args)) {
    const value = target.arguments[name];
    if ((value !== undefined && value !== null) || failed.has(name)) continue;
    if (arg.config.default !== undefined) {
      const fallback = resolveDefault(arg.config.default, target.timestamp ?? new Date().toISOString());
      await castInto(arg.config, name, fallback, setArgument(name), addError);
    } else if (!arg.config.optional) {
      addError({ code: "required", field: name, message: "is required" });
    }
  }
}
