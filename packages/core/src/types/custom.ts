import type { StandardSchemaV1 } from "@standard-schema/spec";
import { type AttrType, type CastResult, compareDefault, fail, ok } from "./type.js";

/**
 * A type backed by any Standard Schema validator (zod, valibot, arktype, ...). The validator's output is the
 * stored value; its issues become the attribute's error message.
 */
export function customType<S extends StandardSchemaV1>(
  schema: S,
  options: {
    name?: string;
    compare?: (a: StandardSchemaV1.InferOutput<S>, b: StandardSchemaV1.InferOutput<S>) => number;
  } = {},
): AttrType<StandardSchemaV1.InferOutput<S>> {
  type Out = StandardSchemaV1.InferOutput<S>;
  const finish = (r: StandardSchemaV1.Result<Out>): CastResult<Out> =>
    r.issues ? fail("invalid", r.issues.map(describeIssue).join("; ")) : ok(r.value);
  const cast = (value: unknown) => {
    const result = schema["~standard"].validate(value) as
      | StandardSchemaV1.Result<Out>
      | Promise<StandardSchemaV1.Result<Out>>;
    return result instanceof Promise ? result.then(finish) : finish(result);
  };
  return {
    name: options.name ?? `custom:${schema["~standard"].vendor}`,
    constraints: { vendor: schema["~standard"].vendor },
    cast,
    compare: options.compare ?? compareDefault,
  };
}

function describeIssue(issue: StandardSchemaV1.Issue): string {
  const path = (issue.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}
