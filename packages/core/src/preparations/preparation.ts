import type { Query } from "../engine/query.js";

/**
 * A preparation: shapes a read before it runs — adds a filter or a sort, sets a limit, registers an
 * after-read hook. The read-side twin of a change.
 */
export interface PreparationImpl {
  readonly name: string;
  prepare(query: Query): void | Promise<void>;
  describe(): string;
  readonly refs?: readonly string[];
}

export class PreparationDef<Refs extends string = never> {
  declare readonly __refs?: Refs;
  constructor(readonly impl: PreparationImpl) {}

  describe(): string {
    return this.impl.describe();
  }
}

/** Defines a custom preparation. */
export function preparation(impl: Omit<PreparationImpl, "name"> & { name?: string }): PreparationDef {
  return new PreparationDef({ name: "custom", ...impl });
}
