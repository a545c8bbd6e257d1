import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { EntryIntoForceService } from '@depositary/accession';
import { TREATY_QUEUE, TreatyJob, TreatyJobPayloads } from '@depositary/jobs';
import type { Job } from 'bullmq';

/** Thin: each job re-reads the record and is safe to run twice. */
@Processor(TREATY_QUEUE, { concurrency: 4 })
export class TreatyProcessor extends WorkerHost {
  private readonly logger = new Logger(TreatyProcessor.name);

  constructor(private readonly entryIntoForce: EntryIntoForceService) {
    super();
  }

  async process(job: Job<TreatyJobPayloads[keyof TreatyJobPayloads]>): Promise<unknown> {
    switch (job.name) {
      case TreatyJob.Recompute: {
        const outcome = await this.entryIntoForce.recompute(job.data.treatyId);
        this.logger.debug?.(`treaty ${job.data.treatyId}: ${JSON.stringify(outcome)}`);
        return outcome;
      }
      default:
        throw new Error(`no handler for job "${job.name}" on queue ${TREATY_QUEUE}`);
    }
  }
}
