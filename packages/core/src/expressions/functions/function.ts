/** What a function may need from its surroundings besides its arguments. */
export interface FunctionContext {
  /** The current instant as a canonical datetime ("2026-11-22T02:31:34.123456Z"), fixed for one evaluation. */
  now(): string;
}

/**
 * The contract of one expression function: its name, arity, result type, nil behaviour and in-memory
 * evaluation. The SQL compiler (in @ashlar/postgres) pairs each function name with its SQL form.
 */
export interface ExprFunction {
  readonly name: string;
  readonly arity: readonly [min: number, max: number];
  /**
   * The result's type: an attribute type name ("boolean", "string", "integer", "float", "datetime", "date",
   * "json", ...), or "arg0"/"arg1"/... for "the type of that argument".
   */
  readonly returns: string;
  /** True when the function handles nil arguments itself; otherwise any nil argument makes the result nil. */
  readonly handlesNil?: boolean;
  /**
   * True when the function must not evaluate all its arguments up front (`if`, `cond`: a branch not taken may
   * hold `error(...)`). Lazy functions receive thunks instead of values.
   */
  readonly lazy?: boolean;
  evaluate(args: readonly unknown[], context: FunctionContext): unknown;
}

/** Raised by `error(...)` in an expression (atomic validations); the engine turns it into an Invalid error. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = "ExpressionError";
  }
}
