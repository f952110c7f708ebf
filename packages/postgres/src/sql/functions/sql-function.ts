import type { Expr } from "@ashlar/core";
import { type Compiled, commonType, type ValueType } from "../column-types.js";
import type { SqlCompilation, SqlScope } from "../scope.js";
import { typedAs } from "../typed-sql.js";

/** What a function's SQL mapping may use: its arguments' compiler, the scope, the expected result type. */
export interface SqlFunctionContext {
  /** Compiles an argument in the call's scope; `expected` types a literal argument. */
  compile(expr: Expr, expected?: ValueType): Compiled;
  readonly scope: SqlScope;
  readonly compilation: SqlCompilation;
  /** The type the surroundings expect of the result (the other side of a comparison, a sibling branch). */
  readonly expected: ValueType | undefined;
}

/**
 * The SQL form of one expression function (see core's `expressions/functions`): the same name and arity, and
 * SQL that gives the same value, the same nil behaviour and the same errors as the in-memory `evaluate`.
 */
export interface SqlFunction {
  readonly name: string;
  readonly arity: readonly [min: number, max: number];
  compile(args: readonly Expr[], context: SqlFunctionContext): Compiled;
}

export const isNilLiteral = (e: Expr | undefined): boolean =>
  e?.kind === "literal" && (e.value === null || e.value === undefined);

const isError = (e: Expr) => e.kind === "call" && e.name === "error";

/**
 * Compiles values that must share one type (coalesce's arguments, the branches of if and cond): the others
 * first, then literals as the type of the first typed one (or the expected type), then error(...) as the type
 * found, so `coalesce(price, 0)` sends 0 as numeric and `if(c, error("x"), 1)` casts the error's result to
 * bigint (it never returns, but CASE needs one type).
 */
export function compileAlike(
  args: readonly Expr[],
  context: SqlFunctionContext,
): { values: Compiled[]; type: ValueType | undefined } {
  const values: (Compiled | undefined)[] = args.map((a) =>
    a.kind === "literal" || isError(a) ? undefined : context.compile(a, context.expected),
  );
  let type = values.find((c) => c?.type !== undefined)?.type ?? context.expected;
  for (const [i, a] of args.entries()) if (a.kind === "literal") values[i] = context.compile(a, type);
  type = commonType([type, ...values.map((v) => v?.type)]);
  for (const [i, a] of args.entries()) values[i] ??= context.compile(a, type);
  return { values: (values as Compiled[]).map((v) => typedAs(v, type)), type };
}
