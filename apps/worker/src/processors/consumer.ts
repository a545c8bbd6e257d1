import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@depositary/config';
import { ThrottledLog, consumerOptions } from '@depositary/jobs';
import { ConnectionOptions, Job, Worker, WorkerOptions } from 'bullmq';

/**
 * A BullMQ Worker for one queue, on connections of its own as BullMQ advises for workers: its commands wait while
 * Redis is away and go once it is back (the queues' producer connections fail fast instead, which a worker would
 * take for a job error and retry at once, spinning). Its errors are logged at a bounded rate.
 */
export abstract class QueueConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: Worker | undefined;
  private readonly log: ThrottledLog;

  protected constructor(
    private readonly queueName: string,
    private readonly options: Omit<WorkerOptions, 'connection' | 'prefix'>,
    private readonly config: AppConfig,
  ) {
    this.log = new ThrottledLog(new Logger(`${queueName} queue`));
  }

  abstract process(job: Job, token?: string): Promise<unknown>;

  /** Starts taking jobs once every provider is initialised (the delivery hold is in place by then). */
  onApplicationBootstrap(): void {
    this.worker = new Worker(this.queueName, (job, token) => this.process(job, token), {
      ...this.options,
      connection: consumerOptions(this.config.redisUrl) as ConnectionOptions,
      prefix: this.config.queuePrefix,
    });
    this.worker.on('error', (error) => this.log.warn(`worker: ${error.message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
