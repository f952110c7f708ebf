import { queries } from "./query-counter.js";

/** One call of a contender's operation; `i` counts its calls, so inputs can rotate. */
export type Operation = (i: number) => Promise<unknown>;

export interface Measured {
  readonly opsPerSec: number;
  readonly queriesPerOp: number;
  /** Calls per timed round (calibrated from the warm-up). */
  readonly callsPerRound: number;
}

export interface RacePlan {
  readonly rounds: number;
  readonly warmup: number;
  readonly roundMs: number;
}

export const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * Runs the contenders' operations interleaved — a warm-up of each in turn, then round after round of A, B, C,
 * A, B, C … — so that machine noise (other processes, the server's caches, GC) falls on all of them alike.
 * Each round times a calibrated number of sequential calls (about `roundMs` of work); the answer is each
 * contender's median ops/s over the rounds, and its statements per call.
 */
export async function race(
  operations: ReadonlyMap<string, Operation>,
  plan: RacePlan,
): Promise<Map<string, Measured>> {
  const calls = new Map<string, number>();
  const next = (id: string) => {
    const i = calls.get(id) ?? 0;
    calls.set(id, i + 1);
    return i;
  };
  const perCallMs = new Map<string, number>();
  for (const [id, op] of operations) {
    // Warm-up: `warmup` calls, or fewer when they take longer than a round (the slow load scenario).
    const started = performance.now();
    let done = 0;
    while (done < plan.warmup && (done < 2 || performance.now() - started < plan.roundMs)) {
      await op(next(id));
      done++;
    }
    perCallMs.set(id, (performance.now() - started) / done);
  }
  const rates = new Map<string, number[]>();
  const counted = new Map<string, number[]>();
  const perRound = new Map<string, number>();
  for (const [id] of operations) {
    const estimate = Math.max(0.001, perCallMs.get(id) ?? 1);
    perRound.set(id, Math.min(5_000, Math.max(1, Math.round(plan.roundMs / estimate))));
  }
  for (let round = 0; round < plan.rounds; round++) {
    for (const [id, op] of operations) {
      const n = perRound.get(id) as number;
      const before = queries.count;
      const started = performance.now();
      for (let k = 0; k < n; k++) await op(next(id));
      const seconds = (performance.now() - started) / 1000;
      (rates.get(id) ?? rates.set(id, []).get(id))?.push(n / seconds);
      (counted.get(id) ?? counted.set(id, []).get(id))?.push((queries.count - before) / n);
    }
  }
  const results = new Map<string, Measured>();
  for (const [id] of operations)
    results.set(id, {
      opsPerSec: median(rates.get(id) ?? []),
      queriesPerOp: median(counted.get(id) ?? []),
      callsPerRound: perRound.get(id) as number,
    });
  return results;
}
