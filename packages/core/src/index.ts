/**
 * @ashlar/core — resources, domains, the action engine, errors, notifications and the in-memory data layer.
 */
export type * from "./actions/action.js";
export { action, create, defaults, destroy, read, update } from "./actions/builders.js";
export { type App, type AppCore, type AppOptions, createApp } from "./app/create-app.js";
export { ChangeDef, type ChangeImpl, type ChangeOptions, change } from "./changes/change.js";
export { afterAction, afterTransaction, beforeAction, beforeTransaction } from "./changes/hooks.js";
export { type IncrementOptions, increment } from "./changes/increment.js";
export { type ManageRelationshipOptions, manageRelationship } from "./changes/manage-relationship.js";
export { optimisticLock } from "./changes/optimistic-lock.js";
export { type RelateActorOptions, relateActor } from "./changes/relate-actor.js";
export { set, type ValueSource } from "./changes/set.js";
export { setNew } from "./changes/set-new.js";
export * from "./data-layer/contract.js";
export { MemoryDataLayer, type MemoryOptions, memory } from "./data-layer/memory/memory-data-layer.js";
export {
  type ArgName,
  type DefineOptions,
  type Definition,
  define,
  type IdentityKeys,
} from "./domain/define.js";
export { type AnyDomain, type Domain, domain } from "./domain/domain.js";
export type {
  CallOptions,
  DomainInterface,
  Filterable,
  InterfaceFunction,
  Result,
} from "./domain/interface-types.js";
export type {
  BulkError,
  BulkOptions,
  BulkQuery,
  BulkResult,
  BulkTarget,
  BulkTransaction,
} from "./engine/bulk-options.js";
export { acceptedAttributes } from "./engine/cast-inputs.js";
export { type CallContext, Changeset, type Outcome } from "./engine/changeset.js";
export { type CallInput, Engine } from "./engine/engine.js";
export type { Page, PageInput } from "./engine/paginate.js";
export { Query } from "./engine/query.js";
export type { ReadOptions, SortInput } from "./engine/read-options.js";
export type {
  RecordedWrite,
  RecorderStore,
  ReplayDirective,
  WriteRecorder,
} from "./engine/write-recorder.js";
export * from "./errors/errors.js";
export * from "./expressions/ast.js";
export { type EvalScope, evaluate, matches } from "./expressions/evaluate.js";
export { ExpressionSyntaxError, expr, parseExpr } from "./expressions/expr.js";
export { type FieldOperators, type FilterInput, filterInputToExpr } from "./expressions/filter-input.js";
export { DATE_UNITS, DATETIME_UNITS, type DatetimeUnit } from "./expressions/functions/calendar.js";
export {
  ExpressionError,
  type ExprFunction,
  type FunctionContext,
} from "./expressions/functions/function.js";
export type { Notification, Notifier, Publication } from "./notifications/notification.js";
export { PubSub, type Subscriber, type SubscriptionFilter } from "./notifications/pubsub.js";
export { authorizing, decideCall, forbiddenBy } from "./policies/authorize.js";
export { type Check, type CheckContext, filterCheck, simpleCheck } from "./policies/check.js";
export {
  accessingFrom,
  action as actionIs,
  actionType,
  actorAttributeEquals,
  actorPresent,
  always,
  changingAttributes,
  describeExpr,
  expressionCheck,
  never,
  relatesToActorVia,
  relatingToActor,
} from "./policies/checks/builtin.js";
export { type Decision, decide, explain, type PolicyTrace, type Verdict } from "./policies/decide.js";
export {
  type FieldPolicyDef,
  FORBIDDEN_FIELD,
  ForbiddenField,
  fieldPolicy,
  isForbiddenField,
} from "./policies/field-policy.js";
export {
  authorizeIf,
  authorizeUnless,
  bypass,
  described,
  forbidIf,
  forbidUnless,
  type PolicyDef,
  policy,
} from "./policies/policy.js";
export { type BuildOptions, build } from "./preparations/build.js";
export { PreparationDef, type PreparationImpl, preparation } from "./preparations/preparation.js";
export {
  type AggregateDef,
  type AggregateMap,
  type AggregateOptions,
  avg,
  count,
  existsAggregate,
  first,
  list,
  max,
  min,
  sum,
} from "./resource/aggregate.js";
export {
  type AnyAttribute,
  type AttrFlags,
  Attribute,
  type AttributeConfig,
  type AttributeMap,
  type AttrValue,
  type AutogenFlags,
  type DefaultFlags,
  type DefaultValue,
  NOW,
  type ReadOnlyDefaultedFlags,
  type With,
} from "./resource/attribute.js";
export {
  type CalculationContext,
  type CalculationDef,
  type CalculationMap,
  type ComputeFn,
  calculation,
} from "./resource/calculation.js";
export {
  type EmbeddedInput,
  type EmbeddedResource,
  type EmbeddedValue,
  embedded,
} from "./resource/embedded.js";
export type {
  AcceptedKeys,
  ActionInput,
  ActionResult,
  ChangeInput,
  CreateInput,
  InputOfAction,
  RecordOf,
  StarAccepted,
} from "./resource/infer.js";
export {
  type AnyRelationship,
  belongsTo,
  type Destination,
  type ForeignKeyAttributes,
  type ForeignKeyName,
  hasMany,
  hasOne,
  manyToMany,
  type OptionalUuid,
  type OptionalUuidFlags,
  type Relationship,
  type RelationshipConfig,
  type RelationshipKind,
  type RelationshipMap,
} from "./resource/relationships.js";
export type { ResolvedRelationship } from "./resource/resolve.js";
export {
  type AllAttributes,
  type AnyResource,
  type IdentityOptions,
  type Resource,
  type ResourceInput,
  resource,
  type VerifyResource,
} from "./resource/resource.js";
export { t } from "./resource/t.js";
export type { LogEvent, Logger } from "./telemetry/telemetry.js";
export { compareDecimal, normaliseDecimal } from "./types/decimal.js";
export type { Json } from "./types/json.js";
export { nowDatetime } from "./types/temporal.js";
export type { AttrType, CastResult } from "./types/type.js";
export { uuidv7 } from "./types/uuid.js";
export { attributeEquals, changing } from "./validations/changing.js";
export { type CompareOptions, compare } from "./validations/compare.js";
export { confirm } from "./validations/confirm.js";
export { match } from "./validations/match.js";
export { numericality } from "./validations/numericality.js";
export { oneOf } from "./validations/one-of.js";
export { absent, type CountOptions, present } from "./validations/present.js";
export { stringLength } from "./validations/string-length.js";
export {
  ValidationDef,
  type ValidationImpl,
  type ValidationProblem,
  type ValidationResult,
  validation,
} from "./validations/validation.js";
