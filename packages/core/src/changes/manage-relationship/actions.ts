import type { AnyAction } from "../../actions/action.js";
import { acceptedAttributes } from "../../engine/cast-inputs.js";
import type { ActionRunner } from "../../engine/runtime.js";
import { frameworkError } from "../../errors/errors.js";
import type { AttributeMap } from "../../resource/attribute.js";
import type { ResolvedRelationship } from "../../resource/resolve.js";
import type { AnyResource } from "../../resource/resource.js";
import { mayDestroy, mayRelate, mayUnrelate, type Strategy } from "./strategy.js";

/** Which actions run the nested writes; each defaults to the resource's primary action of its type. */
export interface ActionNames {
  /** Destination read action, to find related records and look keys up. */
  readonly readAction?: string;
  /** Destination create action, for inputs without a match (`onNoMatch: "create"`). */
  readonly createAction?: string;
  /** Destination update action: updates matched records, and (hasMany, hasOne) sets their foreign key. */
  readonly updateAction?: string;
  /** Destination destroy action (`onMatch`/`onMissing: "destroy"`). */
  readonly destroyAction?: string;
  /** manyToMany: the join resource's read, create and destroy actions. */
  readonly joinReadAction?: string;
  readonly joinCreateAction?: string;
  readonly joinDestroyAction?: string;
}

type Role = "read" | "create" | "update" | "destroy" | "joinRead" | "joinCreate" | "joinDestroy";
const TYPE_OF: Record<Role, AnyAction["type"]> = {
  read: "read",
  create: "create",
  update: "update",
  destroy: "destroy",
  joinRead: "read",
  joinCreate: "create",
  joinDestroy: "destroy",
};

/** The actions a managed relationship runs, resolved and checked before anything is written. */
export class ManagedActions {
  constructor(
    private readonly where: string,
    private readonly names: Partial<Record<Role, string>>,
  ) {}

  get read(): string {
    return this.get("read");
  }

  /** The action of a role; the checks made sure every role the strategy uses is there. */
  get(role: Role): string {
    const name = this.names[role];
    if (name === undefined) throw frameworkError(`${this.where}: no ${role} action was resolved (a bug)`);
    return name;
  }
}

/**
 * Resolves the actions the strategy will run for this relationship, and checks what can be checked before any
 * write: each action exists with the right type, and takes the foreign keys it will be given. Mistakes are
 * framework errors naming the action and the fix.
 */
export function resolveActions(
  where: string,
  runner: ActionRunner,
  rel: ResolvedRelationship,
  strategy: Strategy,
  options: ActionNames,
): ManagedActions {
  const names: Partial<Record<Role, string>> = {};
  const need = (role: Role, resource: AnyResource, given: string | undefined, purpose: string) => {
    const type = TYPE_OF[role];
    const option = `${role}Action`;
    const name = given ?? runner.primaryAction(resource, type);
    if (name === undefined)
      throw frameworkError(
        `${where}: needs a ${type} action on ${resource.name} to ${purpose}; mark one primary ` +
          `(${type}({ primary: true, ... })) or pass ${option}`,
      );
    const action = resource.actions[name] as AnyAction | undefined;
    if (action?.type !== type) {
      const ofType = Object.entries(resource.actions as Record<string, AnyAction>)
        .filter(([, a]) => a.type === type)
        .map(([n]) => n);
      throw frameworkError(
        `${where}: ${option} "${name}" is not a ${type} action of ${resource.name}; ` +
          `its ${type} actions are ${ofType.join(", ") || "none"}`,
      );
    }
    names[role] = name;
    return action;
  };
  const mustTake = (resource: AnyResource, role: Role, fields: readonly string[], purpose: string) => {
    const action = resource.actions[names[role] as string] as AnyAction;
    for (const field of fields) {
      if (acceptedAttributes(resource, action).has(field) || field in action.arguments) continue;
      throw frameworkError(
        `${where}: ${resource.name}.${names[role]} must accept "${field}" to ${purpose}; ` +
          `add it to the action's accept list or pass ${role}Action`,
      );
    }
  };
  const destination = rel.destination;

  if (rel.kind === "belongsTo") {
    if (mayRelate(strategy)) need("read", destination, options.readAction, "look up the records to relate");
    return new ManagedActions(where, names);
  }

  need("read", destination, options.readAction, "find the related records");
  if (strategy.onNoMatch === "create") need("create", destination, options.createAction, "create records");
  if (mayDestroy(strategy)) need("destroy", destination, options.destroyAction, "destroy records");
  if (strategy.onMatch === "update") need("update", destination, options.updateAction, "update records");

  if (rel.kind === "manyToMany") {
    const through = rel.through as AnyResource;
    const joinKeys = [rel.sourceAttributeOnJoin as string, rel.destinationAttributeOnJoin as string];
    need("joinRead", through, options.joinReadAction, "find the join records");
    if (mayRelate(strategy) || strategy.onNoMatch === "create") {
      need("joinCreate", through, options.joinCreateAction, "create join records");
      mustTake(through, "joinCreate", joinKeys, "create join records");
    }
    if (mayUnrelate(strategy) || mayDestroy(strategy))
      need("joinDestroy", through, options.joinDestroyAction, "destroy join records");
    return new ManagedActions(where, names);
  }

  // hasMany, hasOne: the destination holds the foreign key.
  const fk = rel.destinationAttribute;
  if (strategy.onNoMatch === "create") mustTake(destination, "create", [fk], "set the foreign key");
  if (mayRelate(strategy) || mayUnrelate(strategy)) {
    need("update", destination, options.updateAction, "set the foreign key of records");
    mustTake(destination, "update", [fk], "set the foreign key");
  }
  if (mayUnrelate(strategy) && !(destination.attributes as AttributeMap)[fk]?.config.optional) {
    const instead = [
      ...(strategy.onMissing === "unrelate" ? [`onMissing: "destroy" (or "ignore")`] : []),
      ...(strategy.onMatch === "unrelate" ? [`onMatch: "destroy"`] : []),
    ];
    throw frameworkError(
      `${where}: unrelating a ${destination.name} sets its ${fk} to nil, but ${fk} is required; ` +
        `use ${instead.join(" and ")} instead, or make ${fk} optional`,
    );
  }
  return new ManagedActions(where, names);
}
