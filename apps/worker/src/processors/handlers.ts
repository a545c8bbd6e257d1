import { JOB_NAMES_BY_QUEUE } from '@depositary/jobs';

/** Start-up fails when a queue has a job name its processor does not handle. */
export function assertHandlesEveryJob(queue: keyof typeof JOB_NAMES_BY_QUEUE, handlers: Record<string, unknown>): void {
  const missing = JOB_NAMES_BY_QUEUE[queue].filter((name) => typeof handlers[name] !== 'function');
  if (missing.length) throw new Error(`queue ${queue} has no handler for: ${missing.join(', ')}`);
}

/**
 * A job whose worker died (SIGKILL, a lost machine) is noticed within seconds and retried, more than once:
 * every job is idempotent, so a retry is safe, and giving up would leave the work to the daily reconcile.
 */
export const STALLED_JOBS = { lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 5 } as const;
