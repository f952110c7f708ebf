import type { AnyAction } from "../actions/action.js";
import type { ActionRunner } from "../engine/runtime.js";
import { FrameworkError, frameworkError } from "../errors/errors.js";
import type { ResolvedRelationship } from "../resource/resolve.js";
import { ChangeDef } from "./change.js";
import { type ActionNames, resolveActions } from "./manage-relationship/actions.js";
import { manageBelongsTo } from "./manage-relationship/belongs-to.js";
import { readInput } from "./manage-relationship/input.js";
import { Report } from "./manage-relationship/report.js";
import { foreignKeyStore, joinStore } from "./manage-relationship/stores.js";
import { type ManageType, type Strategy, strategyOf } from "./manage-relationship/strategy.js";
import { sync } from "./manage-relationship/sync.js";

export type { ActionNames, ManageType, Strategy };

export interface ManageRelationshipOptions extends Partial<Strategy>, ActionNames {
  /** The shorthand (Ash's `type`); `onLookup`, `onNoMatch`, `onMatch` and `onMissing` override its parts. */
  readonly type: ManageType;
}

/**
 * Manages a relationship from an action argument, as Ash's `manage_relationship`: the argument lists related
 * records (their keys, or objects of their fields; one value for belongsTo and hasOne) and the action makes
 * the relationship agree with it, according to `type`:
 *
 * | type              | given, related  | given, exists  | given, no match | related, not given |
 * |-------------------|-----------------|----------------|-----------------|--------------------|
 * | `append`          | left alone      | related        | error           | left alone         |
 * | `appendAndRemove` | left alone      | related        | error           | unrelated          |
 * | `remove`          | unrelated       | error          | error           | left alone         |
 * | `directControl`   | updated         | (no lookup)    | created         | destroyed          |
 * | `create`          | left alone      | (no lookup)    | created         | left alone         |
 *
 * Relating sets the destination's foreign key (hasMany, hasOne: through its update action) or creates a join
 * record (manyToMany: through the join resource's create action, never twice for a pair); unrelating sets the
 * foreign key to nil or destroys the join records. A required foreign key cannot be set to nil: use
 * `onMissing: "destroy"` there. Every write is a nested action (`cs.actions`), so the related resources'
 * changes, validations and notifications apply; the actions default to each resource's primary ones.
 *
 * hasMany, hasOne and manyToMany are managed in an after-action hook: the parent exists, and all runs in the
 * parent's transaction, so a failing entry rolls back the parent too. Errors of nested actions become errors
 * on the argument with the entry's index in `path` (`{ field: "tags", path: [1, "name"] }`). belongsTo
 * (append, appendAndRemove, remove) sets the parent's own foreign key before the write instead: see
 * `manageBelongsTo`. The action answers the parent as written; load the relationship to see the result.
 *
 * @example
 * update: update({
 *   accept: ["subject"],
 *   arguments: { tags: t.array(t.json()).optional() },
 *   changes: [manageRelationship("tags", "tags", { type: "appendAndRemove" })],
 * })
 * // await engine.update(Ticket, "update", ticket, { tags: [hardware.id, { id: network.id }] })
 */
export function manageRelationship<const A extends string, const R extends string>(
  argument: A,
  relationship: R,
  options: ManageRelationshipOptions,
): ChangeDef<A | R> {
  const label = `manageRelationship("${argument}", "${relationship}")`;
  const strategy = strategyOf(label, options);
  return new ChangeDef<A | R>({
    name: "manageRelationship",
    refs: [argument],
    relationshipRefs: [relationship],
    describe: () => `manages ${relationship} from the ${argument} argument (${options.type})`,
    // The same checks as each call makes, run once when the app is built.
    verify: (w) => {
      const rel = w.relationship(relationship);
      if (!rel) return [];
      try {
        checkUse(label, w.action, argument, rel, strategy);
        resolveActions(label, planningRunner(w.primaryAction), rel, strategy, options);
        return [];
      } catch (error) {
        if (error instanceof FrameworkError) return error.errors.map((e) => e.message);
        throw error;
      }
    },
    change: async (cs) => {
      const where = `${cs.source}: ${label}`;
      const rel = cs.relationship(relationship);
      checkUse(where, cs.action, argument, rel, strategy);
      const actions = resolveActions(where, cs.actions, rel, strategy, options);
      const value = cs.getArgument(argument);
      if (value === undefined) return;
      const toOne = rel.kind === "belongsTo" || rel.kind === "hasOne";
      const keyFields = rel.kind === "belongsTo" ? [rel.destinationAttribute] : rel.destination.primaryKey;
      const { items, problems } = await readInput(value, keyFields, rel.destination, toOne);
      const report = new Report(cs, argument);
      for (const p of problems) report.problem(p.at, p.code, p.message);
      if (problems.length) return;
      if (rel.kind === "belongsTo") return manageBelongsTo(cs, rel, items, strategy, actions, report);
      if (!items.length && strategy.onMissing === "ignore") return;
      cs.afterAction(async (_, record) => {
        const parentValue = record[rel.sourceAttribute];
        if (parentValue === null || parentValue === undefined) {
          report.problem(
            [],
            "invalid",
            `cannot relate ${rel.destination.name} records: ${cs.resource.name}.${rel.sourceAttribute} is nil`,
          );
          return;
        }
        const store =
          rel.kind === "manyToMany"
            ? joinStore(cs, rel, actions, parentValue)
            : foreignKeyStore(cs, rel, actions, parentValue);
        await sync(items, strategy, store, report, { source: cs.resource, destination: rel.destination });
      });
    },
  });
}

/** Checks that the change is used where it can work; each mistake says what to change. */
function checkUse(
  where: string,
  action: AnyAction,
  argument: string,
  rel: ResolvedRelationship,
  strategy: Strategy,
): void {
  if (!(argument in action.arguments))
    throw frameworkError(
      `${where}: "${argument}" is not an argument of the action; declare it, ` +
        `e.g. arguments: { ${argument}: t.array(t.json()) }`,
    );
  if (action.type !== "create" && action.type !== "update")
    throw frameworkError(`${where}: manages relationships in create and update actions, not ${action.type}`);
  if ("transaction" in action && action.transaction === false)
    throw frameworkError(
      `${where}: needs the action's transaction, so that related writes roll back with the parent; ` +
        `remove transaction: false`,
    );
  if (rel.kind !== "belongsTo") return;
  const unsupported = [
    ...(strategy.onNoMatch === "create" ? [`onNoMatch: "create"`] : []),
    ...(strategy.onMatch === "update" || strategy.onMatch === "destroy"
      ? [`onMatch: "${strategy.onMatch}"`]
      : []),
    ...(strategy.onMissing === "destroy" ? [`onMissing: "destroy"`] : []),
  ];
  if (unsupported.length)
    throw frameworkError(
      `${where}: a belongsTo relationship is managed through its foreign key, which supports append, ` +
        `appendAndRemove and remove; ${unsupported.join(", ")} would create, update or destroy a ` +
        `${rel.destination.name}: run that action on ${rel.destination.name} first and pass its key`,
    );
}

/** A runner that only answers which actions exist: resolving actions when the app is built runs nothing. */
function planningRunner(primaryAction: ActionRunner["primaryAction"]): ActionRunner {
  const never = () =>
    Promise.reject(new Error("manageRelationship: nothing runs while the app is being built"));
  return { primaryAction, create: never, update: never, destroy: never, read: never };
}
