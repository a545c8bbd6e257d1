/**
 * The queue contract: queue names, job names, payloads and job-id builders, in one place.
 * Job ids contain no ':' (BullMQ uses it as a key separator); payloads carry ids, never personal data.
 */
export const TREATY_QUEUE = 'treaty';
export const MAIL_QUEUE = 'mail';
/**
 * Mail jobs one worker process runs at once. Each job waits mostly on SMTP and PostgreSQL; sixteen keep the
 * pooled transport's connections busy and let the sender claim and mark deliveries in batches.
 */
export const MAIL_CONCURRENCY = 16;
export const REMINDER_QUEUE = 'reminder';

export const TreatyJob = {
  Recompute: 'recompute',
  Reconcile: 'reconcile',
  Retention: 'retention',
  /** Drafts the depositary notification of an act or a treaty event (unique key per event in PostgreSQL). */
  DraftNotification: 'draft-notification',
  /** Queues the e-mails of an issued depositary notification (unique key per recipient in PostgreSQL). */
  CirculateNotification: 'circulate-notification',
} as const;

export const MailJob = {
  Deliver: 'deliver',
} as const;

export const ReminderJob = {
  Sweep: 'sweep',
} as const;

/** The requests whose work a job carries on, from the outbox (for the logs: the worker logs the job under them). */
export interface Traced {
  requestIds?: string[];
}

export interface RecomputePayload extends Traced {
  treatyId: number;
  /** When the first of the acts this recompute follows committed. */
  committedAt?: string;
}

export type RetentionPayload = Record<string, never>;

export type ReconcilePayload = Record<string, never>;

/** One of the two: the event of an act of a person, or a treaty event. */
export interface DraftNotificationPayload extends Traced {
  eventId?: number;
  treatyEventId?: number;
}

export interface CirculateNotificationPayload extends Traced {
  notificationId: number;
}

export interface DeliverPayload extends Traced {
  deliveryId: number;
}

/** Every job name of every queue: a worker refuses to start if one has no handler. */
export const JOB_NAMES_BY_QUEUE = {
  [TREATY_QUEUE]: Object.values(TreatyJob),
  [MAIL_QUEUE]: Object.values(MailJob),
  [REMINDER_QUEUE]: Object.values(ReminderJob),
} as const;

/*
 * Every job id starts with the database's job epoch (service_state.job_epoch): the ids of treaties, deliveries
 * and outbox rows of a restored copy start again from the dump, and in the same Redis the old jobs of those ids
 * (completed ones are kept a while) would swallow the new ones.
 */

/**
 * One recompute per treaty per relay batch: a burst of deposits in one batch coalesces into one job, a
 * retried batch maps to the same id (no duplicate), and a deposit in a later batch gets a new job even
 * while the previous one is running, so no change is missed.
 */
export const recomputeJobId = (epoch: string, treatyId: number, lastOutboxId: number): string =>
  `recompute-${epoch}-${treatyId}-${lastOutboxId}`;

/** A recompute on the day something falls due (entry into force, an admission). */
export const dueRecomputeJobId = (epoch: string, treatyId: number, dueOn: string): string => `recompute-${epoch}-${treatyId}-on-${dueOn}`;

/** A recompute of a reconcile pass; passes in the same minute (several workers, a Redis restart) coalesce. */
export const reconcileRecomputeJobId = (epoch: string, treatyId: number, minute: number): string =>
  `recompute-${epoch}-${treatyId}-reconcile${minute}`;

export const draftNotificationJobId = (epoch: string, source: DraftNotificationPayload): string =>
  source.eventId !== undefined ? `draft-${epoch}-event${source.eventId}` : `draft-${epoch}-treatyevent${source.treatyEventId}`;

export const circulateNotificationJobId = (epoch: string, notificationId: number): string => `circulate-${epoch}-${notificationId}`;

export const deliverJobId = (epoch: string, deliveryId: number): string => `deliver-${epoch}-${deliveryId}`;

/**
 * A job queued again by a pass that finds work whose job Redis may have lost: the reconcile pass (per minute) or
 * the delivery rescue (per bucket). Passes of one bucket, on however many workers, coalesce into one job.
 */
export const requeuedJobId = (jobId: string, pass: 'reconcile' | 'rescue', bucket: number): string => `${jobId}-${pass}${bucket}`;

export const RECONCILE_SCHEDULER_ID = 'reconcile-daily';
export const REMINDER_SWEEP_SCHEDULER_ID = 'reminder-sweep-daily';
export const RETENTION_SCHEDULER_ID = 'retention-hourly';
