import type { AnyResource } from "../../resource/resource.js";
import { type InputItem, keyOf, keyString, keyText } from "./input.js";
import type { Report } from "./report.js";
import type { RelatedStore } from "./stores.js";
import type { Strategy } from "./strategy.js";

type Row = Record<string, unknown>;

/**
 * Makes the related records of one parent agree with the input, entry by entry and in order:
 * an entry naming a related record → `onMatch`; naming another existing record → `onLookup`; anything else →
 * `onNoMatch`. Then related records no entry named → `onMissing` (skipped when an entry failed: the action
 * rolls back anyway). An entry repeated later in the input matches the record the first one related or
 * created, so nothing is related twice.
 *
 * @example await sync(items, TYPE_STRATEGIES.appendAndRemove, joinStore(...), report, names)
 */
export async function sync(
  items: readonly InputItem[],
  strategy: Strategy,
  store: RelatedStore,
  report: Report,
  names: { readonly source: AnyResource; readonly destination: AnyResource },
): Promise<void> {
  const pk = names.destination.primaryKey;
  const initial = await store.related();
  const related = new Map(initial.map((r) => [keyString(r, pk), r]));
  const named = new Set<string>();

  const unknownKeys = items.flatMap((i) => (i.key && !related.has(keyString(i.key, pk)) ? [i.key] : []));
  const found =
    strategy.onLookup === "relate" && unknownKeys.length
      ? new Map((await store.lookup(unknownKeys)).map((r) => [keyString(r, pk), r]))
      : new Map<string, Row>();

  for (const item of items) {
    if (item.key === undefined) {
      await onNoMatch(item);
      continue;
    }
    const k = keyString(item.key, pk);
    named.add(k);
    const current = related.get(k);
    const existing = found.get(k);
    if (current) await onMatch(item, current, k);
    else if (existing) {
      if (await report.attempt(item.at, () => store.relate(existing))) related.set(k, existing);
    } else await onNoMatch(item);
  }
  if (report.failed || strategy.onMissing === "ignore") return;
  for (const record of initial) {
    const k = keyString(record, pk);
    if (named.has(k) || !related.has(k)) continue;
    // The record is not in the input, so there is no index for the path: the message names it instead.
    const what = `${names.destination.name} ${keyText(keyOf(record, pk), pk)}`;
    if (strategy.onMissing === "unrelate")
      await report.attempt([], () => store.unrelate(record), `unrelating ${what}`);
    else await report.attempt([], () => store.destroy(record), `destroying ${what}`);
  }

  async function onMatch(item: InputItem, record: Row, k: string): Promise<void> {
    switch (strategy.onMatch) {
      case "ignore":
        return;
      case "update": {
        const fields = Object.fromEntries(Object.entries(item.fields).filter(([f]) => !pk.includes(f)));
        if (Object.keys(fields).length) await report.attempt(item.at, () => store.update(record, fields));
        return;
      }
      case "unrelate":
        if (await report.attempt(item.at, () => store.unrelate(record))) related.delete(k);
        return;
      case "destroy":
        if (await report.attempt(item.at, () => store.destroy(record))) related.delete(k);
        return;
      case "error":
        report.problem(item.at, "already_related", `${describe(item)} is already related`);
    }
  }

  async function onNoMatch(item: InputItem): Promise<void> {
    if (strategy.onNoMatch === "ignore") return;
    if (strategy.onNoMatch === "create") {
      let created: Row | undefined;
      const ok = await report.attempt(item.at, async () => {
        created = await store.create(item.fields);
      });
      if (ok && created) related.set(keyString(created, pk), created);
      return;
    }
    if (item.key === undefined) {
      const at = pk.length === 1 ? [...item.at, pk[0] as string] : item.at;
      report.problem(at, "required", `needs the ${pk.join(", ")} of an existing ${names.destination.name}`);
    } else if (strategy.onLookup === "relate") {
      report.problem(item.at, "not_found", `${describe(item)} was not found`);
    } else {
      report.problem(item.at, "not_related", `${describe(item)} is not related to this ${names.source.name}`);
    }
  }

  function describe(item: InputItem): string {
    return `${names.destination.name} ${keyText(item.key ?? {}, pk)}`;
  }
}
