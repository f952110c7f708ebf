import { type AnyResource, call, type Expr, lit, not, op, ref } from "@ashlar/core";
import { ApiError } from "../errors.js";
import type { FieldInfo, Schema } from "../schema.js";
import type { Nested } from "./params.js";

const COMPARE = { eq: "==", notEq: "!=", lt: "<", lte: "<=", gt: ">", gte: ">=" } as const;
const OPERATORS = [...Object.keys(COMPARE), "in", "isNil", "contains"];

const name = (segments: readonly string[]) => `filter${segments.map((s) => `[${s}]`).join("")}`;

/** A query-string value as the field's type holds it; a value the type cannot hold is a 400. */
export function castParam(info: FieldInfo, value: string, parameter: string): unknown {
  const bad = (what: string) => ApiError.parameter(parameter, `${JSON.stringify(value)} is not ${what}`);
  switch (info.type) {
    case "integer":
      if (!/^-?\d+$/.test(value)) throw bad("a whole number");
      return Number(value);
    case "float": {
      const n = Number(value);
      if (value.trim() === "" || !Number.isFinite(n)) throw bad("a number");
      return n;
    }
    case "decimal":
      if (!/^-?\d+(\.\d+)?$/.test(value)) throw bad("a decimal number");
      return value;
    case "boolean":
      if (value !== "true" && value !== "false") throw bad("true or false");
      return value === "true";
    default:
      if (info.enumValues && !info.enumValues.includes(value))
        throw bad(`one of ${info.enumValues.join(", ")}`);
      return value;
  }
}

/**
 * `filter[...]` as an expression: `filter[f]=v` (equality), `filter[f][op]=v` with op in eq notEq in isNil lt
 * lte gt gte contains, paths through relationships (`filter[reporter][email]=...`), calculations and
 * aggregates, and `filter[and][0]...`, `filter[or][0]...`, `filter[not]...`. Every name is checked here, so an
 * unknown field or operator is a 400 naming the parameter.
 */
export function filterExpr(
  schema: Schema,
  resource: AnyResource,
  filter: Nested,
  at: readonly string[] = [],
  path: readonly string[] = [],
): Expr | undefined {
  const parts: Expr[] = [];
  for (const [key, value] of Object.entries(filter)) {
    const here = [...at, key];
    if (key === "and" || key === "or") {
      if (typeof value === "string")
        throw ApiError.parameter(name(here), `${key} takes a list: ${name(here)}[0][field]=...`);
      const list = Object.entries(value)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([i, part]) => {
          if (!/^\d+$/.test(i) || typeof part === "string")
            throw ApiError.parameter(
              name([...here, i]),
              `the parts of ${key} are numbered: ${name(here)}[0][field]=...`,
            );
          return filterExpr(schema, resource, part, [...here, i], path) ?? lit(true);
        });
      const joined = list.reduce<Expr | undefined>((acc, e) => (acc ? op(key, acc, e) : e), undefined);
      if (joined) parts.push(joined);
      continue;
    }
    if (key === "not") {
      if (typeof value === "string")
        throw ApiError.parameter(name(here), `not takes conditions: ${name(here)}[field]=...`);
      const inner = filterExpr(schema, resource, value, here, path);
      if (inner) parts.push(not(inner));
      continue;
    }
    const rel = schema.relationship(resource, key);
    if (rel && schema.declOf(rel.destination)) {
      if (typeof value === "string")
        throw ApiError.parameter(
          name(here),
          `${key} is a relationship: filter on its fields, ${name(here)}[field]=...`,
        );
      const inner = filterExpr(schema, rel.destination, value, here, [...path, key]);
      if (inner) parts.push(inner);
      continue;
    }
    const info = schema.field(resource, key);
    if (!info)
      throw ApiError.parameter(name(here), `${key} is not a field of ${resource.name}`, "invalid_filter");
    parts.push(...conditions(info, ref(key, path), value, here));
  }
  return parts.reduce<Expr | undefined>((acc, e) => (acc ? op("and", acc, e) : e), undefined);
}

function conditions(info: FieldInfo, target: Expr, value: Nested | string, at: readonly string[]): Expr[] {
  if (typeof value === "string") return [op("==", target, lit(castParam(info, value, name(at))))];
  return Object.entries(value).map(([operator, operand]) => {
    const parameter = name([...at, operator]);
    if (!OPERATORS.includes(operator))
      throw ApiError.parameter(
        parameter,
        `${operator} is not a filter operator; use one of ${OPERATORS.join(", ")}`,
        "invalid_filter",
      );
    if (typeof operand !== "string") throw ApiError.parameter(parameter, `${operator} takes one value`);
    if (operator === "isNil") {
      if (operand !== "true" && operand !== "false")
        throw ApiError.parameter(parameter, "isNil takes true or false");
      return operand === "true" ? call("isNil", target) : not(call("isNil", target));
    }
    if (operator === "in")
      return op("in", target, lit(operand.split(",").map((v) => castParam(info, v, parameter))));
    if (operator === "contains") {
      if (info.type !== "string" && info.type !== "ciString")
        throw ApiError.parameter(parameter, "contains applies to text fields only", "invalid_filter");
      return call("contains", call("lower", target), lit(operand.toLowerCase()));
    }
    return op(COMPARE[operator as keyof typeof COMPARE], target, lit(castParam(info, operand, parameter)));
  });
}
