import { ago, fromNow } from "./ago.js";
import { coalesce } from "./coalesce.js";
import { cond } from "./cond.js";
import { contains } from "./contains.js";
import { dateAdd } from "./date-add.js";
import { datetimeAdd } from "./datetime-add.js";
import { error } from "./error.js";
import type { ExprFunction } from "./function.js";
import { getPath } from "./get-path.js";
import { ifFunction } from "./if.js";
import { isNil } from "./is-nil.js";
import { length } from "./length.js";
import { lower, upper } from "./lower-upper.js";
import { now, today } from "./now.js";
import { rem } from "./rem.js";
import { round } from "./round.js";
import { endsWith, startsWith } from "./starts-with.js";
import { stringJoin } from "./string-join.js";
import { trim } from "./trim.js";

export type { ExprFunction } from "./function.js";

/** The built-in functions by name. */
export const builtinFunctions: ReadonlyMap<string, ExprFunction> = new Map(
  [
    isNil,
    coalesce,
    contains,
    startsWith,
    endsWith,
    ifFunction,
    cond,
    length,
    lower,
    upper,
    trim,
    round,
    rem,
    now,
    today,
    ago,
    fromNow,
    dateAdd,
    datetimeAdd,
    getPath,
    error,
    stringJoin,
  ].map((f) => [f.name, f]),
);
