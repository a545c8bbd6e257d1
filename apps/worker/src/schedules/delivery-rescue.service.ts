import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobEpoch, MAIL_QUEUE, MailJob, ThrottledLog, deliverJobId, requeuedJobId } from '@depositary/jobs';
import { NOT_HELD } from '@depositary/notifications';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

const EVERY_MS = 10_000;

/**
 * Re-queues deliveries that a dead worker left behind: one whose lease expired while `sending`, or one still
 * `queued` or `failed` a minute after its last change. Job ids are bucketed by time, so that several workers
 * rescuing at once add one job; sending twice is prevented by the delivery's own lease.
 */
@Injectable()
export class DeliveryRescueService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new ThrottledLog(new Logger(DeliveryRescueService.name));
  private readonly epoch: JobEpoch;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(MAIL_QUEUE) private readonly mailQueue: Queue,
  ) {
    this.epoch = new JobEpoch(db);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => void this.rescue().catch((error: unknown) => this.log.warn(`delivery rescue: ${String(error)}`)),
      EVERY_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async rescue(): Promise<number> {
    const stranded: { id: number }[] = await this.db.query(
      `SELECT id FROM deliveries
       WHERE ((status = 'sending' AND lease_until < now())
          OR (status IN ('queued', 'failed') AND updated_at < now() - interval '1 minute'))
         AND ${NOT_HELD}
       ORDER BY id LIMIT 1000`,
    );
    if (!stranded.length) return 0;
    const bucket = Math.floor(Date.now() / EVERY_MS);
    const epoch = await this.epoch.current();
    await this.mailQueue.addBulk(
      stranded.map(({ id }) => ({
        name: MailJob.Deliver,
        data: { deliveryId: id },
        opts: { jobId: requeuedJobId(deliverJobId(epoch, id), 'rescue', bucket) },
      })),
    );
    return stranded.length;
  }
}
