import { call, lit, op, ref } from "../expressions/ast.js";
import { ChangeDef } from "./change.js";

/**
 * Optimistic locking: an update or destroy only writes if the record's version is still the one it was read
 * with, and an update bumps the version atomically. Two people editing the same record at once: the second
 * save fails with a `stale_record` error instead of silently overwriting the first (reload and retry).
 * Cheaper than holding row locks across a user's think time, which is why it exists.
 *
 * @example edit: update({ accept: ["subject"], changes: [optimisticLock("version")] })
 */
export function optimisticLock<const F extends string>(field: F): ChangeDef<F> {
  return new ChangeDef<F>({
    name: "optimisticLock",
    refs: [field],
    describe: () => `fails with a stale-record error unless ${field} is unchanged since the record was read`,
    change: (cs) => {
      if (cs.actionType !== "update" && cs.actionType !== "destroy") return;
      const seen = cs.data?.[field];
      cs.requireOnWrite(
        seen === null || seen === undefined ? call("isNil", ref(field)) : op("==", ref(field), lit(seen)),
      );
      if (cs.actionType === "update") {
        cs.changeAttribute(field, (typeof seen === "number" ? seen : 0) + 1);
        cs.atomicUpdate(field, op("+", call("coalesce", ref(field), lit(0)), lit(1)));
      }
    },
  });
}
