import type { LeafErrorInfo } from "../errors/errors.js";
import { type AttributeConfig, type DefaultValue, NOW } from "../resource/attribute.js";
import { type CastResult, ok } from "../types/type.js";

/** Casts one value for an attribute or argument: nil stays nil (required-ness is checked later). */
export function castValue(
  config: AttributeConfig,
  value: unknown,
): CastResult<unknown> | Promise<CastResult<unknown>> {
  if (value === null || value === undefined) return ok(null);
  return config.type.cast(value);
}

/**
 * Casts a value and hands the outcome on: `set` on success, `addError` (naming the field, hiding sensitive
 * values) on failure. Answers a promise only when the type casts asynchronously.
 */
export function castInto(
  config: AttributeConfig,
  field: string,
  value: unknown,
  set: (value: unknown) => void,
  addError: (info: Omit<LeafErrorInfo, "source">) => void,
): void | Promise<void> {
  const finish = (r: CastResult<unknown>) => {
    if (r.ok) set(r.value);
    else addError({ code: r.code, field, message: r.message, value: config.sensitive ? undefined : value });
  };
  const result = castValue(config, value);
  return result instanceof Promise ? result.then(finish) : finish(result);
}

/** Resolves a default: the action's timestamp for NOW, a fresh call for functions, a copy for objects. */
export function resolveDefault(value: DefaultValue<unknown>, timestamp: string): unknown {
  if (value === NOW) return timestamp;
  if (typeof value === "function") return (value as () => unknown)();
  return value !== null && typeof value === "object" ? structuredClone(value) : value;
}
