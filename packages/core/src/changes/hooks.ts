import type {
  AfterActionHook,
  AfterTransactionHook,
  BeforeActionHook,
  BeforeTransactionHook,
} from "../engine/changeset.js";
import { ChangeDef } from "./change.js";

/**
 * Hook changes: attach a function to a stage of the action's lifecycle, as Ash's built-ins of the same names.
 * Order: before-transaction → [ before-action → data layer → after-action ] → after-transaction.
 * Anything that throws inside the brackets rolls the whole transaction back.
 */
export function beforeTransaction(
  hook: BeforeTransactionHook,
  description = "runs a before-transaction hook",
): ChangeDef {
  return new ChangeDef({
    name: "beforeTransaction",
    describe: () => description,
    change: (cs) => void cs.beforeTransaction(hook),
  });
}

export function beforeAction(hook: BeforeActionHook, description = "runs a before-action hook"): ChangeDef {
  return new ChangeDef({
    name: "beforeAction",
    describe: () => description,
    change: (cs) => void cs.beforeAction(hook),
  });
}

/** Receives the written record inside the transaction; may answer a replacement record. */
export function afterAction(hook: AfterActionHook, description = "runs an after-action hook"): ChangeDef {
  return new ChangeDef({
    name: "afterAction",
    describe: () => description,
    change: (cs) => void cs.afterAction(hook),
  });
}

/** Runs after the transaction whether it committed or not; receives the outcome and may replace it. */
export function afterTransaction(
  hook: AfterTransactionHook,
  description = "runs an after-transaction hook",
): ChangeDef {
  return new ChangeDef({
    name: "afterTransaction",
    describe: () => description,
    change: (cs) => void cs.afterTransaction(hook),
  });
}
