import type {
  Accept,
  AnyAction,
  ArgValues,
  CreateActionDef,
  DestroyActionDef,
  GenericActionDef,
  InputValue,
  IsOptionalInput,
  ReadActionDef,
  Simplify,
  UpdateActionDef,
} from "../actions/action.js";
import type { ForbiddenField } from "../policies/field-policy.js";
import type { AttributeMap, AttrValue } from "./attribute.js";
import type { AnyResource } from "./resource.js";

/** The record type of a resource, inferred from its attributes (foreign keys included). */
export type RecordOf<R extends AnyResource> = Simplify<{
  -readonly [K in keyof R["attributes"]]: K extends HiddenFields<R>
    ? AttrValue<R["attributes"][K]> | ForbiddenField
    : AttrValue<R["attributes"][K]>;
}>;

/** Fields that field policies may hide from the caller. */
type HiddenFields<R extends AnyResource> = R extends { __hidden?: infer H } ? Exclude<H, undefined> : never;

/** Attributes that `accept: "*"` takes: public and writable. */
export type StarAccepted<Attrs extends AttributeMap> = {
  [K in keyof Attrs]: Attrs[K] extends { __flags: infer F }
    ? F extends { writable: true; public: true }
      ? K
      : never
    : never;
}[keyof Attrs] &
  string;

export type AcceptedKeys<Attrs extends AttributeMap, Acc extends Accept> = Acc extends "*"
  ? StarAccepted<Attrs>
  : Acc extends readonly (infer K)[]
    ? K & keyof Attrs & string
    : never;

/** Create input: accepted attributes (required unless nil-able or defaulted) and arguments. */
export type CreateInput<Attrs extends AttributeMap, Acc extends Accept, Args extends AttributeMap> = Simplify<
  {
    [K in AcceptedKeys<Attrs, Acc> as IsOptionalInput<Attrs[K]> extends true ? never : K]: InputValue<
      Attrs[K]
    >;
  } & {
    [K in AcceptedKeys<Attrs, Acc> as IsOptionalInput<Attrs[K]> extends true ? K : never]?:
      | InputValue<Attrs[K]>
      | undefined;
  } & ArgValues<Args>
>;

/** Update and destroy input: every accepted attribute is optional; arguments as declared. */
export type ChangeInput<Attrs extends AttributeMap, Acc extends Accept, Args extends AttributeMap> = Simplify<
  { [K in AcceptedKeys<Attrs, Acc>]?: InputValue<Attrs[K]> | undefined } & ArgValues<Args>
>;

/** The input type of one action of a resource. */
export type ActionInput<R extends AnyResource, A extends keyof R["actions"]> = InputOfAction<
  R["attributes"],
  R["actions"][A]
>;

export type InputOfAction<Attrs extends AttributeMap, Act> =
  Act extends CreateActionDef<infer Acc, infer Args, string>
    ? CreateInput<Attrs, Acc, Args>
    : Act extends UpdateActionDef<infer Acc, infer Args, string>
      ? ChangeInput<Attrs, Acc, Args>
      : Act extends DestroyActionDef<infer Acc, infer Args, string>
        ? ChangeInput<Attrs, Acc, Args>
        : Act extends ReadActionDef<infer Args, string>
          ? ArgValues<Args>
          : Act extends GenericActionDef<infer Args, unknown>
            ? ArgValues<Args>
            : never;

/** What an action answers. */
export type ActionResult<R extends AnyResource, A extends keyof R["actions"]> =
  R["actions"][A] extends GenericActionDef<infer _Args, infer Ret>
    ? Ret
    : R["actions"][A] extends ReadActionDef
      ? RecordOf<R>[]
      : RecordOf<R>;

/** Names of a resource's actions of one type. */
export type ActionsOfType<R extends AnyResource, T extends AnyAction["type"]> = {
  [K in keyof R["actions"]]: R["actions"][K] extends { type: T } ? K : never;
}[keyof R["actions"]] &
  string;
