/**
 * The queue contract: queue names, job names, payloads and job-id builders, in one place.
 * Job ids contain no ':' (BullMQ uses it as a key separator); payloads carry ids, never personal data.
 */
export const TREATY_QUEUE = 'treaty';

export const TreatyJob = {
  Recompute: 'recompute',
} as const;
export type TreatyJobName = (typeof TreatyJob)[keyof typeof TreatyJob];

export interface RecomputePayload {
  treatyId: number;
}

export interface TreatyJobPayloads {
  recompute: RecomputePayload;
}

/**
 * One recompute per treaty per relay batch: a burst of deposits in one batch coalesces into one job, a
 * retried batch maps to the same id (no duplicate), and a deposit in a later batch gets a new job even
 * while the previous one is running, so no change is missed.
 */
export const recomputeJobId = (treatyId: number, lastOutboxId: number): string => `recompute-${treatyId}-${lastOutboxId}`;

export const JOB_NAMES_BY_QUEUE: Record<string, readonly string[]> = {
  [TREATY_QUEUE]: Object.values(TreatyJob),
};
