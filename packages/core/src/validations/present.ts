import type { Changeset } from "../engine/changeset.js";
import { ValidationDef, type ValidationProblem } from "./validation.js";

export interface CountOptions {
  atLeast?: number;
  atMost?: number;
  exactly?: number;
}

const hasValue = (cs: Changeset, f: string) => {
  const v = cs.get(f);
  return v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);
};

const listOf = (fields: string | readonly string[]): readonly string[] =>
  Array.isArray(fields) ? fields : [fields as string];

/**
 * Shared by present and absent: without count options every field must qualify (one error per field);
 * with them, the number of qualifying fields must be within bounds.
 */
function countValidation<F extends string>(
  name: "present" | "absent",
  fields: readonly string[],
  o: CountOptions,
  qualifies: (cs: Changeset, f: string) => boolean,
): ValidationDef<F> {
  const counted = o.atLeast !== undefined || o.atMost !== undefined || o.exactly !== undefined;
  const min = o.exactly ?? o.atLeast;
  const max = o.exactly ?? o.atMost;
  const rule =
    o.exactly !== undefined
      ? `exactly ${min}`
      : [min !== undefined && `at least ${min}`, max !== undefined && `at most ${max}`]
          .filter(Boolean)
          .join(" and ");
  return new ValidationDef<F>({
    name,
    refs: fields,
    describe: () =>
      counted ? `${rule} of ${fields.join(", ")} must be ${name}` : `${fields.join(", ")} must be ${name}`,
    validate: (cs): ValidationProblem[] | ValidationProblem | undefined => {
      const failing = fields.filter((f) => !qualifies(cs, f));
      if (!counted)
        return failing.map((field) => ({
          field,
          code: name === "present" ? "required" : "absent",
          message: `must be ${name}`,
        }));
      const count = fields.length - failing.length;
      if ((min !== undefined && count < min) || (max !== undefined && count > max)) {
        return { field: fields[0], code: name, message: `${rule} of ${fields.join(", ")} must be ${name}` };
      }
      return undefined;
    },
  });
}

/**
 * The fields (attributes or arguments) must have values; with count options, that many of them must.
 * @example present("email"), present(["phone", "email"], { atLeast: 1 })
 */
export function present<const F extends string>(
  fields: F | readonly F[],
  options: CountOptions = {},
): ValidationDef<F> {
  return countValidation<F>("present", listOf(fields), options, hasValue);
}

/**
 * The fields must not have values; with count options, that many of them must not.
 * @example absent("closedAt")
 */
export function absent<const F extends string>(
  fields: F | readonly F[],
  options: CountOptions = {},
): ValidationDef<F> {
  return countValidation<F>("absent", listOf(fields), options, (cs, f) => !hasValue(cs, f));
}
