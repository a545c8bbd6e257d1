import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import { REMINDER_QUEUE, ReminderJob } from '@depositary/jobs';
import { ReminderSweep } from '@depositary/notifications';
import type { Job } from 'bullmq';
import { WorkerMetrics } from '../observability/worker-metrics';
import { QueueConsumer } from './consumer';
import { STALLED_JOBS, assertHandlesEveryJob } from './handlers';

/** The reminder sweep, run by a BullMQ job scheduler (cron and time zone from config; see Reconciler) and safe to run twice. */
@Injectable()
export class ReminderProcessor extends QueueConsumer {
  private readonly handlers = {
    [ReminderJob.Sweep]: () => this.sweep.sweep(),
  };

  constructor(
    private readonly sweep: ReminderSweep,
    @Inject(APP_CONFIG) config: AppConfig,
    metrics: WorkerMetrics,
  ) {
    super(REMINDER_QUEUE, { concurrency: 1, ...STALLED_JOBS }, config, metrics);
    assertHandlesEveryJob(REMINDER_QUEUE, this.handlers);
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as keyof typeof this.handlers];
    if (!handler) throw new Error(`no handler for job "${job.name}" on queue ${REMINDER_QUEUE}`);
    return handler();
  }
}
