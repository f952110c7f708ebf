import { agoSql, fromNowSql } from "./ago.js";
import { coalesceSql } from "./coalesce.js";
import { condSql } from "./cond.js";
import { containsSql } from "./contains.js";
import { dateAddSql } from "./date-add.js";
import { datetimeAddSql } from "./datetime-add.js";
import { errorSql } from "./error.js";
import { getPathSql } from "./get-path.js";
import { ifSql } from "./if.js";
import { isNilSql } from "./is-nil.js";
import { lengthSql } from "./length.js";
import { lowerSql, upperSql } from "./lower-upper.js";
import { nowSql, todaySql } from "./now.js";
import { remSql } from "./rem.js";
import { roundSql } from "./round.js";
import type { SqlFunction } from "./sql-function.js";
import { endsWithSql, startsWithSql } from "./starts-with.js";
import { stringJoinSql } from "./string-join.js";
import { trimSql } from "./trim.js";

export type { SqlFunction, SqlFunctionContext } from "./sql-function.js";

/** The SQL forms of the built-in expression functions, by name (the names of core's builtinFunctions). */
export const sqlFunctions: ReadonlyMap<string, SqlFunction> = new Map(
  [
    isNilSql,
    coalesceSql,
    containsSql,
    startsWithSql,
    endsWithSql,
    ifSql,
    condSql,
    lengthSql,
    lowerSql,
    upperSql,
    trimSql,
    roundSql,
    remSql,
    nowSql,
    todaySql,
    agoSql,
    fromNowSql,
    dateAddSql,
    datetimeAddSql,
    getPathSql,
    errorSql,
    stringJoinSql,
  ].map((f) => [f.name, f]),
);
