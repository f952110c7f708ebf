import type { AnyAction } from "../actions/action.js";
import type { ActionType, Changeset } from "../engine/changeset.js";
import type { ResolvedRelationship } from "../resource/resolve.js";
import type { AnyResource } from "../resource/resource.js";
import type { ValidationDef } from "../validations/validation.js";

/**
 * A change: a small unit of business logic that works on a changeset before it is written — setting values,
 * adding errors, registering hooks. Each can describe itself for errors and introspection.
 *
 * @example
 * const stampClosedAt = change({
 *   describe: () => "sets closedAt to now",
 *   change: (cs) => cs.changeAttribute("closedAt", new Date()),
 * });
 */
export interface ChangeImpl {
  /** A short name shown in introspection ("set", "relateActor", ...). */
  readonly name: string;
  change(changeset: Changeset): void | Promise<void>;
  describe(): string;
  /** Fields of the resource the change refers to, verified when the app is built. */
  readonly refs?: readonly string[];
  /**
   * The change only works on the changeset (no other effect, so running it twice is harmless). An update by
   * key whose every change says so is tried without reading the record first — one `UPDATE ... WHERE` — and,
   * should a change ask for the record (`cs.data`, the current value of an attribute the action does not set,
   * `isChanging`), the record is read and the changes run again.
   */
  readonly atomic?: boolean;
  /** Relationships the change refers to, verified when the app is built. */
  readonly relationshipRefs?: readonly string[];
  /**
   * Checks, when the app is built, that the change can work where it is used (the kind of a relationship, the
   * actions it will run); answers one message per problem. Names are already known to exist.
   */
  verify?(where: VerifyContext): readonly string[];
}

/** What a change can inspect about where it is used, when the app is built. */
export interface VerifyContext {
  readonly resource: AnyResource;
  /** The action the change runs in. */
  readonly action: AnyAction & { readonly name: string };
  relationship(name: string): ResolvedRelationship | undefined;
  primaryAction(resource: AnyResource, type: string): string | undefined;
}

export interface ChangeOptions {
  /** Resource-level changes: which action types they run on (default: create and update). */
  readonly on?: readonly ActionType[];
  /** Run only when all these validations pass on the changeset (they add no errors). */
  readonly where?: readonly ValidationDef[];
  /** Skip when the changeset already has errors. */
  readonly onlyWhenValid?: boolean;
}

/** A configured change. Immutable; options return a new definition. `Refs` carries field names for type checks. */
export class ChangeDef<Refs extends string = never> {
  declare readonly __refs?: Refs;
  constructor(
    readonly impl: ChangeImpl,
    readonly options: ChangeOptions = {},
  ) {}

  /** Resource-level only: run on these action types. */
  on(...types: ActionType[]): ChangeDef<Refs> {
    return new ChangeDef(this.impl, { ...this.options, on: types });
  }

  /** Run only when these validations pass. */
  where(...validations: ValidationDef<string>[]): ChangeDef<Refs> {
    return new ChangeDef(this.impl, { ...this.options, where: validations as ValidationDef[] });
  }

  onlyWhenValid(): ChangeDef<Refs> {
    return new ChangeDef(this.impl, { ...this.options, onlyWhenValid: true });
  }

  describe(): string {
    return this.impl.describe();
  }
}

/** Defines a custom change. */
export function change(impl: Omit<ChangeImpl, "name"> & { name?: string }): ChangeDef {
  return new ChangeDef({ name: "custom", ...impl });
}
