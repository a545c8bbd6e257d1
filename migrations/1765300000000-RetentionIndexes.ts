import { MigrationInterface, QueryRunner } from 'typeorm';

/** Lets the worker's hourly retention job find relayed outbox rows and old idempotency keys without a full scan. */
export class RetentionIndexes1765300000000 implements MigrationInterface {
  name = 'RetentionIndexes1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX outbox_dispatched_at_idx ON outbox (dispatched_at) WHERE dispatched_at IS NOT NULL`);
    await db.query(`CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX idempotency_keys_created_at_idx`);
    await db.query(`DROP INDEX outbox_dispatched_at_idx`);
  }
}
