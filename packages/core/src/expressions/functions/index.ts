import { coalesce } from "./coalesce.js";
import { contains } from "./contains.js";
import type { ExprFunction } from "./function.js";
import { isNil } from "./is-nil.js";
import { endsWith, startsWith } from "./starts-with.js";

export type { ExprFunction } from "./function.js";

/** The built-in functions by name. */
export const builtinFunctions: ReadonlyMap<string, ExprFunction> = new Map(
  [isNil, coalesce, contains, startsWith, endsWith].map((f) => [f.name, f]),
);
