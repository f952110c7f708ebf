import { type Changeset, sameValue } from "../../engine/changeset.js";
import { lit, op, ref } from "../../expressions/ast.js";
import type { ResolvedRelationship } from "../../resource/resolve.js";
import type { ManagedActions } from "./actions.js";
import { type InputItem, keyText } from "./input.js";
import type { Report } from "./report.js";
import type { Strategy } from "./strategy.js";

/**
 * Manages a belongsTo relationship: the foreign key lives on the parent, so it is set *before* the write — as
 * a changed attribute while the changes run, so the parent's validations and required checks see it. Whether
 * the record exists is checked in a before-action hook, inside the transaction, through the destination's
 * read action. Entries name the destination by the attribute the foreign key points at (usually its primary
 * key); relating one replaces whatever was related, as a foreign key holds one value.
 *
 * @example manageRelationship("assignee", "assignee", { type: "append" }) // input: "u1" or { id: "u1" }
 */
export function manageBelongsTo(
  cs: Changeset,
  rel: ResolvedRelationship,
  items: readonly InputItem[],
  strategy: Strategy,
  actions: ManagedActions,
  report: Report,
): void {
  const fk = rel.sourceAttribute;
  const keyField = rel.destinationAttribute;
  const destination = rel.destination.name;
  const current = cs.data?.[fk] ?? null;
  const item = items[0];
  if (!item) {
    if (strategy.onMissing === "unrelate" && current !== null) cs.changeAttribute(fk, null);
    return;
  }
  if (item.key === undefined) {
    if (strategy.onNoMatch === "error")
      report.problem(
        [...item.at, keyField],
        "required",
        `needs the ${keyField} of an existing ${destination}`,
      );
    return;
  }
  const value = item.key[keyField];
  const what = `${destination} ${keyText(item.key, [keyField])}`;
  if (current !== null && sameValue(value, current)) {
    if (strategy.onMatch === "unrelate") cs.changeAttribute(fk, null);
    else if (strategy.onMatch === "error")
      report.problem(item.at, "already_related", `${what} is already related`);
    return;
  }
  if (strategy.onLookup !== "relate") {
    if (strategy.onNoMatch === "error")
      report.problem(item.at, "not_related", `${what} is not related to this ${cs.resource.name}`);
    return;
  }
  cs.changeAttribute(fk, value);
  cs.beforeAction(async () => {
    const found = await cs.actions.read(rel.destination, actions.read, {
      actor: cs.actor,
      tenant: cs.call.tenant,
      context: { ...cs.call.context },
      authorize: cs.call.authorize,
      filter: op("==", ref(keyField), lit(value)),
    });
    if (found.length) return;
    if (strategy.onNoMatch === "error") report.problem(item.at, "not_found", `${what} was not found`);
    else cs.changeAttribute(fk, current);
  });
}
