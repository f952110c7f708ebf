import type { AttrType } from "../types/type.js";

/**
 * Type-level facts about an attribute or argument, carried by the builder so that record types, action
 * inputs and code-interface signatures can be inferred from definitions.
 */
export interface AttrFlags {
  optional: boolean;
  hasDefault: boolean;
  writable: boolean;
  public: boolean;
  primaryKey: boolean;
  /** The type can generate its own values (uuids): `primaryKey()` then adds a default. */
  autogen: boolean;
}

export interface DefaultFlags {
  optional: false;
  hasDefault: false;
  writable: true;
  public: true;
  primaryKey: false;
  autogen: false;
}

/** Flags of a type that generates its own values (uuids). */
export interface AutogenFlags extends Omit<DefaultFlags, "autogen"> {
  autogen: true;
}

/** Flags of a read-only attribute with a default (timestamps). */
export interface ReadOnlyDefaultedFlags extends Omit<DefaultFlags, "hasDefault" | "writable"> {
  hasDefault: true;
  writable: false;
}

/** Flags `F` with the entries of `P` replaced. */
export type With<F extends AttrFlags, P extends Partial<AttrFlags>> = {
  [K in keyof AttrFlags]: K extends keyof P ? P[K] : F[K];
} & AttrFlags;

/** A default that resolves to the action's timestamp, so createTimestamp and updateTimestamp agree exactly. */
export const NOW: unique symbol = Symbol("ashlar.now");
export type DefaultValue<T> = T | (() => T) | typeof NOW;

export interface AttributeConfig {
  readonly type: AttrType<unknown>;
  readonly optional: boolean;
  readonly default?: DefaultValue<unknown>;
  readonly updateDefault?: DefaultValue<unknown>;
  readonly primaryKey: boolean;
  readonly generated: boolean;
  readonly writable: boolean;
  readonly public: boolean;
  readonly sensitive: boolean;
  readonly description?: string;
  readonly autogenerate?: () => unknown;
}

/**
 * An attribute (or action argument) definition. Immutable: every option returns a new builder.
 *
 * @example
 * subject: t.string({ min: 1, max: 200 }),
 * priority: t.enum(["low", "normal", "high"]).default("normal"),
 * notes: t.string().optional().public(false),
 */
export class Attribute<T, F extends AttrFlags = DefaultFlags, In = T> {
  declare readonly __value: T;
  declare readonly __flags: F;
  /** Type-level only: what writes may give (an embedded value may leave out nil-able fields). */
  declare readonly __input: In;
  readonly config: AttributeConfig;

  constructor(config: AttributeConfig) {
    this.config = Object.freeze({ ...config });
  }

  private with<G extends AttrFlags>(patch: Partial<AttributeConfig>): Attribute<T, G, In> {
    return new Attribute<T, G, In>({ ...this.config, ...patch });
  }

  /** Allows nil (null). Attributes are required by default. */
  optional(): Attribute<T, With<F, { optional: true }>, In> {
    return this.with({ optional: true });
  }

  /** A value, or a function called for each new record, used when a create does not set the attribute. */
  default(value: DefaultValue<T>): Attribute<T, With<F, { hasDefault: true }>, In> {
    return this.with({ default: value });
  }

  /** A value, or a function, applied on every update that does not set the attribute. */
  updateDefault(value: DefaultValue<T>): Attribute<T, F, In> {
    return this.with({ updateDefault: value });
  }

  /** Part of the primary key. For uuid types this also generates the value and makes it read-only. */
  primaryKey(): Attribute<
    T,
    F["autogen"] extends true
      ? With<F, { primaryKey: true; hasDefault: true; writable: false }>
      : With<F, { primaryKey: true }>,
    In
  > {
    const auto = this.config.autogenerate && this.config.default === undefined;
    return this.with(
      auto ? { primaryKey: true, default: this.config.autogenerate, writable: false } : { primaryKey: true },
    );
  }

  /** The data layer generates the value (a sequence, a database default): never required on create. */
  generated(): Attribute<T, With<F, { hasDefault: true; writable: false }>, In> {
    return this.with({ generated: true, writable: false });
  }

  /** Whether actions may accept the attribute as input (default true). */
  writable<W extends boolean>(writable: W): Attribute<T, With<F, { writable: W }>, In> {
    return this.with({ writable });
  }

  /** Whether interfaces (JSON:API, GraphQL) expose the attribute (default true). */
  public<P extends boolean>(isPublic: P): Attribute<T, With<F, { public: P }>, In> {
    return this.with({ public: isPublic });
  }

  /** Marks a secret (password hash, token): redacted in logs, errors, notifications' descriptions and events. */
  sensitive(): Attribute<T, F, In> {
    return this.with({ sensitive: true });
  }

  describe(description: string): Attribute<T, F, In> {
    return this.with({ description });
  }
}

/** Any attribute, whatever its value type and flags. */
// biome-ignore lint/suspicious/noExplicitAny: the widest attribute type; variance requires `any` here.
export type AnyAttribute = Attribute<any, AttrFlags, any>;
export type AttributeMap = Record<string, AnyAttribute>;

export function attribute<T, In = T>(
  type: AttrType<T>,
  extra: Partial<AttributeConfig> = {},
): Attribute<T, DefaultFlags, In> {
  return new Attribute<T, DefaultFlags, In>({
    type: type as AttrType<unknown>,
    optional: false,
    primaryKey: false,
    generated: false,
    writable: true,
    public: true,
    sensitive: false,
    ...extra,
  });
}

/** The value a record holds for an attribute: nil-able attributes add `null`. */
export type AttrValue<A> = A extends { __value: infer T; __flags: infer F extends AttrFlags }
  ? F["optional"] extends true
    ? T | null
    : T
  : never;
