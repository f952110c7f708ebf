import { type AttrType, compareDefault } from "../types/type.js";
import type { AggregateNode } from "./ast.js";
import { decimalArithmetic } from "./decimal-arithmetic.js";

const isNil = (v: unknown) => v === null || v === undefined;

/**
 * Computes an aggregate from the values of the related records (already filtered and sorted), with SQL's
 * rules: nils are skipped by every aggregate of a field (first and list included, as Ash's defaults); an empty
 * set gives the aggregate's `default` (count: 0, exists: false, list: [], others: nil). Decimals sum exactly.
 */
export function aggregateValues(
  node: AggregateNode,
  values: readonly unknown[],
  type: AttrType<unknown> | undefined,
): unknown {
  const present = node.field === undefined ? values : values.filter((v) => !isNil(v));
  const distinct = node.uniq ? uniqueBy(present, type) : present;
  const fallback = (v: unknown) => (v === null || v === undefined ? (node.default ?? null) : v);
  const compare = type?.compare ?? compareDefault;
  switch (node.aggregate) {
    case "count":
      return distinct.length === 0 ? (node.default ?? 0) : distinct.length;
    case "exists":
      return distinct.length > 0 ? true : (node.default ?? false);
    case "sum":
      return fallback(distinct.length ? sum(distinct, type) : null);
    case "avg": {
      if (!distinct.length) return fallback(null);
      const total = sum(distinct, type);
      return typeof total === "string"
        ? decimalArithmetic("/", total, String(distinct.length))
        : (total as number) / distinct.length;
    }
    case "min":
      return fallback(
        distinct.reduce<unknown>((m, v) => (m === undefined || compare(v, m) < 0 ? v : m), undefined),
      );
    case "max":
      return fallback(
        distinct.reduce<unknown>((m, v) => (m === undefined || compare(v, m) > 0 ? v : m), undefined),
      );
    case "first":
      return fallback(present[0]);
    case "list":
      return distinct.length ? [...distinct] : (node.default ?? []);
  }
}

function sum(values: readonly unknown[], type: AttrType<unknown> | undefined): unknown {
  if (type?.name === "decimal" || typeof values[0] === "string") {
    return values.reduce<string>((acc, v) => decimalArithmetic("+", acc, v), "0");
  }
  return values.reduce<number>((acc, v) => acc + (v as number), 0);
}

function uniqueBy(values: readonly unknown[], type: AttrType<unknown> | undefined): unknown[] {
  const compare = type?.compare ?? compareDefault;
  const out: unknown[] = [];
  for (const v of values) if (!out.some((o) => compare(o, v) === 0)) out.push(v);
  return out;
}
