import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MAIL_QUEUE, OutboxRelay, TREATY_QUEUE } from '@depositary/jobs';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';

/** Runs the outbox relay for as long as the worker runs. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly stop = new AbortController();
  private running: Promise<void> | undefined;
  readonly relay: OutboxRelay;

  constructor(
    @InjectDataSource() db: DataSource,
    @InjectQueue(TREATY_QUEUE) treatyQueue: Queue,
    @InjectQueue(MAIL_QUEUE) mailQueue: Queue,
  ) {
    this.relay = new OutboxRelay(db, treatyQueue, mailQueue);
  }

  onApplicationBootstrap(): void {
    this.running = this.relay.run(this.stop.signal);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
  }
}
