import { call, type Expr, lit, not, op } from "../expressions/ast.js";
import type { CheckContext } from "./check.js";
import { describeExpr } from "./checks/builtin.js";
import type { PolicyDef, PolicyStepKind } from "./policy.js";

/** true: authorized; false: forbidden; an expression: authorized for the records it matches. */
export type Verdict = boolean | Expr;

/** What each policy and check did, for explanations ("why was I forbidden?"). */
export interface PolicyTrace {
  readonly kind: "policy" | "bypass";
  readonly description: string;
  readonly applies: boolean;
  readonly checks: readonly {
    readonly step: PolicyStepKind;
    readonly check: string;
    readonly result: "true" | "false" | "depends on the record";
  }[];
  /** Which check decided ("none decided" forbids), or that it depends on each record. */
  readonly decidedBy: string;
  readonly outcome: "passed" | "failed" | "depends on the record" | "does not apply";
}

export interface Decision {
  readonly verdict: Verdict;
  readonly policies: readonly PolicyTrace[];
}

// Boolean algebra with constants folded, so simple checks decide without building expressions.
const and = (a: Verdict, b: Verdict): Verdict =>
  a === false || b === false ? false : a === true ? b : b === true ? a : op("and", a, b);
const or = (a: Verdict, b: Verdict): Verdict =>
  a === true || b === true ? true : a === false ? b : b === false ? a : op("or", a, b);
/** "Not true": a nil condition counts as false, as a filter check that does not match. */
const negate = (a: Verdict): Verdict => (typeof a === "boolean" ? !a : not(call("coalesce", a, lit(false))));

const describeStep = (kind: PolicyStepKind, check: string) => `${kind}(${check})`;

/**
 * Decides a call with Ash's semantics: every applicable policy must pass; inside a policy the first check that
 * decides wins, and a policy where none decides forbids; a passing bypass authorizes without the policies after
 * it; when no policy applies, the call is forbidden. Simple checks decide now; filter checks stay expressions.
 */
export function decide(policies: readonly PolicyDef[], context: CheckContext): Decision {
  const verdict = run(policies, context, undefined);
  let traces: PolicyTrace[] | undefined;
  return {
    verdict,
    // What each policy did is worked out only when asked (a Forbidden error's explanation): the checks run
    // again, which they may, being pure; every call would otherwise pay for the descriptions.
    get policies() {
      if (!traces) {
        traces = [];
        run(policies, context, traces);
      }
      return traces;
    },
  };
}

/** Decides, adding each policy's trace to `traces` when given. */
function run(
  policies: readonly PolicyDef[],
  context: CheckContext,
  traces: PolicyTrace[] | undefined,
): Verdict {
  const verdicts: { kind: "policy" | "bypass"; verdict: Verdict }[] = [];
  for (const [index, p] of policies.entries()) {
    const applies = p.conditions.every((c) => c.evaluate(context) === true);
    const description = () =>
      p.description ??
      `${p.kind} ${index + 1} (${p.conditions.map((c) => c.describe()).join(" and ") || "always"})`;
    if (!applies) {
      traces?.push({
        kind: p.kind,
        description: description(),
        applies,
        checks: [],
        decidedBy: "-",
        outcome: "does not apply",
      });
      continue;
    }
    const results = p.steps.map((s) => {
      const r = s.check.evaluate(context);
      return {
        step: s.kind,
        check: s.check,
        verdict: r as Verdict,
        expr: typeof r === "boolean" ? undefined : r,
      };
    });
    let verdict: Verdict = false;
    for (let i = results.length - 1; i >= 0; i--) {
      const r = results[i] as (typeof results)[number];
      if (r.step === "authorizeIf") verdict = or(r.verdict, verdict);
      else if (r.step === "forbidIf") verdict = and(negate(r.verdict), verdict);
      else if (r.step === "authorizeUnless") verdict = or(negate(r.verdict), verdict);
      else verdict = and(r.verdict, verdict);
    }
    if (traces) {
      // The first check that decides outright, unless a filter check comes before it (then each record decides).
      const first = results.find((r) => r.expr !== undefined || decides(r.step, r.verdict as boolean));
      const decider = first && first.expr === undefined ? first : undefined;
      traces.push({
        kind: p.kind,
        description: description(),
        applies,
        checks: results.map((r) => ({
          step: r.step,
          check: r.expr ? `${r.check.describe()} [${describeExpr(r.expr)}]` : r.check.describe(),
          result:
            typeof r.verdict === "boolean"
              ? (String(r.verdict) as "true" | "false")
              : "depends on the record",
        })),
        decidedBy: decider
          ? describeStep(decider.step, decider.check.describe())
          : first
            ? "the record"
            : "none decided",
        outcome: verdict === true ? "passed" : verdict === false ? "failed" : "depends on the record",
      });
    }
    verdicts.push({ kind: p.kind, verdict });
  }
  // A failed bypass is as if it were not there; with no applicable policy at all, the call is forbidden.
  let verdict: Verdict = verdicts.some((v) => v.kind === "policy");
  for (let i = verdicts.length - 1; i >= 0; i--) {
    const v = verdicts[i] as (typeof verdicts)[number];
    verdict = v.kind === "bypass" ? or(v.verdict, verdict) : and(v.verdict, verdict);
  }
  return verdict;
}

/** Whether a step with this (simple) result decides the policy. */
function decides(step: PolicyStepKind, result: boolean): boolean {
  return step === "authorizeIf" || step === "forbidIf" ? result : !result;
}

/** Explains a decision in a few lines: which policies applied, what each check answered, what decided. */
export function explain(decision: Decision, subject: string): string {
  const lines = [
    `${subject}: ${decision.verdict === true ? "authorized" : decision.verdict === false ? "forbidden" : "authorized only for matching records"}`,
  ];
  if (!decision.policies.some((p) => p.applies))
    lines.push("  no policy applies to this call, so it is forbidden");
  for (const p of decision.policies) {
    lines.push(`  ${p.description}: ${p.outcome}${p.applies ? ` (decided by ${p.decidedBy})` : ""}`);
    for (const c of p.checks) lines.push(`    ${c.step}(${c.check}) → ${c.result}`);
  }
  return lines.join("\n");
}
