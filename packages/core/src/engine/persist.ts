import { UniqueViolation } from "../data-layer/contract.js";
import { InvalidError, invalid, notFound } from "../errors/errors.js";
import type { Changeset } from "./changeset.js";
import type { EngineContext, ResourceRuntime } from "./runtime.js";
import { currentTransaction } from "./transaction-scope.js";

type Row = Record<string, unknown>;

export const primaryKeyOf = (runtime: ResourceRuntime, record: Readonly<Row>): Row =>
  Object.fromEntries(runtime.table.primaryKey.map((k) => [k, record[k]]));

/** Writes the changeset through the data layer, inside the current transaction if there is one. */
export async function persist(engine: EngineContext, runtime: ResourceRuntime, cs: Changeset): Promise<Row> {
  const dl = engine.dataLayer;
  const tx = currentTransaction(dl);
  try {
    if (cs.actionType === "create") return await dl.create(runtime.table, cs.attributes, tx);
    const data = cs.data as Row;
    const key = primaryKeyOf(runtime, data);
    if (cs.actionType === "update") {
      const changed = Object.keys(cs.attributes).filter((k) => cs.isChanging(k));
      const changes = Object.fromEntries(changed.map((k) => [k, cs.attributes[k]]));
      const atomics = Object.keys(cs.atomics).length ? { atomics: cs.atomics } : undefined;
      const updated = await dl.update(runtime.table, key, changes, tx, atomics);
      if (!updated) throw notFound(cs.source, `${cs.resource.name} ${JSON.stringify(key)}`);
      return updated;
    }
    const destroyed = await dl.destroy(runtime.table, key, tx);
    if (!destroyed) throw notFound(cs.source, `${cs.resource.name} ${JSON.stringify(key)}`);
    return destroyed;
  } catch (error) {
    if (error instanceof UniqueViolation) throw uniqueError(runtime, cs, error);
    throw error;
  }
}

/** A unique violation becomes an Invalid error on the identity's first field, with the identity's message. */
function uniqueError(runtime: ResourceRuntime, cs: Changeset, error: UniqueViolation): InvalidError {
  const identity = cs.resource.identities.find((i: { name: string }) => i.name === error.identity);
  const field = error.keys[0] ?? runtime.table.primaryKey[0];
  const fields = error.keys.join(", ");
  return new InvalidError([
    invalid({
      code: "unique",
      field,
      message: identity?.message ?? `has already been taken (${fields})`,
      source: cs.source,
      cause: error,
    }),
  ]);
}
