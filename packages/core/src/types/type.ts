import { compareJson } from "./canonical-json.js";
/**
 * The contract every attribute and argument type implements: how an input is cast into the type's canonical
 * value, how two values compare (for sorting, ranges and enum order) and how the type is stored.
 */
export type CastResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export interface AttrType<T> {
  /** Name used in errors, introspection and (later) migrations: "string", "integer", "enum", ... */
  readonly name: string;
  /** The constraints the type was built with, for introspection and data layers. */
  readonly constraints: object;
  /**
   * Casts an input into the canonical value, applying constraints. Never receives null or undefined; may answer
   * null when an input means nil (an empty string, as in Ash).
   */
  cast(value: unknown): CastResult<T | null> | Promise<CastResult<T | null>>;
  /** Total order over values of this type (enums compare in declared order). */
  compare(a: T, b: T): number;
  /** Phantom: the TypeScript type of a value. */
  readonly __value?: T;
}

/** The TypeScript value type carried by an attribute type. */
export type ValueOf<Ty> = Ty extends AttrType<infer T> ? T : never;

export const ok = <T>(value: T): CastResult<T> => ({ ok: true, value });
export const fail = (code: string, message: string): CastResult<never> => ({ ok: false, code, message });

export function compareDefault(a: unknown, b: unknown): number {
  if (a === b) return 0;
  // Lists and maps compare by content, key order aside.
  if (typeof a === "object" || typeof b === "object") return compareJson(a, b);
  return (a as number | string) < (b as number | string) ? -1 : 1;
}

/** Length and range constraints shared by several types; each returns a failure or undefined. */
export function checkRange(
  n: number,
  c: { min?: number | undefined; max?: number | undefined },
  what = "",
  unit = "",
): CastResult<never> | undefined {
  const tail = unit ? ` ${unit}` : "";
  if (c.min !== undefined && n < c.min) return fail("too_small", `${what}must be at least ${c.min}${tail}`);
  if (c.max !== undefined && n > c.max) return fail("too_large", `${what}must be at most ${c.max}${tail}`);
  return undefined;
}
