import type { ActionType } from "../actions/action.js";
import type { ChangeDef } from "../changes/change.js";
import type { AttributeMap } from "../resource/attribute.js";
import { problemsOf, type ValidationDef } from "../validations/validation.js";
import { castValue, resolveDefault } from "./cast-value.js";
import type { Changeset } from "./changeset.js";

const DEFAULT_ON: readonly ActionType[] = ["create", "update"];

/** Whether a resource-level change or validation runs on this action type (default: create and update). */
export const appliesTo = (on: readonly ActionType[] | undefined, type: ActionType) =>
  (on ?? DEFAULT_ON).includes(type);

/** Whether every `where` validation passes, without recording their problems. */
async function conditionsHold(where: readonly ValidationDef[] | undefined, cs: Changeset): Promise<boolean> {
  for (const v of where ?? []) if (problemsOf(await v.impl.validate(cs)).length) return false;
  return true;
}

/**
 * Builds the changeset's intended state, in order:
 * 1. the action's changes, then the resource's changes for this action type (each in declared order);
 * 2. defaults for attributes still unset (on create) and update defaults (on update);
 * 3. the action's validations, then the resource's; then required attributes.
 * Changes and validations honour `where` and `onlyWhenValid`.
 */
export async function runChangesAndValidations(cs: Changeset): Promise<void> {
  const action = cs.action as {
    changes?: readonly ChangeDef<string>[];
    validations?: readonly ValidationDef<string>[];
  };
  const changes = [
    ...(action.changes ?? []),
    ...cs.resource.changes.filter((c: ChangeDef<string>) => appliesTo(c.options.on, cs.actionType)),
  ];
  const replay = cs.call.replay;
  for (const change of changes as ChangeDef[]) {
    if (change.options.onlyWhenValid && !cs.isValid) continue;
    if (!(await conditionsHold(change.options.where, cs))) continue;
    const hooksBefore = replay && hookCounts(cs);
    await change.impl.change(cs);
    await cs.settle();
    if (hooksBefore && !keeps(replay?.keepHooksOf, change)) dropHooksAfter(cs, hooksBefore);
  }
  applyDefaults(cs);
  if (replay?.force) {
    for (const [name, value] of Object.entries(replay.force))
      if (name in cs.resource.attributes) cs.changeAttribute(name, value);
    await cs.settle();
  }
  const validations = [
    ...(action.validations ?? []),
    ...cs.resource.validations.filter((v: ValidationDef<string>) => appliesTo(v.options.on, cs.actionType)),
  ];
  for (const validation of validations as ValidationDef[]) {
    if (validation.options.onlyWhenValid && !cs.isValid) continue;
    if (!(await conditionsHold(validation.options.where, cs))) continue;
    for (const problem of problemsOf(await validation.impl.validate(cs))) {
      const { value, ...rest } = problem;
      cs.addError({
        code: problem.code ?? "invalid",
        ...rest,
        ...(isSensitive(cs, problem.field) ? {} : { value }),
        message: validation.options.message ?? problem.message,
      });
    }
  }
  checkRequired(cs);
}

type HookLists = Changeset["hooks"];

/** Whether a replay keeps this change's hooks: named by its name, or given as the change itself. */
const keeps = (keep: readonly (string | ChangeDef<string>)[] | undefined, change: ChangeDef) =>
  keep?.some((k) => (typeof k === "string" ? k === change.impl.name : k.impl === change.impl)) ?? false;

const hookCounts = (cs: Changeset) =>
  Object.fromEntries(Object.entries(cs.hooks).map(([k, list]) => [k, list.length])) as Record<
    keyof HookLists,
    number
  >;

/** Replay: the hooks a change just added are dropped (they ran when the history was first written). */
function dropHooksAfter(cs: Changeset, counts: Record<keyof HookLists, number>): void {
  for (const key of Object.keys(counts) as (keyof HookLists)[]) cs.hooks[key].length = counts[key];
}

const isSensitive = (cs: Changeset, field: string | undefined) =>
  field !== undefined &&
  ((cs.resource.attributes as AttributeMap)[field]?.config.sensitive === true ||
    (cs.action.arguments as AttributeMap)[field]?.config.sensitive === true);

/** Defaults on create (and nil for attributes nothing set, so records always carry every field); update defaults. */
function applyDefaults(cs: Changeset): void {
  const attrs = cs.resource.attributes as AttributeMap;
  for (const [name, attr] of Object.entries(attrs)) {
    if (cs.actionType === "create" && attr.config.default === undefined && !attr.config.generated) {
      if (cs.attributes[name] === undefined) cs.attributes[name] = null;
      continue;
    }
    const d =
      cs.actionType === "create"
        ? attr.config.default
        : cs.actionType === "update"
          ? attr.config.updateDefault
          : undefined;
    if (
      d === undefined ||
      (name in cs.attributes && (cs.actionType === "update" || cs.attributes[name] !== null))
    )
      continue;
    const result = castValue(attr.config, resolveDefault(d, cs.timestamp));
    if (result instanceof Promise)
      throw new Error(`${cs.resource.name}.${name}: defaults must cast synchronously`);
    if (result.ok) cs.attributes[name] = result.value;
    else
      cs.addError({ code: result.code, field: name, message: `has an invalid default: ${result.message}` });
  }
}

function checkRequired(cs: Changeset): void {
  if (cs.actionType === "destroy") return;
  const attrs = cs.resource.attributes as AttributeMap;
  for (const [name, attr] of Object.entries(attrs)) {
    if (attr.config.optional || attr.config.generated) continue;
    const value = cs.attributes[name];
    const missing =
      cs.actionType === "create"
        ? value === undefined || value === null
        : name in cs.attributes && value === null;
    if (missing && !cs.errors.some((e) => e.field === name))
      cs.addError({ code: "required", field: name, message: "is required" });
  }
}
