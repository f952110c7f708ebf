import type { Changeset } from "../../engine/changeset.js";
import { LeafError, toAshlarError } from "../../errors/errors.js";

type Path = readonly (string | number)[];

/**
 * Collects the problems of managing one argument as errors of the parent action on that argument: a nested
 * action's error on `name` of the second entry becomes `{ field: "tags", path: [1, "name"] }`. Input errors
 * (invalid, forbidden) are collected so that every entry's problems are reported together; framework and
 * unknown errors are bugs or outages and are rethrown at once. Either way the parent's transaction rolls back.
 *
 * @example await report.attempt([1], () => cs.actions.create(Tag, "create", { name: "" }))
 *   // cs.errors: tags.1.name "length must be at least 1"
 */
export class Report {
  constructor(
    private readonly cs: Changeset,
    private readonly argument: string,
  ) {}

  /** Whether any problem has been reported (by this report or before it). */
  get failed(): boolean {
    return !this.cs.isValid;
  }

  /** A problem with one entry of the argument. */
  problem(at: Path, code: string, message: string): void {
    this.cs.addError({ code, field: this.argument, path: at, message });
  }

  /**
   * Runs a nested action for the entry at `at`; answers whether it succeeded. `about` prefixes the messages of
   * its errors (for work on records that are not in the input).
   */
  async attempt(at: Path, work: () => Promise<unknown>, about?: string): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (thrown) {
      const error = toAshlarError(thrown);
      if (error.class === "framework" || error.class === "unknown") throw error;
      for (const leaf of error.errors) {
        this.cs.addError(
          new LeafError({
            code: leaf.code,
            class: leaf.class,
            message: about === undefined ? leaf.message : `${about}: ${leaf.message}`,
            field: this.argument,
            path: [...at, ...(leaf.field === undefined ? [] : [leaf.field]), ...leaf.path],
            ...(leaf.value === undefined ? {} : { value: leaf.value }),
            source: this.cs.source,
            cause: leaf,
          }),
        );
      }
      return false;
    }
  }
}
