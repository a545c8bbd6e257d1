import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { RECONCILE_SCHEDULER_ID, TREATY_QUEUE, TreatyJob } from '@depositary/jobs';
import type { Queue } from 'bullmq';

/** The daily reconcile pass, as a BullMQ job scheduler: one schedule however many workers upsert it. */
@Injectable()
export class ReconcileSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReconcileSchedule.name);

  constructor(@InjectQueue(TREATY_QUEUE) private readonly treatyQueue: Queue) {}

  onApplicationBootstrap(): void {
    this.treatyQueue
      .upsertJobScheduler(RECONCILE_SCHEDULER_ID, { pattern: '10 0 * * *', tz: 'UTC' }, { name: TreatyJob.Reconcile, data: {} })
      .catch((error: unknown) => this.logger.warn(`could not schedule the daily reconcile yet: ${String(error)}`));
  }
}
