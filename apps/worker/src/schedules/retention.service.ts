import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import { DataSource } from 'typeorm';

/** Rows deleted per statement, so that a first run over a large backlog never holds locks for long. */
const BATCH = 5000;

/**
 * Deletes what is only kept for a while: outbox rows relayed more than OUTBOX_RETENTION_DAYS ago (a row not
 * yet relayed is never deleted), and idempotency keys older than IDEMPOTENCY_KEY_TTL_HOURS (a client retrying
 * later than that gets its request treated as new). Audit events, deliveries and treaty events are the record
 * and are never touched. Runs hourly from a BullMQ job scheduler; several workers running it at once is harmless.
 */
@Injectable()
export class Retention {
  private readonly logger = new Logger(Retention.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async prune(): Promise<{ outbox: number; idempotencyKeys: number }> {
    const { outboxDays, idempotencyKeyHours } = this.config.retention;
    const outbox = await this.inBatches(
      `DELETE FROM outbox WHERE id IN (
         SELECT id FROM outbox WHERE dispatched_at < now() - make_interval(days => $1) LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`,
      [outboxDays],
    );
    const idempotencyKeys = await this.inBatches(
      `DELETE FROM idempotency_keys WHERE (user_id, key) IN (
         SELECT user_id, key FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1) LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`,
      [idempotencyKeyHours],
    );
    if (outbox || idempotencyKeys)
      this.logger.log(`retention: ${outbox} relayed outbox rows and ${idempotencyKeys} idempotency keys deleted`, {
        outbox,
        idempotencyKeys,
      });
    return { outbox, idempotencyKeys };
  }

  private async inBatches(sql: string, parameters: unknown[]): Promise<number> {
    let total = 0;
    for (;;) {
      // TypeORM answers a DELETE with [rows, affected count].
      const [, deleted] = await this.db.query<[unknown[], number]>(sql, parameters);
      total += deleted;
      if (deleted < BATCH) return total;
    }
  }
}
