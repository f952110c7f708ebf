/**
 * ashlar's errors. Four classes, and when several errors meet the worst class wins:
 * Forbidden > Invalid > Framework > Unknown (as in Ash). Each class holds the underlying leaf errors, which
 * carry a machine-readable `code` and, where relevant, the `field`, `path` and `value` involved.
 */
export type ErrorClass = "forbidden" | "invalid" | "framework" | "unknown";

const RANK: Record<ErrorClass, number> = { forbidden: 4, invalid: 3, framework: 2, unknown: 1 };

export interface LeafErrorInfo {
  /** Stable, machine-readable code: "required", "invalid_type", "not_found", "unique", "forbidden", ... */
  code: string;
  /** What went wrong, phrased for the person fixing it. */
  message: string;
  class?: ErrorClass;
  /** The attribute or argument involved. */
  field?: string;
  /** Where the field sits inside a nested input (list index, embedded key). */
  path?: readonly (string | number)[];
  /** The offending value; never set for sensitive fields. */
  value?: unknown;
  /** "resource.action" the error came from. */
  source?: string;
  cause?: unknown;
}

/** One concrete problem. Leaf errors are grouped into the four class errors below. */
export class LeafError extends Error {
  readonly code: string;
  readonly class: ErrorClass;
  readonly field: string | undefined;
  readonly path: readonly (string | number)[];
  readonly value: unknown;
  source: string | undefined;

  constructor(info: LeafErrorInfo) {
    super(info.message, info.cause === undefined ? undefined : { cause: info.cause });
    this.name = "LeafError";
    this.code = info.code;
    this.class = info.class ?? "invalid";
    this.field = info.field;
    this.path = info.path ?? [];
    this.value = info.value;
    this.source = info.source;
  }

  /** "ticket.open: subject is required" */
  override toString(): string {
    const where = this.source ? `${this.source}: ` : "";
    const what = [this.field, ...this.path].filter((p) => p !== undefined).join(".");
    return `${where}${what ? `${what} ` : ""}${this.message}`;
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      class: this.class,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.path.length ? { path: this.path } : {}),
      ...(this.source === undefined ? {} : { source: this.source }),
    };
  }
}

/** The base of the four class errors; `errors` holds every underlying leaf error. */
export abstract class AshlarError extends Error {
  abstract readonly class: ErrorClass;
  readonly errors: readonly LeafError[];
  /**
   * For developers: why a Forbidden error happened (which policies applied, what each check answered, what
   * decided). Never part of `toJSON`, so interfaces do not send it to clients.
   */
  explanation: string | undefined = undefined;

  constructor(errors: readonly LeafError[], message?: string) {
    super(message ?? (errors.length ? errors.map((e) => e.toString()).join("\n") : "unknown error"));
    this.errors = errors;
  }

  toJSON(): Record<string, unknown> {
    return { class: this.class, message: this.message, errors: this.errors.map((e) => e.toJSON()) };
  }
}

/** The actor may not do this (policies). */
export class ForbiddenError extends AshlarError {
  readonly class = "forbidden" as const;
  override readonly name = "ForbiddenError";
}

/** The input or the requested change is not acceptable: fix the input and retry. */
export class InvalidError extends AshlarError {
  readonly class = "invalid" as const;
  override readonly name = "InvalidError";
}

/** The framework or the application's definitions are misused (a bug to fix in code, not in input). */
export class FrameworkError extends AshlarError {
  readonly class = "framework" as const;
  override readonly name = "FrameworkError";
}

/** Something unexpected failed (a thrown exception, a lost connection). */
export class UnknownError extends AshlarError {
  readonly class = "unknown" as const;
  override readonly name = "UnknownError";
}

const CLASSES = {
  forbidden: ForbiddenError,
  invalid: InvalidError,
  framework: FrameworkError,
  unknown: UnknownError,
};

/** Turns anything thrown into leaf errors, keeping ashlar errors as they are. */
export function toLeafErrors(error: unknown): LeafError[] {
  if (error instanceof AshlarError) return [...error.errors];
  if (error instanceof LeafError) return [error];
  const message = error instanceof Error ? error.message : String(error);
  return [new LeafError({ code: "unknown", class: "unknown", message, cause: error })];
}

/** Combines any number of errors into one class error: the worst class among them wins. */
export function toAshlarError(...errors: unknown[]): AshlarError {
  if (errors.length === 1 && errors[0] instanceof AshlarError) return errors[0];
  const leaves = errors.flatMap(toLeafErrors);
  const worst = leaves.reduce<ErrorClass>((w, e) => (RANK[e.class] > RANK[w] ? e.class : w), "unknown");
  return new CLASSES[worst](leaves);
}

export function invalid(info: Omit<LeafErrorInfo, "class">): LeafError {
  return new LeafError({ ...info, class: "invalid" });
}

export function frameworkError(message: string, extra: Partial<LeafErrorInfo> = {}): FrameworkError {
  return new FrameworkError([new LeafError({ code: "framework", message, ...extra, class: "framework" })]);
}

export function notFound(source: string, what: string): InvalidError {
  return new InvalidError([invalid({ code: "not_found", message: `${what} was not found`, source })]);
}

/** The record changed (or vanished) since it was read: reload it and retry. */
export function staleRecord(source: string, resource: string): InvalidError {
  return new InvalidError([
    invalid({
      code: "stale_record",
      message: `${resource} was changed by someone else since it was read; reload it and try again`,
      source,
    }),
  ]);
}

export function forbidden(source: string, message: string): ForbiddenError {
  return new ForbiddenError([new LeafError({ code: "forbidden", class: "forbidden", message, source })]);
}
