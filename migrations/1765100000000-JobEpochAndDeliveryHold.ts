import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per database: the epoch that every BullMQ job id of this database carries, so that a restored copy
 * (whose ids of deliveries, treaties and outbox rows start again from the dump) never meets the jobs the
 * original left in the same Redis; the database it was made for (a copy or a restore into another database
 * gets a new epoch at the next start); and the hold on deliveries of a restore drill.
 */
export class JobEpochAndDeliveryHold1765100000000 implements MigrationInterface {
  name = 'JobEpochAndDeliveryHold1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE service_state (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        job_epoch text NOT NULL CHECK (job_epoch ~ '^[0-9a-z]+$'),
        database_oid oid,
        deliveries_held_since timestamptz,
        deliveries_held_by text,
        deliveries_released_at timestamptz
      )`);
    await db.query(`
      INSERT INTO service_state (job_epoch, database_oid)
      SELECT substr(md5(random()::text || clock_timestamp()::text), 1, 10), oid FROM pg_database WHERE datname = current_database()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE service_state`);
  }
}
