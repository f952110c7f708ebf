import { ChangeDef } from "@ashlar/core";
import { DEFAULT_SCRYPT, hashPassword, type ScryptParams } from "./password-hash.js";

export interface HashPasswordOptions {
  /** The shortest password accepted, in characters (default 8, NIST's minimum). */
  readonly minLength?: number;
  /**
   * The longest password accepted, in characters (default 1024): long pass phrases are welcome, megabytes of
   * input are not.
   */
  readonly maxLength?: number;
  /** scrypt's cost parameters (default `DEFAULT_SCRYPT`). */
  readonly scrypt?: ScryptParams;
}

/**
 * A change for create and update actions: hashes the `argument` (the plain password) into the `attribute`
 * (the stored hash, which should be `.sensitive()`). When the action is called without the argument it does
 * nothing, so an update that leaves the password alone keeps the hash. A password shorter than `minLength`
 * (or longer than `maxLength`) is an Invalid error on the argument's field, codes `too_short` / `too_long`.
 *
 * Declare the argument with `trim: false`, so that spaces around a password are kept as typed.
 *
 * @example
 * register: create({
 *   accept: ["email", "name"],
 *   arguments: { password: t.string({ trim: false }).sensitive() },
 *   changes: [hashPasswordChange("password", "hashedPassword", { minLength: 12 })],
 * })
 */
export function hashPasswordChange<
  const Arg extends string = "password",
  const A extends string = "hashedPassword",
>(
  argument: Arg = "password" as Arg,
  attribute: A = "hashedPassword" as A,
  options: HashPasswordOptions = {},
  // NoInfer: the names come from the arguments (or their defaults), never from where the change is used.
): ChangeDef<NoInfer<A | Arg>> {
  const minLength = options.minLength ?? 8;
  const maxLength = options.maxLength ?? 1024;
  if (!Number.isInteger(minLength) || minLength < 1 || maxLength < minLength)
    throw new TypeError(
      `hashPasswordChange(${argument}, ${attribute}): minLength must be a whole number of 1 or more and ` +
        `maxLength at least minLength; got minLength ${minLength}, maxLength ${maxLength}`,
    );
  return new ChangeDef<A | Arg>({
    name: "hashPassword",
    refs: [attribute],
    describe: () => `hashes the ${argument} argument (at least ${minLength} characters) into ${attribute}`,
    verify: ({ resource, action }) => {
      const problems: string[] = [];
      if (!(argument in action.arguments))
        problems.push(
          `hashPasswordChange: action ${action.name} has no argument "${argument}"; add ` +
            `arguments: { ${argument}: t.string({ trim: false }).sensitive() }`,
        );
      else if (!action.arguments[argument]?.config.sensitive)
        problems.push(
          `hashPasswordChange: argument ${action.name}.${argument} must be .sensitive(), ` +
            "so the plain password never appears in errors, logs or events",
        );
      if (resource.attributes[attribute] && !resource.attributes[attribute].config.sensitive)
        problems.push(
          `hashPasswordChange: attribute ${attribute} must be .sensitive(), ` +
            "so the hash never appears in logs, errors or events",
        );
      return problems;
    },
    change: async (cs) => {
      const password = cs.getArgument(argument);
      if (password === undefined || password === null) return;
      if (typeof password !== "string") {
        cs.addError({ field: argument, code: "invalid_type", message: "must be a string" });
        return;
      }
      const length = [...password].length;
      if (length < minLength) {
        cs.addError({
          field: argument,
          code: "too_short",
          message: `must be at least ${minLength} characters long`,
        });
        return;
      }
      if (length > maxLength) {
        cs.addError({
          field: argument,
          code: "too_long",
          message: `must be at most ${maxLength} characters long`,
        });
        return;
      }
      // scrypt is the costly part of the action: skip it when the action is bound to fail anyway.
      if (!cs.isValid) return;
      cs.changeAttribute(attribute, await hashPassword(password, options.scrypt ?? DEFAULT_SCRYPT));
    },
  });
}
