import type { StandardSchemaV1 } from "@standard-schema/spec";
import { type ArrayConstraints, arrayType } from "../types/array.js";
import { customType } from "../types/custom.js";
import { type DecimalConstraints, decimalType } from "../types/decimal.js";
import { durationType } from "../types/duration.js";
import { enumType } from "../types/enum.js";
import { type Json, jsonType, mapType } from "../types/json.js";
import { booleanType, floatType, integerType, type NumberConstraints } from "../types/number.js";
import { ciStringType, type StringConstraints, stringType } from "../types/string.js";
import { dateType, datetimeType, timeType } from "../types/temporal.js";
import type { AttrType } from "../types/type.js";
import { uuidType, uuidv4, uuidv7, uuidv7Type } from "../types/uuid.js";
import {
  type AnyAttribute,
  type Attribute,
  type AutogenFlags,
  attribute,
  type DefaultFlags,
  NOW,
  type ReadOnlyDefaultedFlags,
} from "./attribute.js";
import { type EmbeddedInput, type EmbeddedResource, type EmbeddedValue, embeddedType } from "./embedded.js";

/**
 * The attribute and argument types. Each returns an immutable builder; see `Attribute` for options.
 *
 * @example
 * attributes: {
 *   id: t.uuidv7().primaryKey(),
 *   email: t.ciString({ max: 320 }),
 *   tags: t.array(t.string()).default([]),
 * }
 */
export const t = {
  string: (c?: StringConstraints) => attribute(stringType(c)),
  /** Case-insensitive string: equality, sorting and identities ignore case. */
  ciString: (c?: StringConstraints) => attribute(ciStringType(c)),
  integer: (c?: NumberConstraints) => attribute(integerType(c)),
  float: (c?: NumberConstraints) => attribute(floatType(c)),
  /** Exact decimal kept as a canonical string ("12.5"); never rounded through floating point. */
  decimal: (c?: DecimalConstraints) => attribute(decimalType(c)),
  boolean: () => attribute(booleanType()),
  /** One of the given values; comparisons follow the declared order. */
  enum: <const V extends readonly [string, ...string[]]>(values: V) => attribute(enumType(values)),
  uuid: () => attribute(uuidType(), { autogenerate: uuidv4 }) as unknown as Attribute<string, AutogenFlags>,
  /** A time-ordered UUID; as a primary key it is generated for each new record. */
  uuidv7: () =>
    attribute(uuidv7Type(), { autogenerate: uuidv7 }) as unknown as Attribute<string, AutogenFlags>,
  /** "2026-11-22" */
  date: () => attribute(dateType()),
  /** "2026-11-22T02:31:34.123456Z": UTC, microseconds. */
  datetime: () => attribute(datetimeType()),
  /** "14:05:00" */
  time: () => attribute(timeType()),
  /** ISO-8601 duration such as "P1DT2H", with PostgreSQL interval semantics. */
  duration: () => attribute(durationType()),
  // Overloads, not a defaulted type parameter: inside resource() the expected type would otherwise infer `any`.
  json: (() => attribute(jsonType())) as { (): Attribute<Json>; <T extends Json>(): Attribute<T> },
  map: (() => attribute(mapType())) as {
    (): Attribute<{ [key: string]: Json }>;
    <T extends { [key: string]: Json }>(): Attribute<T>;
  },
  /** A list of another type: `t.array(t.string(), { max: 10 })`. */
  array: <T, In = T>(
    item: Attribute<T, DefaultFlags, In> | Attribute<T, AutogenFlags, In>,
    c?: ArrayConstraints,
  ) => attribute<T[], In[]>(arrayType(item.config.type as AttrType<T>, c)),
  /** A type from any Standard Schema validator (zod, valibot, arktype). */
  custom: <S extends StandardSchemaV1>(schema: S, options?: { name?: string }) =>
    attribute(customType(schema, options)),
  /** An embedded resource stored inside the attribute: `t.embedded(Address)`. */
  embedded: <E extends EmbeddedResource>(e: E) =>
    attribute<EmbeddedValue<E>, EmbeddedInput<E>>(embeddedType(e)),
  /** Any `AttrType` implementation of your own. */
  of: <T>(type: AttrType<T>) => attribute(type),
  /** Set when a record is created; read-only. */
  createTimestamp: () =>
    attribute(datetimeType(), { default: NOW, writable: false }) as AnyAttribute as Attribute<
      string,
      ReadOnlyDefaultedFlags
    >,
  /** Set when a record is created and on every update; read-only. */
  updateTimestamp: () =>
    attribute(datetimeType(), {
      default: NOW,
      updateDefault: NOW,
      writable: false,
    }) as AnyAttribute as Attribute<string, ReadOnlyDefaultedFlags>,
};
