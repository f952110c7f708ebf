/**
 * The contract of one expression function: its name, how many arguments it takes, and how it evaluates in
 * memory. Unless a function says otherwise, a nil argument makes the result nil (SQL NULL semantics).
 */
export interface ExprFunction {
  readonly name: string;
  readonly arity: readonly [min: number, max: number];
  /** Called with evaluated arguments. */
  evaluate(args: readonly unknown[]): unknown;
  /** True when the function handles nil itself instead of propagating it. */
  readonly handlesNil?: boolean;
}
