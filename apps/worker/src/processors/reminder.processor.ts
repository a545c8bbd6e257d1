import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import { REMINDER_QUEUE, REMINDER_SWEEP_SCHEDULER_ID, ReminderJob } from '@depositary/jobs';
import { ReminderSweep } from '@depositary/notifications';
import type { Job, Queue } from 'bullmq';
import { STALLED_JOBS, assertHandlesEveryJob } from './handlers';

/** The reminder sweep, run by a BullMQ job scheduler (cron and time zone from config) and safe to run twice. */
@Processor(REMINDER_QUEUE, { concurrency: 1, ...STALLED_JOBS })
export class ReminderProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReminderProcessor.name);
  private readonly handlers = {
    [ReminderJob.Sweep]: () => this.sweep.sweep(),
  };

  constructor(
    private readonly sweep: ReminderSweep,
    @InjectQueue(REMINDER_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    assertHandlesEveryJob(REMINDER_QUEUE, this.handlers);
  }

  onApplicationBootstrap(): void {
    const { cron, timeZone } = this.config.reminderSweep;
    this.queue
      .upsertJobScheduler(REMINDER_SWEEP_SCHEDULER_ID, { pattern: cron, tz: timeZone }, { name: ReminderJob.Sweep, data: {} })
      .catch((error: unknown) => this.logger.warn(`could not schedule the reminder sweep yet: ${String(error)}`));
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as keyof typeof this.handlers];
    if (!handler) throw new Error(`no handler for job "${job.name}" on queue ${REMINDER_QUEUE}`);
    return handler();
  }
}
