import type { ActionType, Changeset } from "../engine/changeset.js";

/** What a validation reports: nothing when the changeset is fine, otherwise one or more problems. */
export interface ValidationProblem {
  field?: string;
  message: string;
  code?: string;
  value?: unknown;
}

export type ValidationResult = undefined | ValidationProblem | readonly ValidationProblem[];

/**
 * A validation: inspects a changeset and reports problems. It never changes anything.
 *
 * @example
 * const noWeekendDeploys = validation({
 *   describe: () => "not on weekends",
 *   validate: () => ([0, 6].includes(new Date().getDay()) ? { message: "no deploys at weekends" } : undefined),
 * });
 */
export interface ValidationImpl {
  readonly name: string;
  validate(changeset: Changeset): ValidationResult | Promise<ValidationResult>;
  describe(): string;
  readonly refs?: readonly string[];
}

export interface ValidationOptions {
  /** Resource-level validations: which action types they run on (default: create and update). */
  readonly on?: readonly ActionType[];
  /** Apply only when all these validations pass. */
  readonly where?: readonly ValidationDef[];
  /** Skip when the changeset already has errors. */
  readonly onlyWhenValid?: boolean;
  /** Replaces the message of every problem this validation reports. */
  readonly message?: string;
}

/** A configured validation. Immutable; options return a new definition. */
export class ValidationDef<Refs extends string = never> {
  declare readonly __refs?: Refs;
  constructor(
    readonly impl: ValidationImpl,
    readonly options: ValidationOptions = {},
  ) {}

  on(...types: ActionType[]): ValidationDef<Refs> {
    return new ValidationDef(this.impl, { ...this.options, on: types });
  }

  where(...validations: ValidationDef<string>[]): ValidationDef<Refs> {
    return new ValidationDef(this.impl, { ...this.options, where: validations as ValidationDef[] });
  }

  onlyWhenValid(): ValidationDef<Refs> {
    return new ValidationDef(this.impl, { ...this.options, onlyWhenValid: true });
  }

  message(message: string): ValidationDef<Refs> {
    return new ValidationDef(this.impl, { ...this.options, message });
  }

  describe(): string {
    return this.impl.describe();
  }
}

/** Defines a custom validation. */
export function validation(impl: Omit<ValidationImpl, "name"> & { name?: string }): ValidationDef {
  return new ValidationDef({ name: "custom", ...impl });
}

/** Normalises a result into a list of problems. */
export function problemsOf(result: ValidationResult): readonly ValidationProblem[] {
  if (result === undefined) return [];
  return Array.isArray(result) ? result : [result as ValidationProblem];
}
