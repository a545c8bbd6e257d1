import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { EntryIntoForceService, RecomputeOutcome } from '@depositary/accession';
import {
  CirculateNotificationPayload,
  DraftNotificationPayload,
  JobEpoch,
  RecomputePayload,
  TREATY_QUEUE,
  TreatyJob,
  dueRecomputeJobId,
} from '@depositary/jobs';
import { DepositaryNotifications } from '@depositary/notifications';
import { DelayedError, Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { WorkerMetrics } from '../observability/worker-metrics';
import { Reconciler } from '../schedules/reconciler.service';
import { Retention } from '../schedules/retention.service';
import { QueueConsumer } from './consumer';
import { STALLED_JOBS, assertHandlesEveryJob } from './handlers';

/**
 * A recompute waits until the treaty's record has been quiet this long, so that a burst of acts (an import,
 * officers recording together) is evaluated once it has settled rather than on a partial view — once a
 * treaty is in force its dates stand. It waits at most MAX_SETTLE_MS after the job was queued.
 */
export const QUIET_MS = 500;
const MAX_SETTLE_MS = 15_000;

/** Thin: each job re-reads the record and is safe to run twice. */
@Injectable()
export class TreatyProcessor extends QueueConsumer {
  private readonly logger = new Logger(TreatyProcessor.name);
  private readonly epoch: JobEpoch;
  private readonly handlers = {
    [TreatyJob.Recompute]: (job: Job, token?: string) => this.settleThenRecompute(job, token),
    [TreatyJob.Reconcile]: () => this.reconciler.reconcile(),
    [TreatyJob.Retention]: () => this.retention.prune(),
    [TreatyJob.DraftNotification]: (job: Job) => this.notifications.draft(job.data as DraftNotificationPayload),
    [TreatyJob.CirculateNotification]: (job: Job) =>
      this.notifications.circulate((job.data as CirculateNotificationPayload).notificationId),
  };

  constructor(
    private readonly entryIntoForce: EntryIntoForceService,
    @InjectQueue(TREATY_QUEUE) private readonly treatyQueue: Queue,
    private readonly reconciler: Reconciler,
    private readonly retention: Retention,
    private readonly metrics: WorkerMetrics,
    private readonly notifications: DepositaryNotifications,
    @InjectDataSource() db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(TREATY_QUEUE, { concurrency: 4, ...STALLED_JOBS }, config, metrics);
    this.epoch = new JobEpoch(db);
    assertHandlesEveryJob(TREATY_QUEUE, this.handlers);
  }

  async process(job: Job, token?: string): Promise<unknown> {
    const handler = this.handlers[job.name as keyof typeof this.handlers];
    if (!handler) throw new Error(`no handler for job "${job.name}" on queue ${TREATY_QUEUE}`);
    return handler(job, token);
  }

  private async settleThenRecompute(job: Job, token?: string): Promise<unknown> {
    const { treatyId, committedAt } = job.data as RecomputePayload;
    const quietFor = await this.entryIntoForce.quietForMs(treatyId);
    if (quietFor < QUIET_MS && Date.now() - job.timestamp < MAX_SETTLE_MS) {
      await job.moveToDelayed(Date.now() + (QUIET_MS - quietFor) + 20, token);
      throw new DelayedError();
    }
    const outcome = await this.recompute(treatyId);
    const lagMs = committedAt ? Date.now() - Date.parse(committedAt) : undefined;
    if (lagMs !== undefined && outcome) this.metrics.recomputeLag.observe(lagMs / 1000);
    this.logger.log(`recompute of treaty ${treatyId}: ${outcome?.status ?? 'no such treaty'}`, {
      treatyId,
      jobId: job.id,
      status: outcome?.status ?? null,
      ...(lagMs !== undefined ? { lagMs } : {}),
    });
    return outcome;
  }

  private async recompute(treatyId: number): Promise<RecomputeOutcome | null> {
    const outcome = await this.entryIntoForce.recompute(treatyId);
    if (outcome?.nextDueOn) {
      // Wake up on the day something falls due; a reconcile pass covers a lost delayed job.
      const delay = Math.max(0, Date.parse(`${outcome.nextDueOn}T00:00:05Z`) - Date.now());
      const jobId = dueRecomputeJobId(await this.epoch.current(), treatyId, outcome.nextDueOn);
      await this.treatyQueue.add(TreatyJob.Recompute, { treatyId }, { jobId, delay });
    }
    return outcome;
  }
}
