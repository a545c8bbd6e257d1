import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@depositary/config';
import { ThrottledLog, consumerOptions } from '@depositary/jobs';
import { requestContext } from '@depositary/observability';
import { ConnectionOptions, Job, Worker, WorkerOptions } from 'bullmq';
import { WorkerMetrics } from '../observability/worker-metrics';

/** The requests a job follows (see the outbox relay), as the request id of its log lines and of the acts it records. */
const requestIdOf = (job: Job): string | undefined => {
  const ids = (job.data as { requestIds?: unknown } | undefined)?.requestIds;
  return Array.isArray(ids) && ids.length ? ids.join(',') : undefined;
};

/**
 * A BullMQ Worker for one queue, on connections of its own as BullMQ advises for workers: its commands wait while
 * Redis is away and go once it is back (the queues' producer connections fail fast instead, which a worker would
 * take for a job error and retry at once, spinning). Its errors are logged at a bounded rate.
 */
export abstract class QueueConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: Worker | undefined;
  private readonly queueLogger: Logger;
  private readonly log: ThrottledLog;

  protected constructor(
    private readonly queueName: string,
    private readonly options: Omit<WorkerOptions, 'connection' | 'prefix'>,
    private readonly config: AppConfig,
    private readonly jobMetrics: WorkerMetrics,
  ) {
    this.queueLogger = new Logger(`${queueName} queue`);
    this.log = new ThrottledLog(this.queueLogger);
  }

  abstract process(job: Job, token?: string): Promise<unknown>;

  /** Starts taking jobs once every provider is initialised (the delivery hold is in place by then). */
  onApplicationBootstrap(): void {
    this.worker = new Worker(this.queueName, (job, token) => this.run(job, token), {
      ...this.options,
      connection: consumerOptions(this.config.redisUrl) as ConnectionOptions,
      prefix: this.config.queuePrefix,
    });
    this.worker.on('error', (error) => this.log.warn(`worker: ${error.message}`));
    this.worker.on('completed', () => this.jobMetrics.jobsCompleted.inc({ queue: this.queueName }));
    this.worker.on('failed', (job, error) => {
      const final = job !== undefined && job.attemptsMade >= (job.opts.attempts ?? 1);
      this.jobMetrics.jobsFailed.inc({ queue: this.queueName, final: String(final) });
      const fields = {
        queue: this.queueName,
        job: job?.name,
        jobId: job?.id,
        attempts: job?.attemptsMade,
        requestId: job && requestIdOf(job),
      };
      if (final) this.queueLogger.error(`${job?.name} job ${job?.id} failed for good: ${error.message}`, fields);
      else this.log.warn(`${job?.name ?? 'a'} job failed, will retry: ${error.message}`);
    });
  }

  /** Runs a job in the context of the requests it follows, so that its log lines and the acts it records carry their id. */
  private run(job: Job, token?: string): Promise<unknown> {
    const requestId = requestIdOf(job);
    return requestId ? requestContext.run({ requestId }, () => this.process(job, token)) : this.process(job, token);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
