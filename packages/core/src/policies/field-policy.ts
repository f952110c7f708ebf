import type { AnyAction } from "../actions/action.js";
import type { CallContext } from "../engine/changeset.js";
import type { ResourceRuntime } from "../engine/runtime.js";
import type { Expr } from "../expressions/ast.js";
import { evaluate } from "../expressions/evaluate.js";
import { fillTemplates, type TemplateValues } from "../expressions/templates.js";
import type { AttrType } from "../types/type.js";
import type { CheckContext } from "./check.js";
import { decide, type Verdict } from "./decide.js";
import type { PolicyDef } from "./policy.js";
import { type PolicyStep, policy } from "./policy.js";

/**
 * What a field the actor may not read holds in a record: a distinct marker, not nil, so "hidden" never looks
 * like "empty". It serialises to nothing (`JSON.stringify` drops it), so interfaces omit the field.
 */
export class ForbiddenField {
  static readonly instance = new ForbiddenField();
  private constructor() {
    Object.freeze(this);
  }
  toJSON(): undefined {
    return undefined;
  }
  toString(): string {
    return "[forbidden field]";
  }
}

/** The marker of a hidden field. */
export const FORBIDDEN_FIELD: ForbiddenField = ForbiddenField.instance;

export const isForbiddenField = (v: unknown): v is ForbiddenField => v === FORBIDDEN_FIELD;

/** A field policy: the fields it covers and the checks (as in a policy) that decide whether they are readable. */
export interface FieldPolicyDef<F extends string = string> {
  readonly kind: "fieldPolicy";
  readonly fields: readonly F[];
  readonly policy: PolicyDef;
}

/**
 * A field policy: the fields are readable only when the checks pass (every field policy covering a field must
 * pass; fields no field policy covers are always readable). Filter checks decide per record.
 *
 * @example fieldPolicies: [fieldPolicy(["internalNotes"], authorizeIf(actorAttributeEquals("role", "agent")))]
 */
export function fieldPolicy<const F extends string>(
  fields: readonly F[],
  ...steps: PolicyStep[]
): FieldPolicyDef<F> {
  return Object.freeze({ kind: "fieldPolicy" as const, fields, policy: policy([], ...steps) });
}

/** For each covered field: readable (true), hidden (false), or readable where the expression holds. */
export function decideFields(
  runtime: ResourceRuntime,
  action: AnyAction & { readonly name: string },
  call: CallContext,
): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  const fieldPolicies = (runtime.resource.fieldPolicies ?? []) as readonly FieldPolicyDef[];
  if (!fieldPolicies.length) return verdicts;
  const context: CheckContext = {
    actor: call.actor,
    resource: runtime.resource,
    action,
    changeset: undefined,
    tenant: call.tenant,
    context: call.context,
    accessingFrom: call.accessingFrom,
  };
  for (const [field, covering] of coveringOf(fieldPolicies))
    verdicts.set(field, decide(covering, context).verdict);
  return verdicts;
}

const covered = new WeakMap<readonly FieldPolicyDef[], Map<string, PolicyDef[]>>();

/** Each covered field with the policies covering it (worked out once per resource). */
function coveringOf(fieldPolicies: readonly FieldPolicyDef[]): Map<string, PolicyDef[]> {
  let byField = covered.get(fieldPolicies);
  if (!byField) {
    byField = new Map();
    for (const p of fieldPolicies)
      for (const field of p.fields) byField.set(field, [...(byField.get(field) ?? []), p.policy]);
    covered.set(fieldPolicies, byField);
  }
  return byField;
}

/** The computed value that tells, per record, whether a field is readable (for filter-dependent verdicts). */
export const fieldGuardName = (field: string) => `__readable_${field}`;

/** Replaces hidden fields of records with the ForbiddenField marker, and drops the guard values. */
export function hideFields(records: Record<string, unknown>[], verdicts: ReadonlyMap<string, Verdict>): void {
  for (const [field, verdict] of verdicts) {
    if (verdict === true) continue;
    for (const record of records) {
      const guard = fieldGuardName(field);
      const readable = verdict !== false && record[guard] === true;
      delete record[guard];
      if (!readable && field in record) record[field] = FORBIDDEN_FIELD;
    }
  }
}

/** The guards to compute in a read for filter-dependent field verdicts. */
export function fieldGuards(verdicts: ReadonlyMap<string, Verdict>): Record<string, Expr> {
  const out: Record<string, Expr> = {};
  for (const [field, verdict] of verdicts)
    if (typeof verdict !== "boolean") out[fieldGuardName(field)] = verdict;
  return out;
}

/**
 * Hides fields of a record an action answers (creates, updates, destroys). Verdicts that depend on the record
 * are evaluated on it in memory; one that needs related records hides the field (it cannot be shown safely).
 */
export function hideFieldsOfWritten(
  record: Record<string, unknown>,
  verdicts: ReadonlyMap<string, Verdict>,
  values: TemplateValues,
  typeOf: (field: string) => AttrType<unknown> | undefined,
): void {
  for (const [field, verdict] of verdicts) {
    if (typeof verdict === "boolean") continue;
    let readable = false;
    try {
      readable =
        evaluate(fillTemplates(verdict, values), {
          get: (r) => {
            if (r.path.length) throw new Error("needs related records");
            return record[r.name];
          },
          typeOf: (r) => typeOf(r.name),
        }) === true;
    } catch {
      readable = false;
    }
    record[fieldGuardName(field)] = readable;
  }
  hideFields([record], verdicts);
}
