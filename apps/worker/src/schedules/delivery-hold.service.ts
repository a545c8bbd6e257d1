import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import { JobEpoch, ThrottledLog } from '@depositary/jobs';
import { deliveryHold, holdDeliveries } from '@depositary/notifications';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';

const REPORT_EVERY_MS = 60_000;

/**
 * Before any job runs (onModuleInit comes before the queue consumers start): a database that is a copy or a
 * restore of another gets a new job epoch; with DELIVERIES_HELD=true the worker records a hold on deliveries.
 * While a hold is on, the worker says so every minute, with what a release would let go.
 */
@Injectable()
export class DeliveryHoldService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Deliveries');
  private readonly log = new ThrottledLog(this.logger, REPORT_EVERY_MS);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await JobEpoch.renewIfCopied(this.db, this.logger);
    if (this.config.deliveriesHeld) await holdDeliveries(this.db, `DELIVERIES_HELD=true, worker ${process.pid} on ${hostname()}`);
    await this.report();
    this.timer = setInterval(() => void this.report(), REPORT_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async report(): Promise<void> {
    try {
      const hold = await deliveryHold(this.db);
      if (!hold.heldSince) return;
      const { queued, sending, failed } = hold.pending;
      this.log.warn(
        `deliveries held since ${hold.heldSince.toISOString()} (${hold.heldBy ?? 'unknown'}): nothing is sent; ` +
          `${queued} queued, ${sending} sending, ${failed} failed wait for "npm run deliveries:release"`,
      );
    } catch (error) {
      this.log.warn(`cannot read the delivery hold: ${String(error)}`);
    }
  }
}
