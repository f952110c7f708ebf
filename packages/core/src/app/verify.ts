import type { AnyAction } from "../actions/action.js";
import type { ChangeDef, VerifyContext } from "../changes/change.js";
import { acceptedAttributes } from "../engine/cast-inputs.js";
import { type ExpandContext, ExpansionError, normaliseExpr } from "../engine/expand-expr.js";
import { primaryActionOf, type ResourceRuntime } from "../engine/runtime.js";
import { ref } from "../expressions/ast.js";
import type { PolicyDef } from "../policies/policy.js";
import type { PreparationDef } from "../preparations/preparation.js";
import type { AttributeMap } from "../resource/attribute.js";
import type { CalculationDef } from "../resource/calculation.js";
import type { ResolvedRelationship } from "../resource/resolve.js";
import type { AnyResource } from "../resource/resource.js";
import type { ValidationDef } from "../validations/validation.js";

/**
 * Verifies a resource's cross-references once, when the app is built. Every problem names the resource, the
 * section and the field, and says what would be valid; all problems are reported together.
 */
export function verifyResource(
  resource: AnyResource,
  relationships: Readonly<Record<string, ResolvedRelationship>>,
): string[] {
  const problems: string[] = [];
  const attrs = resource.attributes as AttributeMap;
  const attrNames = Object.keys(attrs);
  const at = (section: string, message: string) => problems.push(`${resource.name} (${section}): ${message}`);
  const list = (names: readonly string[]) => (names.length ? names.join(", ") : "none");

  for (const [i, p] of ((resource.policies ?? []) as PolicyDef[]).entries()) {
    for (const c of p.conditions) {
      if (c.type === "filter") {
        at(
          `policies[${i}]`,
          `the condition "${c.describe()}" is a filter check; conditions must be simple checks (put filters in the policy's checks)`,
        );
      }
    }
  }
  if (resource.primaryKey.length === 0) {
    at(
      "attributes",
      "has no primary key; mark an attribute with .primaryKey(), e.g. id: t.uuidv7().primaryKey()",
    );
  }
  for (const identity of resource.identities) {
    for (const key of identity.keys) {
      if (!attrs[key])
        at(`identities.${identity.name}`, `"${key}" is not an attribute; attributes are ${list(attrNames)}`);
    }
  }
  for (const [name, rel] of Object.entries(relationships)) {
    const check = (owner: AnyResource, attribute: string | undefined, role: string) => {
      if (attribute !== undefined && !(owner.attributes as AttributeMap)[attribute]) {
        at(`relationships.${name}`, `${role} "${attribute}" is not an attribute of ${owner.name}`);
      }
    };
    check(resource, rel.sourceAttribute, "source attribute");
    check(rel.destination, rel.destinationAttribute, "destination attribute");
    if (rel.through) {
      check(rel.through, rel.sourceAttributeOnJoin, "join attribute");
      check(rel.through, rel.destinationAttributeOnJoin, "join attribute");
    }
  }
  const primaries = new Map<string, string>();
  for (const [name, action] of Object.entries(resource.actions) as [string, AnyAction][]) {
    const section = `actions.${name}`;
    if (action.primary) {
      const other = primaries.get(action.type);
      if (other) at(section, `is a second primary ${action.type} action (${other} is one already)`);
      primaries.set(action.type, name);
    }
    const args = Object.keys(action.arguments);
    if ("accept" in action && Array.isArray(action.accept)) {
      for (const field of action.accept as string[]) {
        if (!attrs[field])
          at(`${section}.accept`, `"${field}" is not an attribute; attributes are ${list(attrNames)}`);
        else if (!attrs[field]?.config.writable)
          at(`${section}.accept`, `"${field}" is not writable; set it with a change instead`);
        if (args.includes(field))
          at(`${section}.arguments`, `"${field}" is both an argument and an accepted attribute`);
      }
    }
    const known = [...attrNames, ...args];
    const where: VerifyContext = {
      resource,
      action: { ...action, name },
      relationship: (r) => relationships[r],
      primaryAction: primaryActionOf,
    };
    const resourceChanges = (resource.changes as ChangeDef<string>[]).filter((c) =>
      (c.options.on ?? ["create", "update"]).includes(action.type as "create"),
    );
    for (const c of ("changes" in action ? action.changes : []) as ChangeDef<string>[]) {
      verifyRefs(at, `${section}.changes`, c, known, relationships);
    }
    for (const c of [
      ...(("changes" in action ? action.changes : []) as ChangeDef<string>[]),
      ...resourceChanges,
    ]) {
      for (const problem of c.impl.verify?.(where) ?? []) at(`${section}.changes`, problem);
    }
    for (const v of ("validations" in action ? action.validations : []) as ValidationDef<string>[])
      verifyRefs(at, `${section}.validations`, v, known, relationships);
    for (const p of ("preparations" in action ? action.preparations : []) as PreparationDef<string>[])
      verifyRefs(at, `${section}.preparations`, p, known, relationships);
  }
  for (const c of resource.changes as ChangeDef<string>[])
    verifyRefs(at, "changes", c, attrNames, relationships);
  for (const v of resource.validations as ValidationDef<string>[])
    verifyRefs(at, "validations", v, attrNames, relationships);
  for (const p of resource.preparations as PreparationDef<string>[])
    verifyRefs(at, "preparations", p, attrNames, relationships);
  return problems;
}

type Verifiable = {
  impl: { refs?: readonly string[]; relationshipRefs?: readonly string[]; name: string };
  options?: { where?: readonly Verifiable[] };
};

function verifyRefs(
  at: (section: string, message: string) => void,
  section: string,
  def: Verifiable,
  known: readonly string[],
  relationships: Readonly<Record<string, ResolvedRelationship>>,
): void {
  for (const field of def.impl.refs ?? []) {
    if (!known.includes(field))
      at(section, `${def.impl.name} refers to "${field}", which is not an attribute or argument here`);
  }
  for (const rel of def.impl.relationshipRefs ?? []) {
    const found = relationships[rel];
    if (!found) at(section, `${def.impl.name} refers to "${rel}", which is not a relationship`);
  }
  for (const w of def.options?.where ?? []) verifyRefs(at, `${section} where`, w, known, relationships);
}

/** Verifies one code-interface definition against its domain and action. */
export function verifyDefinition(
  domain: { name: string; resources: readonly AnyResource[] },
  name: string,
  def: {
    resource: AnyResource;
    action: string;
    args: readonly string[];
    getBy: readonly string[] | undefined;
    getByIdentity: string | undefined;
  },
): string[] {
  const problems: string[] = [];
  const at = (message: string) => problems.push(`${domain.name} (interface.${name}): ${message}`);
  if (!domain.resources.includes(def.resource))
    at(`${def.resource.name} is not one of the domain's resources`);
  const action = def.resource.actions[def.action] as AnyAction | undefined;
  if (!action) {
    at(`${def.resource.name} has no action "${def.action}"`);
    return problems;
  }
  const attrs = def.resource.attributes as AttributeMap;
  const accepted = [...acceptedAttributes(def.resource, action)];
  const inputs = [...accepted, ...Object.keys(action.arguments)];
  let optionalSeen = false;
  for (const arg of def.args) {
    const base = arg.endsWith("?") ? arg.slice(0, -1) : arg;
    if (!inputs.includes(base))
      at(
        `args: "${base}" is not an input of ${def.resource.name}.${def.action}; inputs are ${inputs.join(", ") || "none"}`,
      );
    if (arg.endsWith("?")) optionalSeen = true;
    else if (optionalSeen) at(`args: "${arg}" is required but follows an optional argument`);
  }
  if (def.getByIdentity && !def.getBy)
    at(`getByIdentity: ${def.resource.name} has no identity "${def.getByIdentity}"`);
  for (const key of def.getBy ?? [])
    if (!attrs[key]) at(`getBy: "${key}" is not an attribute of ${def.resource.name}`);
  if (def.getBy && !["read", "update", "destroy"].includes(action.type))
    at(`getBy only applies to read, update and destroy actions`);
  return problems;
}

/**
 * Verifies calculations and aggregates by expanding them as a read would: every name, path and field they use
 * must exist. Also catches names that clash with attributes or relationships.
 */
export function verifyDerived(runtimes: ReadonlyMap<AnyResource, ResourceRuntime>): string[] {
  const problems: string[] = [];
  const ctx: ExpandContext = {
    runtimeOf: (r) => runtimes.get(r) as ResourceRuntime,
    actor: undefined,
    arguments: {},
    context: {},
  };
  for (const { resource, relationships } of runtimes.values()) {
    const taken = new Set([...Object.keys(resource.attributes), ...Object.keys(relationships)]);
    const derived: [string, string][] = [
      ...Object.keys(resource.calculations).map((n) => ["calculations", n] as [string, string]),
      ...Object.keys(resource.aggregates).map((n) => ["aggregates", n] as [string, string]),
    ];
    for (const [section, name] of derived) {
      if (taken.has(name)) {
        problems.push(
          `${resource.name} (${section}.${name}): the name is already an attribute or relationship`,
        );
        continue;
      }
      taken.add(name);
      const calc = (resource.calculations as Record<string, CalculationDef>)[name];
      if (calc && !calc.expr) {
        for (const dep of calc.load) {
          const known =
            dep in resource.attributes ||
            dep in relationships ||
            dep in resource.calculations ||
            dep in resource.aggregates;
          if (!known)
            problems.push(
              `${resource.name} (${section}.${name}.load): "${dep}" is not a field of ${resource.name}`,
            );
        }
        continue;
      }
      try {
        normaliseExpr(ref(name), resource, ctx);
      } catch (error) {
        if (!(error instanceof ExpansionError)) throw error;
        problems.push(`${resource.name} (${section}.${name}): ${error.field} ${error.message}`);
      }
    }
  }
  return problems;
}
