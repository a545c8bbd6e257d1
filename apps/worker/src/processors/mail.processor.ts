import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DeliverPayload, MAIL_CONCURRENCY, MAIL_QUEUE, MailJob } from '@depositary/jobs';
import { DeliverySender } from '@depositary/notifications';
import type { Job } from 'bullmq';
import { STALLED_JOBS, assertHandlesEveryJob } from './handlers';

@Processor(MAIL_QUEUE, { concurrency: MAIL_CONCURRENCY, ...STALLED_JOBS })
export class MailProcessor extends WorkerHost {
  private readonly handlers = {
    [MailJob.Deliver]: (job: Job) => this.sender.deliver((job.data as DeliverPayload).deliveryId),
  };

  constructor(private readonly sender: DeliverySender) {
    super();
    assertHandlesEveryJob(MAIL_QUEUE, this.handlers);
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as keyof typeof this.handlers];
    if (!handler) throw new Error(`no handler for job "${job.name}" on queue ${MAIL_QUEUE}`);
    return handler(job);
  }
}
