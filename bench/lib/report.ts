import { CONTENDERS, type ContenderId } from "../contenders/contender.js";

/** One contender's result in one scenario; `na` says why it has none. */
export interface ContenderResult {
  readonly opsPerSec?: number;
  readonly queriesPerOp?: number;
  readonly seconds?: number;
  readonly peakMB?: number;
  readonly na?: string;
}

export interface ScenarioResult {
  readonly id: string;
  readonly n: number;
  readonly contenders: Partial<Record<ContenderId, ContenderResult>>;
  /** Said under the table: what was measured, caveats. */
  readonly notes: readonly string[];
}

const READS = new Set(["get-by-id", "list-open", "list-loaded", "list-aggregate", "list-policy"]);

const ops = (s: ScenarioResult | undefined, id: ContenderId) => s?.contenders[id]?.opsPerSec;

/** ashlar on the server over another contender, by ops/s. */
function ratio(s: ScenarioResult, other: ContenderId): number | undefined {
  const a = ops(s, "ashlar-pg");
  const b = ops(s, other);
  return a !== undefined && b !== undefined && b > 0 ? a / b : undefined;
}

const verdict = (met: boolean, detail: string) => `${met ? "met" : "MISSED"}: ${detail}`;
const x = (r: number | undefined) => (r === undefined ? "n/a" : `${r.toFixed(2)}×`);

/** Where a scenario stands against the issue's targets. */
export function targetOf(s: ScenarioResult, all: readonly ScenarioResult[]): string {
  const sql = ratio(s, "sql-pg");
  if (READS.has(s.id)) {
    const beats = (["drizzle", "prisma"] as const).filter((o) => ratio(s, o) !== undefined);
    const slower = beats.filter((o) => (ratio(s, o) as number) <= 1);
    const met = sql !== undefined && sql >= 0.8 && slower.length === 0;
    return verdict(
      met,
      `≥ 0.8× sql (${x(sql)})${slower.length ? `; not faster than ${slower.join(", ")}` : beats.length ? `; faster than ${beats.join(", ")}` : ""}`,
    );
  }
  if (s.id === "open-ticket-no-events" || s.id === "close-ticket")
    return verdict(sql !== undefined && sql >= 0.8, `≥ 0.8× sql (${x(sql)})`);
  if (s.id === "open-ticket") {
    const on = ops(s, "ashlar-pg");
    const off = ops(
      all.find((o) => o.id === "open-ticket-no-events"),
      "ashlar-pg",
    );
    if (on === undefined || off === undefined) return "n/a";
    const cost = off / on - 1;
    return verdict(cost <= 0.3, `event log costs ≤ 30% (${(cost * 100).toFixed(0)}%)`);
  }
  if (s.id === "load-5k-10k") {
    const q = s.contenders["ashlar-pg"]?.queriesPerOp;
    const met = q !== undefined && q <= 4 && sql !== undefined && sql >= 0.5;
    return verdict(
      met,
      `constant queries (${q ?? "?"}), ≤ 2× sql time (${sql === undefined ? "n/a" : `${(1 / sql).toFixed(2)}×`})`,
    );
  }
  if (s.id === "http-list") return verdict(sql !== undefined && sql >= 0.7, `≥ 0.7× Hono (${x(sql)})`);
  if (s.id === "typecheck-100") {
    const r = s.contenders["ashlar-pg"];
    if (r?.seconds === undefined) return "n/a";
    return verdict(r.seconds < 20 && (r.peakMB ?? 0) < 1536, "< 20 s and < 1.5 GB");
  }
  if (s.id === "cold-start") {
    const seconds = s.contenders["ashlar-pglite"]?.seconds;
    return seconds === undefined ? "n/a" : verdict(seconds < 1.5, "< 1.5 s");
  }
  return "—";
}

const thousands = (n: number) =>
  n.toLocaleString("en-US", { maximumFractionDigits: n < 10 ? 2 : n < 100 ? 1 : 0 });

function cell(r: ContenderResult | undefined): string {
  if (!r || r.na !== undefined) return "n/a";
  if (r.seconds !== undefined)
    return `${r.seconds.toFixed(2)} s${r.peakMB !== undefined ? ` ${r.peakMB.toFixed(0)} MB` : ""}`;
  if (r.opsPerSec === undefined) return "n/a";
  return `${thousands(r.opsPerSec)}/s${r.queriesPerOp !== undefined ? ` ${thousands(r.queriesPerOp)}q` : ""}`;
}

/** The results as a table: each contender's ops/s (and statements per call), ashlar's ratios, the targets. */
export function formatTable(results: readonly ScenarioResult[]): string {
  const header = ["#", "scenario", ...CONTENDERS, "a/sql", "a/drizzle", "a/prisma", "target"];
  const body = results.map((s) => [
    String(s.n),
    s.id,
    ...CONTENDERS.map((c) => cell(s.contenders[c])),
    ...(s.contenders["ashlar-pg"]?.seconds !== undefined
      ? ["", "", ""]
      : [x(ratio(s, "sql-pg")), x(ratio(s, "drizzle")), x(ratio(s, "prisma"))]),
    targetOf(s, results),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? "").length)));
  const line = (row: readonly string[]) =>
    row.map((v, i) => (i === row.length - 1 ? v : v.padEnd(widths[i] as number))).join("  ");
  const notes = results.flatMap((s) => [
    ...s.notes.map((n) => `  ${s.id}: ${n}`),
    ...CONTENDERS.flatMap((c) => {
      const na = s.contenders[c]?.na;
      return na ? [`  ${s.id}: ${c} n/a — ${na}`] : [];
    }),
  ]);
  return [
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...body.map(line),
    "",
    "ops/s are medians of interleaved rounds; Nq = statements per call (BEGIN/COMMIT included).",
    "a/x = ashlar on the server (ashlar-pg) over x, by ops/s (above 1: ashlar is faster).",
    ...(notes.length ? ["", "notes:", ...notes] : []),
  ].join("\n");
}

/** The results in the issue's shape: `{ machine, scenarios: [{ id, n, contenders: { id: {...} | null } }] }`. */
export function resultsJson(machine: Record<string, unknown>, results: readonly ScenarioResult[]): unknown {
  const round = (v: number | undefined, digits: number) =>
    v === undefined ? undefined : Number(v.toFixed(digits));
  return {
    machine,
    scenarios: results.map((s) => ({
      id: s.id,
      n: s.n,
      contenders: Object.fromEntries(
        CONTENDERS.map((c) => {
          const r = s.contenders[c];
          if (!r || r.na !== undefined) return [c, null];
          return [
            c,
            r.seconds !== undefined
              ? {
                  seconds: round(r.seconds, 3),
                  ...(r.peakMB !== undefined ? { peakMB: round(r.peakMB, 0) } : {}),
                }
              : { opsPerSec: round(r.opsPerSec, 1), queriesPerOp: round(r.queriesPerOp, 2) },
          ];
        }),
      ),
    })),
  };
}
