import { describe, expect, it } from "vitest";
import { defaults, read, update } from "../actions/builders.js";
import { createApp } from "../app/create-app.js";
import { memory } from "../data-layer/memory/memory-data-layer.js";
import { domain } from "../domain/domain.js";
import type { Expr } from "../expressions/ast.js";
import { evaluate } from "../expressions/evaluate.js";
import { expr } from "../expressions/expr.js";
import { fillTemplates } from "../expressions/templates.js";
import { resource } from "../resource/resource.js";
import { t } from "../resource/t.js";
import { decideCall } from "./authorize.js";
import { type Check, type CheckContext, simpleCheck } from "./check.js";
import { action, actionType, actorAttributeEquals, actorPresent, always, never } from "./checks/builtin.js";
import { compilePolicies } from "./compile.js";
import { decide, explain, type Verdict } from "./decide.js";
import {
  authorizeIf,
  authorizeUnless,
  bypass,
  described,
  forbidIf,
  forbidUnless,
  type PolicyDef,
  type PolicyStep,
  policy,
} from "./policy.js";

const Doc = resource("doc", {
  attributes: {
    id: t.integer().primaryKey(),
    status: t.string().optional(),
    ownerId: t.integer().optional(),
    secret: t.boolean().optional(),
  },
  actions: {
    ...defaults("read", "create"),
    edit: update({ accept: ["status"] }),
    publish: update({ accept: [] }),
    archive: read(),
  },
  policies: [
    policy(actionType("read"), authorizeIf(actorPresent())),
    described("editors", policy(action("edit"), authorizeIf(actorAttributeEquals("role", "editor")))),
    policy([actionType("update"), actorPresent()], forbidIf(actorAttributeEquals("banned", true))),
    policy(never(), forbidIf(always())),
    bypass(always(), authorizeIf(actorAttributeEquals("role", "admin"))),
  ],
});

const ctx = (actor: unknown, name: keyof typeof Doc.actions = "read"): CheckContext => ({
  actor,
  resource: Doc,
  action: { ...Doc.actions[name], name },
  changeset: undefined,
  tenant: undefined,
  context: {},
  accessingFrom: undefined,
});

const fixed = (answer: boolean, label = String(answer)): Check =>
  simpleCheck({ name: label, describe: () => label, match: () => answer });
const yes = fixed(true, "yes");
const no = fixed(false, "no");

type Row = Record<string, unknown>;
/** Whether a verdict authorizes a record: a boolean as is, an expression only when it evaluates to true. */
function allows(verdict: Verdict, record: Row, actor: unknown = { id: 1 }): boolean {
  if (typeof verdict === "boolean") return verdict;
  const filled = fillTemplates(verdict, { actor, arguments: {}, context: {} });
  return evaluate(filled, { get: (r) => record[r.name], typeOf: () => undefined }) === true;
}
const verdictOf = (policies: PolicyDef[], actor: unknown = { id: 1 }) => decide(policies, ctx(actor)).verdict;
const one = (...steps: PolicyStep[]) => verdictOf([policy(always(), ...steps)]);

const isOpen: Expr = expr`status == "open"`;
const open = { id: 1, status: "open" };
const closed = { id: 2, status: "closed" };
const nil = { id: 3, status: null };

describe("decide: the checks of one policy", () => {
  const steps = { authorizeIf, forbidIf, authorizeUnless, forbidUnless };
  const table: [keyof typeof steps, boolean, "pass" | "fail" | "next"][] = [
    ["authorizeIf", true, "pass"],
    ["authorizeIf", false, "next"],
    ["forbidIf", true, "fail"],
    ["forbidIf", false, "next"],
    ["authorizeUnless", false, "pass"],
    ["authorizeUnless", true, "next"],
    ["forbidUnless", false, "fail"],
    ["forbidUnless", true, "next"],
  ];
  it.each(table)("%s with a check answering %s: %s", (kind, answer, outcome) => {
    const first = steps[kind](fixed(answer));
    // What follows decides only when this step does not: once to authorize, once to forbid.
    const thenAuthorized = one(first, authorizeIf(always()));
    const thenForbidden = one(first, forbidIf(always()));
    const alone = one(first);
    if (outcome === "pass") expect([thenAuthorized, thenForbidden, alone]).toEqual([true, true, true]);
    if (outcome === "fail") expect([thenAuthorized, thenForbidden, alone]).toEqual([false, false, false]);
    // Undecided: the next check decides, and with none left the policy forbids.
    if (outcome === "next") expect([thenAuthorized, thenForbidden, alone]).toEqual([true, false, false]);
  });

  it("the first check that decides wins, whatever follows", () => {
    expect(one(forbidIf(yes), authorizeIf(yes))).toBe(false);
    expect(one(authorizeIf(yes), forbidIf(yes))).toBe(true);
    expect(one(authorizeIf(no), forbidUnless(no), authorizeIf(yes))).toBe(false);
    expect(one(forbidIf(no), authorizeUnless(yes), authorizeIf(no), authorizeUnless(no))).toBe(true);
  });

  it("a policy where no check decides, or with no checks, forbids", () => {
    expect(one(authorizeIf(no), forbidIf(no), authorizeUnless(yes), forbidUnless(yes))).toBe(false);
    expect(one()).toBe(false);
  });
});

describe("decide: several policies and bypasses", () => {
  const pass = policy(always(), authorizeIf(yes));
  const fail = policy(always(), authorizeIf(no));
  const notApplying = policy(no, forbidIf(always()));
  const passingBypass = bypass(always(), authorizeIf(yes));
  const failingBypass = bypass(always(), forbidIf(yes), authorizeIf(yes));

  it("every applicable policy must pass; policies whose conditions do not all hold are ignored", () => {
    expect(verdictOf([pass, pass])).toBe(true);
    expect(verdictOf([pass, fail])).toBe(false);
    expect(verdictOf([fail, pass])).toBe(false);
    expect(verdictOf([pass, notApplying])).toBe(true);
    expect(verdictOf([pass, policy([yes, no], forbidIf(always()))])).toBe(true);
    expect(verdictOf([pass, policy([yes, yes], forbidIf(always()))])).toBe(false);
  });

  it("with no applicable policy the call is forbidden", () => {
    expect(verdictOf([])).toBe(false);
    expect(verdictOf([notApplying])).toBe(false);
    expect(verdictOf([bypass(no, authorizeIf(always()))])).toBe(false);
  });

  it("a passing bypass authorizes without the policies after it; those before it must still pass", () => {
    expect(verdictOf([passingBypass, fail])).toBe(true);
    expect(verdictOf([passingBypass])).toBe(true);
    expect(verdictOf([pass, passingBypass, fail])).toBe(true);
    expect(verdictOf([fail, passingBypass])).toBe(false);
    expect(verdictOf([fail, passingBypass, pass])).toBe(false);
  });

  it("a failing bypass is as if it were not there; alone it forbids", () => {
    expect(verdictOf([failingBypass])).toBe(false);
    expect(verdictOf([bypass(always())])).toBe(false);
    expect(verdictOf([failingBypass, pass])).toBe(true);
    expect(verdictOf([failingBypass, fail])).toBe(false);
    expect(verdictOf([pass, failingBypass])).toBe(true);
    expect(verdictOf([fail, failingBypass, pass])).toBe(false);
  });

  it("a bypass that does not apply does not authorize", () => {
    expect(verdictOf([bypass(no, authorizeIf(yes)), fail])).toBe(false);
    expect(verdictOf([bypass(no, authorizeIf(yes)), pass])).toBe(true);
  });
});

describe("decide: filter checks become a condition on each record", () => {
  const check = (verdict: Verdict, records: Row[]) => records.map((r) => allows(verdict, r));

  it("authorizeIf(filter) authorizes matching records only; nil does not match", () => {
    const v = one(authorizeIf(isOpen));
    expect(typeof v).toBe("object");
    expect(check(v, [open, closed, nil])).toEqual([true, false, false]);
  });

  it("forbidIf(filter) forbids only where the filter is true: nil does not forbid", () => {
    const v = one(forbidIf(isOpen), authorizeIf(always()));
    expect(check(v, [open, closed, nil])).toEqual([false, true, true]);
    expect(check(one(forbidIf(isOpen)), [open, closed, nil])).toEqual([false, false, false]);
  });

  it("authorizeUnless(filter) authorizes where the filter is not true, nil included", () => {
    expect(check(one(authorizeUnless(isOpen)), [open, closed, nil])).toEqual([false, true, true]);
    const thenForbid = one(authorizeUnless(isOpen), forbidIf(always()));
    expect(check(thenForbid, [open, closed, nil])).toEqual([false, true, true]);
  });

  it("forbidUnless(filter) forbids where the filter is not true, nil included", () => {
    const v = one(forbidUnless(isOpen), authorizeIf(always()));
    expect(check(v, [open, closed, nil])).toEqual([true, false, false]);
  });

  it("checks of one policy are ordered: the first that decides for a record wins", () => {
    const isSecret = expr`secret == true`;
    const v = one(forbidIf(isSecret), authorizeIf(isOpen));
    const records = [
      { status: "open", secret: true },
      { status: "open", secret: false },
      { status: "open", secret: null },
      { status: "closed", secret: false },
      { status: null, secret: null },
    ];
    expect(check(v, records)).toEqual([false, true, true, false, false]);
    const reversed = one(authorizeIf(isOpen), forbidIf(isSecret));
    expect(check(reversed, records)).toEqual([true, true, true, false, false]);
    expect(check(one(authorizeIf(isOpen), forbidIf(always())), [open, closed, nil])).toEqual([
      true,
      false,
      false,
    ]);
  });

  it("checks in one policy combine with or, policies with and", () => {
    const mine = expr`ownerId == ^actor(id)`;
    const records = [
      { status: "open", ownerId: 1 },
      { status: "open", ownerId: 2 },
      { status: "closed", ownerId: 1 },
      { status: "closed", ownerId: null },
    ];
    const either = one(authorizeIf(isOpen), authorizeIf(mine));
    expect(check(either, records)).toEqual([true, true, true, false]);
    const both = verdictOf([policy(always(), authorizeIf(isOpen)), policy(always(), authorizeIf(mine))]);
    expect(check(both, records)).toEqual([true, false, false, false]);
    // An actor without an id: the template is nil, so nothing is "mine" and forbidIf(mine) forbids nothing.
    const anonymous = {};
    const notMine = verdictOf([policy(always(), forbidIf(mine), authorizeIf(always()))], anonymous);
    expect(records.map((r) => allows(notMine, r, anonymous))).toEqual([true, true, true, true]);
    expect(records.map((r) => allows(either, r, anonymous))).toEqual([true, true, false, false]);
  });

  it("simple answers fold away; the expression only remains where a record can change the outcome", () => {
    expect(one(authorizeIf(yes), authorizeIf(isOpen))).toBe(true);
    expect(one(forbidIf(yes), authorizeIf(isOpen))).toBe(false);
    expect(verdictOf([policy(always(), authorizeIf(isOpen)), policy(always(), authorizeIf(no))])).toBe(false);
    expect(check(one(authorizeIf(no), authorizeIf(isOpen)), [open, closed])).toEqual([true, false]);
  });

  it("a filter bypass authorizes the records it matches without the policies after it", () => {
    const v = verdictOf([bypass(always(), authorizeIf(isOpen)), policy(always(), forbidIf(always()))]);
    expect(check(v, [open, closed, nil])).toEqual([true, false, false]);
    const mustPassFirst = verdictOf([
      policy(always(), forbidIf(expr`secret == true`), authorizeIf(always())),
      bypass(always(), authorizeIf(isOpen)),
      policy(always(), authorizeIf(expr`ownerId == 1`)),
    ]);
    const records = [
      { status: "open", secret: true, ownerId: 1 },
      { status: "open", secret: false, ownerId: 2 },
      { status: "closed", secret: null, ownerId: 1 },
      { status: "closed", secret: false, ownerId: 2 },
    ];
    expect(check(mustPassFirst, records)).toEqual([false, true, true, false]);
  });
});

describe("explain", () => {
  it("names each policy, what each check answered and what decided", () => {
    const decision = decide(
      [
        described(
          "not banned",
          policy(always(), forbidIf(actorAttributeEquals("banned", true)), authorizeIf(yes)),
        ),
        bypass(actorAttributeEquals("role", "admin"), authorizeIf(always())),
        policy(actionType("read"), authorizeIf(no), authorizeIf(isOpen)),
        policy(actionType("create"), forbidIf(always())),
        policy(always(), authorizeIf(no), forbidIf(no)),
      ],
      ctx({ id: 1, role: "user" }),
    );
    const text = explain(decision, "doc.read");
    expect(text.split("\n")[0]).toBe("doc.read: forbidden");
    expect(text).toContain("not banned: passed (decided by authorizeIf(yes))");
    expect(text).toContain("forbidIf(actor.banned == true) → false");
    expect(text).toContain("authorizeIf(yes) → true");
    expect(text).toContain('bypass 2 (actor.role == "admin"): does not apply');
    expect(text).toContain("policy 3 (action type is read): depends on the record (decided by the record)");
    expect(text).toContain('authorizeIf(status == "open" [status == "open"]) → depends on the record');
    expect(text).toContain("policy 4 (action type is create): does not apply");
    expect(text).toContain("policy 5 (always): failed (decided by none decided)");
    expect(text).toContain("forbidIf(no) → false");
  });

  it("says so when no policy applies, and when the outcome depends on the records", () => {
    const none = explain(decide([policy(no, authorizeIf(always()))], ctx({ id: 1 })), "doc.read");
    expect(none).toContain("doc.read: forbidden");
    expect(none).toContain("no policy applies to this call, so it is forbidden");
    const some = explain(decide([policy(always(), authorizeIf(isOpen))], ctx({ id: 1 })), "doc.read");
    expect(some.split("\n")[0]).toBe("doc.read: authorized only for matching records");
    expect(explain(decide([policy(always(), authorizeIf(yes))], ctx({ id: 1 })), "x")).toMatch(
      /^x: authorized\n/,
    );
  });

  it("does not credit a later simple check with deciding when an earlier filter check decides per record", () => {
    const decision = decide([policy(always(), authorizeIf(isOpen), forbidIf(always()))], ctx({ id: 1 }));
    expect(decision.policies[0]?.outcome).toBe("depends on the record");
    // Records matching the filter are authorized by authorizeIf(filter), not forbidden by forbidIf(always).
    expect(decision.policies[0]?.decidedBy).not.toBe("forbidIf(always)");
  });
});

describe("policies compiled per action", () => {
  it("drops policies whose action-only conditions exclude the action and strips the conditions that hold", () => {
    const compiled = compilePolicies(Doc);
    const names = (a: string) => compiled.get(a)?.policies.map((p) => p.description);
    expect(names("read")).toEqual(["policy 1 (action type is read)", "bypass 5 (always)"]);
    expect(compiled.get("read")?.excluded).toEqual(["editors", "policy 3", "policy 4"]);
    expect(names("edit")).toEqual([
      "editors",
      "policy 3 (action type is update and an actor is present)",
      "bypass 5 (always)",
    ]);
    expect(names("publish")).toEqual([
      "policy 3 (action type is update and an actor is present)",
      "bypass 5 (always)",
    ]);
    expect(names("create")).toEqual(["bypass 5 (always)"]);
    // Only the condition that depends on the call is left to evaluate.
    expect(compiled.get("edit")?.policies[1]?.conditions.map((c) => c.name)).toEqual(["actorPresent"]);
    expect(compiled.get("read")?.policies[0]?.conditions).toEqual([]);
  });

  it("decideCall reports excluded policies as not applying, and decides as all the policies would", async () => {
    const app = await createApp({ domains: [domain("docs", { resources: [Doc] })], dataLayer: memory() });
    const runtime = app.engine.runtimeOf(Doc);
    const actors = [
      undefined,
      { id: 1 },
      { role: "editor" },
      { role: "editor", banned: true },
      { role: "admin" },
    ];
    for (const name of ["read", "archive", "create", "edit", "publish"] as const) {
      for (const actor of actors) {
        const call = { actor, tenant: undefined, context: {}, authorize: true };
        const viaCompiled = decideCall(runtime, { ...Doc.actions[name], name }, call);
        const direct = decide(Doc.policies ?? [], ctx(actor, name));
        expect([name, viaCompiled.verdict]).toEqual([name, direct.verdict]);
        const outcomes = (d: typeof direct) =>
          Object.fromEntries(d.policies.map((p) => [p.description.replace(/ \(.*/, ""), p.outcome]));
        expect(outcomes(viaCompiled)).toEqual(outcomes(direct));
      }
    }
    const read = decideCall(
      runtime,
      { ...Doc.actions.read, name: "read" },
      {
        actor: { id: 1 },
        tenant: undefined,
        context: {},
        authorize: true,
      },
    );
    const editors = read.policies.find((p) => p.description === "editors");
    expect(editors).toMatchObject({ applies: false, outcome: "does not apply", checks: [] });
    expect(explain(read, "doc.read")).toContain("editors: does not apply");
    expect(explain(read, "doc.read")).toContain("policy 4: does not apply");
  });
});
