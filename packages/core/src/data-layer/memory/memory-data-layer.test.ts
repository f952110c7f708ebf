import { describe, expect, it } from "vitest";
import { call, lit, not, op, ref } from "../../expressions/ast.js";
import { enumType } from "../../types/enum.js";
import { integerType } from "../../types/number.js";
import { ciStringType, stringType } from "../../types/string.js";
import type { AttrType } from "../../types/type.js";
import type { ColumnSpec, IdentitySpec, Row, TableSpec, Transaction } from "../contract.js";
import { LockTimeout, UniqueViolation } from "../contract.js";
import { type MemoryDataLayer, memory } from "./memory-data-layer.js";

function tableSpec(
  name: string,
  columns: Record<string, AttrType<unknown>>,
  identities: IdentitySpec[] = [],
): TableSpec {
  const cols = new Map<string, ColumnSpec>(
    Object.entries(columns).map(([n, type]) => [
      n,
      { name: n, type, optional: n !== "id", generated: false },
    ]),
  );
  return {
    resource: name,
    table: `${name}s`,
    primaryKey: ["id"],
    columns: cols,
    identities,
    relationships: new Map(),
  };
}

const people = tableSpec(
  "person",
  {
    id: integerType(),
    name: stringType(),
    email: ciStringType(),
    age: integerType(),
    role: enumType(["customer", "agent", "admin"]),
    tags: stringType(), // holds arrays: the layer stores values as given
  },
  [{ name: "uniqueEmail", keys: ["email"], nilsDistinct: true }],
);
const pairs = tableSpec("pair", { id: integerType(), a: ciStringType(), b: stringType() }, [
  { name: "uniqueAB", keys: ["a", "b"], nilsDistinct: false },
]);

const byId = [{ field: "id", direction: "asc" } as const];
const all = (dl: MemoryDataLayer, spec: TableSpec = people, tx?: Transaction) =>
  dl.read(spec, { sort: byId }, tx);
const ids = (rows: Row[]) => rows.map((r) => r.id);

function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve: () => resolve() };
}
/** Lets every pending promise continuation (and lock hand-over) run. */
const settle = () => new Promise((r) => setTimeout(r, 5));

async function seeded(options?: { lockTimeoutMs: number }) {
  const dl = memory(options);
  await dl.register([people, pairs]);
  await dl.create(people, { id: 1, name: "Ann", email: "ann@x.test", age: 30, role: "admin", tags: ["a"] });
  await dl.create(people, { id: 2, name: "bob", email: null, age: null, role: "customer", tags: [] });
  await dl.create(people, { id: 3, name: "Cid", email: "cid@x.test", age: 20, role: "agent", tags: [] });
  await dl.create(people, { id: 4, name: "dee", email: null, age: 40, role: null, tags: [] });
  return dl;
}

describe("MemoryDataLayer: create, read, update, destroy", () => {
  it("stores, reads, merges updates into and deletes rows", async () => {
    const dl = await seeded();
    const updated = await dl.update(people, { id: 1 }, { age: 31 });
    expect(updated).toMatchObject({ id: 1, name: "Ann", age: 31, role: "admin" });
    expect(await dl.read(people, { filter: op("==", ref("id"), lit(1)) })).toEqual([updated]);
    expect(await dl.destroy(people, { id: 3 })).toMatchObject({ id: 3, name: "Cid" });
    expect(ids(await all(dl))).toEqual([1, 2, 4]);
    expect(await dl.update(people, { id: 3 }, { age: 1 })).toBeNull();
    expect(await dl.destroy(people, { id: 3 })).toBeNull();
  });

  it("rejects a duplicate primary key", async () => {
    const dl = await seeded();
    const error = await dl.create(people, { id: 2, name: "again" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UniqueViolation);
    expect((error as UniqueViolation).identity).toBe("primary key");
    expect((await all(dl)).find((r) => r.id === 2)?.name).toBe("bob");
  });

  it("filters with three-valued logic: nil comparisons exclude the row", async () => {
    const dl = await seeded();
    expect(ids(await dl.read(people, { filter: op(">", ref("age"), lit(25)), sort: byId }))).toEqual([1, 4]);
    expect(ids(await dl.read(people, { filter: not(op(">", ref("age"), lit(25))) }))).toEqual([3]);
    expect(ids(await dl.read(people, { filter: op("==", ref("email"), lit("CID@X.TEST")) }))).toEqual([3]);
  });

  it("sorts with PostgreSQL nil placement by default and honours explicit nulls", async () => {
    const dl = await seeded();
    type Key = [field: string, direction: "asc" | "desc", nulls?: "first" | "last"];
    const sorted = (...keys: Key[]) =>
      dl
        .read(people, { sort: keys.map(([field, direction, nulls]) => ({ field, direction, nulls })) })
        .then(ids);
    expect(await sorted(["age", "asc"])).toEqual([3, 1, 4, 2]);
    expect(await sorted(["age", "desc"])).toEqual([2, 4, 1, 3]);
    expect(await sorted(["age", "asc", "first"])).toEqual([2, 3, 1, 4]);
    expect(await sorted(["age", "desc", "last"])).toEqual([4, 1, 3, 2]);
    expect(await sorted(["role", "asc"])).toEqual([2, 3, 1, 4]); // enum: declared order
    expect(await sorted(["name", "asc"])).toEqual([1, 3, 2, 4]); // string: case-sensitive
    expect(await sorted(["email", "asc"], ["id", "desc"])).toEqual([1, 3, 4, 2]);
    // ciString sorts without regard to case: "BEN" after "ann".
    await dl.update(people, { id: 3 }, { email: "BEN@x.test" });
    expect(await sorted(["email", "desc"], ["id", "asc"])).toEqual([2, 4, 3, 1]);
  });

  it("pages with limit and offset after sorting", async () => {
    const dl = await seeded();
    expect(ids(await dl.read(people, { sort: byId, offset: 1, limit: 2 }))).toEqual([2, 3]);
    expect(ids(await dl.read(people, { sort: byId, offset: 3 }))).toEqual([4]);
    expect(ids(await dl.read(people, { sort: byId, limit: 1 }))).toEqual([1]);
    expect(await dl.read(people, { sort: byId, limit: 0 })).toEqual([]);
    expect(await dl.read(people, { sort: byId, offset: 10 })).toEqual([]);
  });

  it("returns only the selected columns plus the primary key", async () => {
    const dl = await seeded();
    const rows = await dl.read(people, { sort: byId, select: ["name"], limit: 2 });
    expect(rows).toEqual([
      { id: 1, name: "Ann" },
      { id: 2, name: "bob" },
    ]);
  });

  it("hands out copies: mutating results, inputs or changes never reaches the store", async () => {
    const dl = memory();
    await dl.register([people]);
    const input: Row = { id: 1, name: "Ann", tags: ["a"] };
    const created = await dl.create(people, input);
    input.name = "changed";
    (input.tags as string[]).push("input");
    created.name = "changed";
    (created.tags as string[]).push("created");
    const [read] = await all(dl);
    (read!.tags as string[]).push("read");
    const changes: Row = { tags: ["b"] };
    const updated = await dl.update(people, { id: 1 }, changes);
    (changes.tags as string[]).push("changes");
    (updated!.tags as string[]).push("updated");
    expect(await all(dl)).toEqual([{ id: 1, name: "Ann", tags: ["b"] }]);
  });
});

describe("MemoryDataLayer: transactions", () => {
  it("keeps writes private until commit", async () => {
    const dl = await seeded();
    await dl.transaction(async (tx) => {
      await dl.create(people, { id: 5, name: "Eve" }, tx);
      await dl.update(people, { id: 1 }, { name: "Ann 2" }, tx);
      expect(ids(await all(dl, people, tx))).toEqual([1, 2, 3, 4, 5]);
      expect(ids(await all(dl))).toEqual([1, 2, 3, 4]);
      expect((await all(dl))[0]?.name).toBe("Ann");
    });
    expect(ids(await all(dl))).toEqual([1, 2, 3, 4, 5]);
    expect((await all(dl))[0]?.name).toBe("Ann 2");
  });

  it("rolls back to the exact previous state, including updates, key changes and deletes", async () => {
    const dl = await seeded();
    const before = await all(dl);
    const boom = new Error("boom");
    const outcome = dl.transaction(async (tx) => {
      await dl.create(people, { id: 5, name: "Eve", email: "eve@x.test" }, tx);
      await dl.update(people, { id: 1 }, { name: "Ann 2", tags: ["z"] }, tx);
      await dl.update(people, { id: 3 }, { id: 30 }, tx);
      await dl.destroy(people, { id: 2 }, tx);
      await dl.destroy(people, { id: 5 }, tx);
      throw boom;
    });
    await expect(outcome).rejects.toBe(boom);
    expect(await all(dl)).toEqual(before);
    // The rolled-back writes left no locks or identity claims behind.
    await dl.create(people, { id: 5, name: "Eve", email: "EVE@x.test" });
    expect(await dl.update(people, { id: 3 }, { name: "Cid 2" })).toMatchObject({ id: 3, name: "Cid 2" });
  });

  it("nests savepoints: inner rollback keeps outer writes, inner commit folds into the outer", async () => {
    const dl = await seeded();
    await dl.transaction(async (outer) => {
      await dl.create(people, { id: 5, name: "outer" }, outer);
      await expect(
        dl.transaction(async (inner) => {
          expect(inner.parent).toBe(outer);
          expect(ids(await all(dl, people, inner))).toContain(5);
          await dl.create(people, { id: 6, name: "rolled back" }, inner);
          await dl.update(people, { id: 5 }, { name: "rolled back" }, inner);
          await dl.destroy(people, { id: 1 }, inner);
          throw new Error("inner");
        }, outer),
      ).rejects.toThrow("inner");
      await dl.transaction(async (inner) => {
        await dl.create(people, { id: 7, name: "kept" }, inner);
        await dl.update(people, { id: 2 }, { name: "bob 2" }, inner);
      }, outer);
      const seen = await all(dl, people, outer);
      expect(ids(seen)).toEqual([1, 2, 3, 4, 5, 7]);
      expect(seen.find((r) => r.id === 5)?.name).toBe("outer");
      expect(ids(await all(dl))).toEqual([1, 2, 3, 4]);
    });
    const after = await all(dl);
    expect(ids(after)).toEqual([1, 2, 3, 4, 5, 7]);
    expect(after.find((r) => r.id === 2)?.name).toBe("bob 2");
  });

  it("discards committed savepoints when the outer transaction rolls back", async () => {
    const dl = await seeded();
    const before = await all(dl);
    await expect(
      dl.transaction(async (outer) => {
        await dl.transaction(async (inner) => {
          await dl.create(people, { id: 5, name: "Eve" }, inner);
          await dl.transaction((deeper) => dl.destroy(people, { id: 1 }, deeper), inner);
        }, outer);
        expect(ids(await all(dl, people, outer))).toEqual([2, 3, 4, 5]);
        throw new Error("outer");
      }),
    ).rejects.toThrow("outer");
    expect(await all(dl)).toEqual(before);
  });

  it("refuses writes through a finished transaction", async () => {
    const dl = await seeded();
    const tx = await dl.transaction(async (t) => t);
    await expect(dl.create(people, { id: 9 }, tx)).rejects.toThrow(/finished/);
    expect(ids(await all(dl))).toEqual([1, 2, 3, 4]);
  });
});

describe("MemoryDataLayer: concurrency", () => {
  it("isolates concurrent transactions from each other's uncommitted writes", async () => {
    const dl = await seeded();
    const t1Wrote = deferred();
    const t2Wrote = deferred();
    const t1 = dl.transaction(async (tx) => {
      await dl.create(people, { id: 10, name: "t1" }, tx);
      await dl.update(people, { id: 1 }, { name: "t1" }, tx);
      t1Wrote.resolve();
      await t2Wrote.promise;
      const seen = await all(dl, people, tx);
      expect(ids(seen)).toEqual([1, 2, 3, 4, 10]);
      expect(seen[0]?.name).toBe("t1");
    });
    const t2 = dl.transaction(async (tx) => {
      await t1Wrote.promise;
      await dl.create(people, { id: 20, name: "t2" }, tx);
      const seen = await all(dl, people, tx);
      expect(ids(seen)).toEqual([1, 2, 3, 4, 20]);
      expect(seen[0]?.name).toBe("Ann");
      t2Wrote.resolve();
      await t1;
      // Read committed: t1's commit is now visible to t2, next to t2's own pending write.
      const later = await all(dl, people, tx);
      expect(ids(later)).toEqual([1, 2, 3, 4, 10, 20]);
      expect(later[0]?.name).toBe("t1");
    });
    await Promise.all([t1, t2]);
    expect(ids(await all(dl))).toEqual([1, 2, 3, 4, 10, 20]);
  });

  it("makes a second writer of a row wait until the first transaction ends", async () => {
    const dl = await seeded();
    const events: string[] = [];
    const t1Locked = deferred();
    const release = deferred();
    const t1 = dl.transaction(async (tx) => {
      await dl.update(people, { id: 1 }, { name: "t1" }, tx);
      t1Locked.resolve();
      await release.promise;
      events.push("t1 ends");
    });
    await t1Locked.promise;
    const t2 = dl.transaction(async (tx) => {
      const row = await dl.update(people, { id: 1 }, { age: 99 }, tx);
      events.push("t2 wrote");
      return row;
    });
    await settle();
    expect(events).toEqual([]);
    release.resolve();
    const [, row] = await Promise.all([t1, t2]);
    expect(events).toEqual(["t1 ends", "t2 wrote"]);
    // t2 wrote on top of t1's committed row: no lost update.
    expect(row).toMatchObject({ id: 1, name: "t1", age: 99 });
    expect((await all(dl))[0]).toMatchObject({ name: "t1", age: 99 });
  });

  it("a locking read waits for the writer and answers the row as it committed", async () => {
    const dl = await seeded();
    const t1Locked = deferred();
    const release = deferred();
    const t1 = dl.transaction(async (tx) => {
      await dl.update(people, { id: 1 }, { age: 31 }, tx);
      await dl.destroy(people, { id: 3 }, tx);
      t1Locked.resolve();
      await release.promise;
    });
    await t1Locked.promise;
    let answered = false;
    const t2 = dl.transaction(async (tx) => {
      const rows = await dl.read(
        people,
        { filter: op("<", ref("age"), lit(35)), sort: byId, lock: "update" },
        tx,
      );
      answered = true;
      return rows;
    });
    await settle();
    expect(answered).toBe(false);
    release.resolve();
    const [, rows] = await Promise.all([t1, t2]);
    expect(rows.map((r) => [r.id, r.age])).toEqual([[1, 31]]);
  });

  it("throws LockTimeout after lockTimeoutMs and rolls the waiting transaction back", async () => {
    const dl = await seeded({ lockTimeoutMs: 50 });
    const t1Locked = deferred();
    const release = deferred();
    const t1 = dl.transaction(async (tx) => {
      await dl.destroy(people, { id: 2 }, tx);
      t1Locked.resolve();
      await release.promise;
    });
    await t1Locked.promise;
    const started = Date.now();
    const t2 = dl.transaction(async (tx) => {
      await dl.create(people, { id: 30, name: "t2" }, tx);
      await dl.update(people, { id: 2 }, { name: "t2" }, tx);
    });
    await expect(t2).rejects.toBeInstanceOf(LockTimeout);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    release.resolve();
    await t1;
    expect(ids(await all(dl))).toEqual([1, 3, 4]);
  });
});

describe("MemoryDataLayer: identities", () => {
  it("rejects a duplicate identity, case-insensitively for ciString, on create and update", async () => {
    const dl = await seeded();
    const dup = await dl.create(people, { id: 5, email: "ANN@X.test" }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(UniqueViolation);
    expect((dup as UniqueViolation).identity).toBe("uniqueEmail");
    const taken = dl.update(people, { id: 3 }, { email: "Ann@x.Test" });
    await expect(taken).rejects.toBeInstanceOf(UniqueViolation);
    expect((await all(dl))[2]?.email).toBe("cid@x.test");
    // A row may keep (or re-case) its own value.
    expect((await dl.update(people, { id: 1 }, { email: "ANN@x.test" }))?.email).toBe("ANN@x.test");
    // A freed value can be taken again.
    await dl.update(people, { id: 1 }, { email: "ann2@x.test" });
    await dl.create(people, { id: 5, email: "ann@x.test" });
  });

  it("treats nils as distinct unless nilsDistinct is false", async () => {
    const dl = await seeded();
    await dl.create(people, { id: 5, email: null });
    await dl.create(people, { id: 6 });
    expect(ids(await dl.read(people, { filter: call("isNil", ref("email")) }))).toEqual([2, 4, 5, 6]);
    await dl.create(pairs, { id: 1, a: "x", b: null });
    await expect(dl.create(pairs, { id: 2, a: "x" })).rejects.toBeInstanceOf(UniqueViolation);
    await expect(dl.create(pairs, { id: 3, a: "X", b: null })).rejects.toBeInstanceOf(UniqueViolation);
    await dl.create(pairs, { id: 4, a: "x", b: "y" });
    await expect(dl.create(pairs, { id: 5, a: "X", b: "y" })).rejects.toBeInstanceOf(UniqueViolation);
    expect(ids(await all(dl, pairs))).toEqual([1, 4]);
  });

  for (const outcome of ["commits", "rolls back"] as const) {
    it(`a concurrent insert of the same identity waits, and the first transaction ${outcome}`, async () => {
      const dl = await seeded();
      const t1Inserted = deferred();
      const release = deferred();
      const t1 = dl.transaction(async (tx) => {
        await dl.create(people, { id: 10, email: "new@x.test" }, tx);
        t1Inserted.resolve();
        await release.promise;
        if (outcome === "rolls back") throw new Error("t1 rolls back");
      });
      await t1Inserted.promise;
      let settled = false;
      const t2 = dl.create(people, { id: 20, email: "NEW@x.test" }).finally(() => {
        settled = true;
      });
      t2.catch(() => {});
      await settle();
      expect(settled).toBe(false);
      release.resolve();
      await t1.catch(() => {});
      if (outcome === "commits") {
        await expect(t2).rejects.toBeInstanceOf(UniqueViolation);
        expect(ids(await all(dl))).toEqual([1, 2, 3, 4, 10]);
      } else {
        await expect(t2).resolves.toMatchObject({ id: 20 });
        expect(ids(await all(dl))).toEqual([1, 2, 3, 4, 20]);
      }
    });
  }
});

describe("MemoryDataLayer: keys and write filters", () => {
  it("updates the primary key: the row moves to its new key", async () => {
    const dl = await seeded();
    const moved = await dl.update(people, { id: 3 }, { id: 33, name: "Cid 2" });
    expect(moved).toMatchObject({ id: 33, name: "Cid 2" });
    expect(ids(await all(dl))).toEqual([1, 2, 4, 33]);
    expect(await dl.update(people, { id: 3 }, { name: "gone" })).toBeNull();
    const again = await dl.update(people, { id: 33 }, { age: 21 });
    expect(again).toMatchObject({ id: 33, email: "cid@x.test", age: 21 });
    await expect(dl.update(people, { id: 33 }, { id: 1 })).rejects.toBeInstanceOf(UniqueViolation);
    expect(ids(await all(dl))).toEqual([1, 2, 4, 33]);
    expect((await all(dl))[0]?.name).toBe("Ann");
  });

  it("does nothing and answers null when options.filter does not match", async () => {
    const dl = await seeded();
    const before = await all(dl);
    const isAdmin = { filter: op("==", ref("role"), lit("admin")) };
    expect(await dl.update(people, { id: 3 }, { name: "x" }, undefined, isAdmin)).toBeNull();
    expect(await dl.destroy(people, { id: 3 }, undefined, isAdmin)).toBeNull();
    // A nil result of the filter does not match either (role of row 4 is nil).
    expect(await dl.destroy(people, { id: 4 }, undefined, isAdmin)).toBeNull();
    expect(await all(dl)).toEqual(before);
    expect((await dl.update(people, { id: 1 }, { name: "x" }, undefined, isAdmin))?.name).toBe("x");
    expect(await dl.destroy(people, { id: 1 }, undefined, isAdmin)).toMatchObject({ id: 1 });
    expect(ids(await all(dl))).toEqual([2, 3, 4]);
  });
});
