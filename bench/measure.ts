import { performance } from 'node:perf_hooks';

/** What one closed-loop run saw: each operation's latency, the wall time, and this process's CPU time. */
export interface Sample {
  durationsMs: Float64Array;
  elapsedMs: number;
  cpuMs: number;
}

export interface Measurement {
  count: number;
  elapsedMs: number;
  opsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** CPU time of this Node process per operation (API, client and pg driver alike), in microseconds. */
  cpuUsPerOp: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * Runs `total` operations with `concurrency` workers, each taking the next index until none is left
 * (a closed loop: a worker starts its next operation when its previous one is answered), and times each one.
 */
export async function runClosedLoop(total: number, concurrency: number, operation: (index: number) => Promise<void>): Promise<Sample> {
  const durationsMs = new Float64Array(total);
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < total) {
      const index = next++;
      const t0 = performance.now();
      await operation(index);
      durationsMs[index] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const elapsedMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { durationsMs, elapsedMs, cpuMs: (used.user + used.system) / 1000 };
}

/** Pools the samples of several rounds: the rate over their summed wall time, percentiles over all operations. */
export function summarize(samples: Sample[]): Measurement {
  const count = samples.reduce((sum, sample) => sum + sample.durationsMs.length, 0);
  const elapsedMs = samples.reduce((sum, sample) => sum + sample.elapsedMs, 0);
  const cpuMs = samples.reduce((sum, sample) => sum + sample.cpuMs, 0);
  const all = new Float64Array(count);
  let offset = 0;
  for (const sample of samples) {
    all.set(sample.durationsMs, offset);
    offset += sample.durationsMs.length;
  }
  all.sort();
  return {
    count,
    elapsedMs,
    opsPerSec: (count / elapsedMs) * 1000,
    p50Ms: percentile(all, 50),
    p99Ms: percentile(all, 99),
    maxMs: all[count - 1] ?? Number.NaN,
    cpuUsPerOp: (cpuMs * 1000) / count,
  };
}
