import type { InputValue, IsOptionalInput, Simplify } from "../actions/action.js";
import { castValue, resolveDefault } from "../engine/cast-value.js";
import { compareJson } from "../types/json.js";
import { nowDatetime } from "../types/temporal.js";
import { type AttrType, type CastResult, fail, ok } from "../types/type.js";
import type { AttributeMap, AttrValue } from "./attribute.js";

/**
 * An embedded resource: a typed object stored inside an attribute (a JSON column in Postgres), with the same
 * attribute types, constraints and defaults as a resource, but no identity or actions of its own.
 *
 * @example
 * const Address = embedded("address", { attributes: { street: t.string(), city: t.string(), zip: t.string().optional() } });
 * // in a resource: shipping: t.embedded(Address).optional(), stops: t.array(t.embedded(Address))
 */
export interface EmbeddedResource<N extends string = string, A extends AttributeMap = AttributeMap> {
  readonly kind: "embedded";
  readonly name: N;
  readonly attributes: A;
}

/** The value of an embedded resource, as read: every field. */
export type EmbeddedValue<E extends EmbeddedResource> = {
  -readonly [K in keyof E["attributes"]]: AttrValue<E["attributes"][K]>;
};

/** What a write may give for an embedded resource: nil-able and defaulted fields may be left out. */
export type EmbeddedInput<E extends EmbeddedResource> = Simplify<
  {
    -readonly [K in keyof E["attributes"] as IsOptionalInput<E["attributes"][K]> extends true
      ? never
      : K]: InputValue<E["attributes"][K]>;
  } & {
    -readonly [K in keyof E["attributes"] as IsOptionalInput<E["attributes"][K]> extends true
      ? K
      : never]?: InputValue<E["attributes"][K]>;
  }
>;

export function embedded<const N extends string, const A extends AttributeMap>(
  name: N,
  definition: { attributes: A },
): EmbeddedResource<N, A> {
  return Object.freeze({
    kind: "embedded" as const,
    name,
    attributes: Object.freeze({ ...definition.attributes }),
  });
}

/** The attribute type of an embedded resource: casts each field, applies defaults, rejects unknown keys. */
export function embeddedType<E extends EmbeddedResource>(e: E): AttrType<EmbeddedValue<E>> {
  const attrs = Object.entries(e.attributes);
  const cast = (value: unknown): CastResult<EmbeddedValue<E>> | Promise<CastResult<EmbeddedValue<E>>> => {
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return fail("invalid_type", `must be an object (${e.name})`);
    const input = value as Record<string, unknown>;
    const unknownKey = Object.keys(input).find((k) => !Object.hasOwn(e.attributes, k));
    if (unknownKey) return fail("no_such_field", `${unknownKey} is not a field of ${e.name}`);
    const results = attrs.map(([name, attr]) => {
      const given = input[name];
      const fallback =
        given === undefined && attr.config.default !== undefined
          ? resolveDefault(attr.config.default, nowDatetime())
          : given;
      return castValue(attr.config, fallback);
    });
    const finish = (settled: CastResult<unknown>[]): CastResult<EmbeddedValue<E>> => {
      const out: Record<string, unknown> = {};
      for (const [i, r] of settled.entries()) {
        const [name, attr] = attrs[i] as [string, (typeof attrs)[number][1]];
        if (!r.ok) return fail(r.code, `${name} ${r.message}`);
        if (r.value === null && !attr.config.optional) return fail("required", `${name} is required`);
        out[name] = r.value;
      }
      return ok(out as EmbeddedValue<E>);
    };
    return results.some((r) => r instanceof Promise)
      ? Promise.all(results).then(finish)
      : finish(results as CastResult<unknown>[]);
  };
  return {
    name: `embedded:${e.name}`,
    constraints: { embedded: e },
    cast,
    compare: compareJson,
  };
}
