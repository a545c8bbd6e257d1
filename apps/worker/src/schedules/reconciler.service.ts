import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EntryIntoForceService } from '@depositary/accession';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import {
  JobEpoch,
  MAIL_QUEUE,
  MailJob,
  RECONCILE_SCHEDULER_ID,
  REMINDER_QUEUE,
  REMINDER_SWEEP_SCHEDULER_ID,
  RETENTION_SCHEDULER_ID,
  ReminderJob,
  TREATY_QUEUE,
  ThrottledLog,
  TreatyJob,
  circulateNotificationJobId,
  deliverJobId,
  requeuedJobId,
  draftNotificationJobId,
  reconcileRecomputeJobId,
  redisOptions,
} from '@depositary/jobs';
import { DepositaryNotifications, NOT_HELD } from '@depositary/notifications';
import type { Queue } from 'bullmq';
import IORedis, { Redis } from 'ioredis';
import { DataSource } from 'typeorm';

/**
 * Rebuilds from PostgreSQL the work that lives only in Redis: the job schedulers (daily sweep and reconcile, hourly retention),
 * a recompute of every treaty (which queues again the delayed jobs of admissions and entry into force), and a
 * send job for every delivery not yet sent. It runs when this worker first reaches Redis, whenever it reaches a
 * Redis whose run_id changed (a restart, a failover: Redis may have come back empty while the worker stayed up),
 * every RECONCILE_INTERVAL_SECONDS, and daily from the BullMQ scheduler. Job ids are bucketed by the minute, so
 * the passes of several workers coalesce; every job is idempotent anyway.
 */
/** How many times a failed reconcile pass is tried again before it is left to the periodic pass. */
const RETRIES = 20;

@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Reconciler.name);
  private readonly log = new ThrottledLog(this.logger);
  private readonly epoch: JobEpoch;
  private watch: Redis | undefined;
  private timer: NodeJS.Timeout | undefined;
  private runId: string | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly entryIntoForce: EntryIntoForceService,
    @InjectQueue(TREATY_QUEUE) private readonly treatyQueue: Queue,
    @InjectQueue(MAIL_QUEUE) private readonly mailQueue: Queue,
    @InjectQueue(REMINDER_QUEUE) private readonly reminderQueue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: DepositaryNotifications,
  ) {
    this.epoch = new JobEpoch(db);
  }

  onApplicationBootstrap(): void {
    // Producer queues report Redis errors as events: logged at a bounded rate, not once per reconnect attempt.
    for (const queue of [this.treatyQueue, this.mailQueue, this.reminderQueue])
      queue.on('error', (error: Error) => this.log.warn(`${queue.name} queue: ${error.message}`));
    this.watch = new IORedis(redisOptions(this.config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }));
    this.watch.on('error', (error: Error) => this.log.warn(`Redis: ${error.message}`));
    this.watch.on('ready', () => void this.onReady());
    this.timer = setInterval(() => void this.pass('periodic'), this.config.reconcileIntervalSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.watch?.disconnect();
    await this.running.catch(() => undefined);
  }

  /** On each connection: a Redis of another run_id than the last one seen lost whatever it held. */
  private async onReady(): Promise<void> {
    let runId: string | undefined;
    try {
      runId = /run_id:(\w+)/.exec(await this.watch!.info('server'))?.[1];
    } catch (error) {
      this.log.warn(`Redis: cannot read run_id: ${String(error)}`);
      return;
    }
    if (!runId || runId === this.runId) return;
    const first = this.runId === undefined;
    this.runId = runId;
    if (!first) this.logger.warn(`Redis restarted (run_id ${runId.slice(0, 8)}): rebuilding its jobs from PostgreSQL`);
    await this.pass(first ? 'start' : 'Redis restarted');
  }

  /**
   * One pass at a time in this process. A failed one is tried again after a growing pause (a Redis that just
   * came back may answer the watch before the queues' own connections are ready), up to RETRIES times; after
   * that it is left to the periodic pass.
   */
  private pass(why: string, attempt = 1): Promise<unknown> {
    this.running = this.running
      .then(async () => {
        await this.upsertSchedulers();
        const done = await this.reconcile();
        this.logger.log(`reconcile (${why}): ${done.treaties} treaties, ${done.deliveries} deliveries re-queued`);
      })
      .catch((error: unknown) => {
        const again = attempt < RETRIES;
        this.log.warn(`reconcile (${why}) failed${again ? ', trying again shortly' : ', the next pass will retry'}: ${String(error)}`);
        if (again) setTimeout(() => void this.pass(why, attempt + 1), Math.min(500 * attempt, 5_000)).unref();
      });
    return this.running;
  }

  private async upsertSchedulers(): Promise<void> {
    const { cron, timeZone } = this.config.reminderSweep;
    await this.reminderQueue.upsertJobScheduler(
      REMINDER_SWEEP_SCHEDULER_ID,
      { pattern: cron, tz: timeZone },
      { name: ReminderJob.Sweep, data: {} },
    );
    await this.treatyQueue.upsertJobScheduler(
      RECONCILE_SCHEDULER_ID,
      { pattern: '10 0 * * *', tz: 'UTC' },
      { name: TreatyJob.Reconcile, data: {} },
    );
    await this.treatyQueue.upsertJobScheduler(
      RETENTION_SCHEDULER_ID,
      { pattern: '25 * * * *', tz: 'UTC' },
      { name: TreatyJob.Retention, data: {} },
    );
  }

  /** Queues a recompute of every treaty and a send of every delivery not yet sent (unless deliveries are held). */
  async reconcile(): Promise<{ treaties: number; deliveries: number }> {
    const epoch = await this.epoch.current();
    const minute = Math.floor(Date.now() / 60_000);
    const treaties = await this.entryIntoForce.treatyIds();
    await this.treatyQueue.addBulk(
      treaties.map((treatyId) => ({
        name: TreatyJob.Recompute,
        data: { treatyId },
        opts: { jobId: reconcileRecomputeJobId(epoch, treatyId, minute) },
      })),
    );
    const pending: { id: number }[] = await this.db.query(
      `SELECT id FROM deliveries
       WHERE (status IN ('queued', 'failed') OR (status = 'sending' AND lease_until < now())) AND ${NOT_HELD}
       ORDER BY id LIMIT 10000`,
    );
    await this.mailQueue.addBulk(
      pending.map(({ id }) => ({
        name: MailJob.Deliver,
        data: { deliveryId: id },
        opts: { jobId: requeuedJobId(deliverJobId(epoch, id), 'reconcile', minute) },
      })),
    );
    await this.requeueNotifications(epoch, minute);
    return { treaties: treaties.length, deliveries: pending.length };
  }

  /** Drafts and circulations of depositary notifications whose job Redis may have lost. */
  private async requeueNotifications(epoch: string, minute: number): Promise<void> {
    const { drafts, circulations } = await this.notifications.unfinished();
    await this.treatyQueue.addBulk([
      ...drafts.map((source) => ({
        name: TreatyJob.DraftNotification,
        data: source,
        opts: { jobId: requeuedJobId(draftNotificationJobId(epoch, source), 'reconcile', minute) },
      })),
      ...circulations.map((notificationId) => ({
        name: TreatyJob.CirculateNotification,
        data: { notificationId },
        opts: { jobId: requeuedJobId(circulateNotificationJobId(epoch, notificationId), 'reconcile', minute) },
      })),
    ]);
  }
}
