import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import { DeliverPayload, MAIL_CONCURRENCY, MAIL_QUEUE, MailJob } from '@depositary/jobs';
import { DeliverySender } from '@depositary/notifications';
import type { Job } from 'bullmq';
import { WorkerMetrics } from '../observability/worker-metrics';
import { QueueConsumer } from './consumer';
import { STALLED_JOBS, assertHandlesEveryJob } from './handlers';

@Injectable()
export class MailProcessor extends QueueConsumer {
  private readonly handlers = {
    [MailJob.Deliver]: (job: Job) => this.sender.deliver((job.data as DeliverPayload).deliveryId),
  };

  constructor(
    private readonly sender: DeliverySender,
    @Inject(APP_CONFIG) config: AppConfig,
    metrics: WorkerMetrics,
  ) {
    super(MAIL_QUEUE, { concurrency: MAIL_CONCURRENCY, ...STALLED_JOBS }, config, metrics);
    assertHandlesEveryJob(MAIL_QUEUE, this.handlers);
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as keyof typeof this.handlers];
    if (!handler) throw new Error(`no handler for job "${job.name}" on queue ${MAIL_QUEUE}`);
    return handler(job);
  }
}
