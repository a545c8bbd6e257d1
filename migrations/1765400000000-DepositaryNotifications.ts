import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Depositary notifications: one draft per act of a person or treaty event (unique keys), a counter per calendar
 * year that numbers them when issued, and the deliveries that circulate them.
 */
export class DepositaryNotifications1765400000000 implements MigrationInterface {
  name = 'DepositaryNotifications1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE treaties ADD COLUMN notifications jsonb NOT NULL DEFAULT '{"autoIssue": false}'`);
    // The last event an import wrote: the treaty events its history yields draft nothing either.
    await db.query(`ALTER TABLE treaties ADD COLUMN imported_through_event bigint`);
    await db.query(`
      CREATE TABLE depositary_notifications (
        id bigserial PRIMARY KEY,
        treaty_id int NOT NULL REFERENCES treaties (id),
        country_code char(3) REFERENCES countries (code),
        kind text NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued', 'superseded')),
        -- No foreign key to the append-only events tables: TRUNCATE of them must meet their own refusal.
        event_id bigint UNIQUE,
        treaty_event_id bigint UNIQUE,
        corrects_id bigint REFERENCES depositary_notifications (id),
        number text UNIQUE,
        year int,
        serial int,
        issued_on date,
        issued_at timestamptz,
        issued_by uuid REFERENCES users (id),
        subject jsonb NOT NULL,
        text jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (year, serial),
        CHECK ((status = 'issued') = (number IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX depositary_notifications_treaty_idx ON depositary_notifications (treaty_id, id)`);
    await db.query(`CREATE TABLE depositary_notification_counters (year int PRIMARY KEY, last int NOT NULL)`);
    await db.query(`ALTER TABLE deliveries ADD COLUMN depositary_notification_id bigint REFERENCES depositary_notifications (id)`);
    await db.query(
      `CREATE INDEX deliveries_depositary_notification_idx ON deliveries (depositary_notification_id) WHERE depositary_notification_id IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE deliveries DROP COLUMN depositary_notification_id`);
    await db.query(`DROP TABLE depositary_notification_counters`);
    await db.query(`DROP TABLE depositary_notifications`);
    await db.query(`ALTER TABLE treaties DROP COLUMN imported_through_event, DROP COLUMN notifications`);
  }
}
