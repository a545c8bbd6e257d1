import { MigrationInterface, QueryRunner } from 'typeorm';

/** Reminders to focal points are deliveries too: which participant, status, reminder number and focal point. */
export class Reminders1764374400000 implements MigrationInterface {
  name = 'Reminders1764374400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE deliveries
        ADD COLUMN participant_id int REFERENCES participants (id),
        ADD COLUMN focal_point_id uuid REFERENCES focal_points (id),
        ADD COLUMN reminder_status text,
        ADD COLUMN reminder_number int,
        ADD COLUMN about_delivery_id bigint REFERENCES deliveries (id)`);
    await db.query(`CREATE INDEX deliveries_reminders_idx ON deliveries (participant_id, reminder_status) WHERE kind = 'reminder'`);
    await db.query(`CREATE INDEX deliveries_kind_idx ON deliveries (kind, id)`);
    await db.query(`CREATE INDEX deliveries_country_idx ON deliveries (country_code, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX deliveries_country_idx`);
    await db.query(`DROP INDEX deliveries_kind_idx`);
    await db.query(`DROP INDEX deliveries_reminders_idx`);
    await db.query(
      `ALTER TABLE deliveries DROP COLUMN participant_id, DROP COLUMN focal_point_id, DROP COLUMN reminder_status, DROP COLUMN reminder_number, DROP COLUMN about_delivery_id`,
    );
  }
}
