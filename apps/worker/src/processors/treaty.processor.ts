import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EntryIntoForceService } from '@depositary/accession';
import { MAIL_QUEUE, MailJob, RecomputePayload, TREATY_QUEUE, TreatyJob, deliverJobId, dueRecomputeJobId } from '@depositary/jobs';
import { DelayedError, Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { STALLED_JOBS, assertHandlesEveryJob } from './handlers';

const DAY_MS = 86_400_000;

/**
 * A recompute waits until the treaty's record has been quiet this long, so that a burst of acts (an import,
 * officers recording together) is evaluated once it has settled rather than on a partial view — once a
 * treaty is in force its dates stand. It waits at most MAX_SETTLE_MS after the job was queued.
 */
export const QUIET_MS = 500;
const MAX_SETTLE_MS = 15_000;

/** Thin: each job re-reads the record and is safe to run twice. */
@Processor(TREATY_QUEUE, { concurrency: 4, ...STALLED_JOBS })
export class TreatyProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(TreatyProcessor.name);
  private readonly handlers = {
    [TreatyJob.Recompute]: (job: Job, token?: string) => this.settleThenRecompute(job, token),
    [TreatyJob.Reconcile]: () => this.reconcile(),
  };

  constructor(
    private readonly entryIntoForce: EntryIntoForceService,
    @InjectQueue(TREATY_QUEUE) private readonly treatyQueue: Queue,
    @InjectQueue(MAIL_QUEUE) private readonly mailQueue: Queue,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    super();
    assertHandlesEveryJob(TREATY_QUEUE, this.handlers);
  }

  /** A reconcile pass at start: nothing may depend on a delayed job having survived a Redis restart. */
  onApplicationBootstrap(): void {
    this.reconcile().catch((error: unknown) => this.logger.warn(`reconcile at start failed, the daily pass will retry: ${String(error)}`));
  }

  async process(job: Job, token?: string): Promise<unknown> {
    const handler = this.handlers[job.name as keyof typeof this.handlers];
    if (!handler) throw new Error(`no handler for job "${job.name}" on queue ${TREATY_QUEUE}`);
    return handler(job, token);
  }

  private async settleThenRecompute(job: Job, token?: string): Promise<unknown> {
    const { treatyId } = job.data as RecomputePayload;
    const quietFor = await this.entryIntoForce.quietForMs(treatyId);
    if (quietFor < QUIET_MS && Date.now() - job.timestamp < MAX_SETTLE_MS) {
      await job.moveToDelayed(Date.now() + (QUIET_MS - quietFor) + 20, token);
      throw new DelayedError();
    }
    return this.recompute(treatyId);
  }

  private async recompute(treatyId: number): Promise<unknown> {
    const outcome = await this.entryIntoForce.recompute(treatyId);
    if (outcome?.nextDueOn) {
      // Wake up on the day something falls due; the daily reconcile covers a lost delayed job.
      const delay = Math.max(0, Date.parse(`${outcome.nextDueOn}T00:00:05Z`) - Date.now());
      await this.treatyQueue.add(TreatyJob.Recompute, { treatyId }, { jobId: dueRecomputeJobId(treatyId, outcome.nextDueOn), delay });
    }
    return outcome;
  }

  /** Recomputes every treaty and re-queues deliveries whose send job may have been lost. */
  private async reconcile(): Promise<{ treaties: number; deliveries: number }> {
    const treaties = await this.entryIntoForce.treatyIds();
    for (const treatyId of treaties) await this.recompute(treatyId);
    const pending: { id: number }[] = await this.db.query(
      `SELECT id FROM deliveries WHERE status IN ('queued', 'failed') OR (status = 'sending' AND lease_until < now()) ORDER BY id LIMIT 10000`,
    );
    // Same job ids as the relay's: a job still waiting is not duplicated. A finished one is kept a while, so
    // a re-queued id is distinct per day.
    const day = Math.floor(Date.now() / DAY_MS);
    await this.mailQueue.addBulk(
      pending.map(({ id }) => ({ name: MailJob.Deliver, data: { deliveryId: id }, opts: { jobId: `${deliverJobId(id)}-r${day}` } })),
    );
    return { treaties: treaties.length, deliveries: pending.length };
  }
}
