import { frameworkError } from "../../errors/errors.js";

/**
 * How `manageRelationship` treats its input, as the `type` shorthands of Ash's `manage_relationship`:
 * - `append`: relate the given records (looked up by key); leave the others alone.
 * - `appendAndRemove`: relate the given records; unrelate every related record not given.
 * - `remove`: unrelate the given records.
 * - `directControl`: the input is the whole related set: create new records, update given ones, destroy the rest.
 * - `create`: create a related record for each input.
 */
export type ManageType = "append" | "appendAndRemove" | "remove" | "directControl" | "create";

/**
 * What happens to each input and each related record. An input *matches* when it names (by key) a record that
 * is related now; otherwise it is *looked up* by key among all the destination's records; what remains has
 * *no match*. Related records that no input names are *missing*.
 */
export interface Strategy {
  /** An input naming an existing record that is not related yet: relate it, or ignore the lookup. */
  readonly onLookup: "relate" | "ignore";
  /** An input that names no record (or one not found): create it, fail, or skip it. */
  readonly onNoMatch: "create" | "error" | "ignore";
  /** An input naming a related record: leave it, update it with the input, unrelate or destroy it, or fail. */
  readonly onMatch: "ignore" | "update" | "unrelate" | "destroy" | "error";
  /** A related record no input names: leave it, unrelate it (nil foreign key, or join record destroyed), or destroy it. */
  readonly onMissing: "ignore" | "unrelate" | "destroy";
}

/** Each type's strategy (Ash's defaults); options may override any part of it. */
export const TYPE_STRATEGIES: Readonly<Record<ManageType, Strategy>> = {
  append: { onLookup: "relate", onNoMatch: "error", onMatch: "ignore", onMissing: "ignore" },
  appendAndRemove: { onLookup: "relate", onNoMatch: "error", onMatch: "ignore", onMissing: "unrelate" },
  remove: { onLookup: "ignore", onNoMatch: "error", onMatch: "unrelate", onMissing: "ignore" },
  directControl: { onLookup: "ignore", onNoMatch: "create", onMatch: "update", onMissing: "destroy" },
  create: { onLookup: "ignore", onNoMatch: "create", onMatch: "ignore", onMissing: "ignore" },
};

const ALLOWED: { readonly [K in keyof Strategy]: readonly Strategy[K][] } = {
  onLookup: ["relate", "ignore"],
  onNoMatch: ["create", "error", "ignore"],
  onMatch: ["ignore", "update", "unrelate", "destroy", "error"],
  onMissing: ["ignore", "unrelate", "destroy"],
};

/**
 * The strategy for a type with the given overrides. Throws on an unknown type or value: these are mistakes in
 * the resource definition, found when the resource module loads.
 */
export function strategyOf(
  where: string,
  options: { readonly type: ManageType } & Partial<Strategy>,
): Strategy {
  const base = TYPE_STRATEGIES[options.type];
  if (!base) {
    throw frameworkError(
      `${where}: type "${String(options.type)}" is unknown; use ${Object.keys(TYPE_STRATEGIES).join(", ")}`,
    );
  }
  const strategy = { ...base };
  for (const key of Object.keys(ALLOWED) as (keyof Strategy)[]) {
    const value = options[key];
    if (value === undefined) continue;
    if (!(ALLOWED[key] as readonly string[]).includes(value))
      throw frameworkError(`${where}: ${key} "${String(value)}" is unknown; use ${ALLOWED[key].join(", ")}`);
    (strategy as Record<keyof Strategy, string>)[key] = value;
  }
  return strategy;
}

/** Whether the strategy may unrelate records (set a foreign key to nil, or destroy a join record). */
export const mayUnrelate = (s: Strategy) => s.onMatch === "unrelate" || s.onMissing === "unrelate";
/** Whether the strategy may relate existing records. */
export const mayRelate = (s: Strategy) => s.onLookup === "relate";
/** Whether the strategy may destroy destination records. */
export const mayDestroy = (s: Strategy) => s.onMatch === "destroy" || s.onMissing === "destroy";
