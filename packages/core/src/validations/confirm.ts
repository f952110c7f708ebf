import { sameValue } from "../engine/changeset.js";
import { ValidationDef } from "./validation.js";

/**
 * Two fields must be equal, such as a password and its confirmation. The error is on the confirmation and
 * never shows either value.
 *
 * @example register: create({ arguments: { password: ..., passwordConfirmation: ... }, validations: [confirm("password", "passwordConfirmation")] })
 */
export function confirm<const F extends string, const C extends string>(
  field: F,
  confirmation: C,
): ValidationDef<F | C> {
  return new ValidationDef<F | C>({
    name: "confirm",
    refs: [field, confirmation],
    describe: () => `${confirmation} must match ${field}`,
    validate: (cs) =>
      sameValue(cs.get(field) ?? null, cs.get(confirmation) ?? null)
        ? undefined
        : { field: confirmation, code: "confirmation", message: `does not match ${field}` },
  });
}
