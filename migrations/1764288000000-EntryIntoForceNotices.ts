import { MigrationInterface, QueryRunner } from 'typeorm';

/** The stored outcome of the entry-into-force rule, the notices sent once each, and their e-mail deliveries. */
export class EntryIntoForceNotices1764288000000 implements MigrationInterface {
  name = 'EntryIntoForceNotices1764288000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE treaties ADD COLUMN decisive jsonb, ADD COLUMN evaluated_at timestamptz`);
    await db.query(`
      CREATE TABLE treaty_events (
        id bigserial PRIMARY KEY,
        treaty_id int NOT NULL REFERENCES treaties (id),
        kind text NOT NULL CHECK (kind IN ('threshold_met', 'threshold_undone', 'entered_into_force', 'legal_review')),
        key text NOT NULL UNIQUE,
        details jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX treaty_events_treaty_idx ON treaty_events (treaty_id, id)`);
    await db.query(
      `CREATE TRIGGER treaty_events_no_update_delete BEFORE UPDATE OR DELETE ON treaty_events FOR EACH ROW EXECUTE FUNCTION events_are_append_only()`,
    );
    await db.query(
      `CREATE TRIGGER treaty_events_no_truncate BEFORE TRUNCATE ON treaty_events FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only()`,
    );
    await db.query(`
      CREATE TABLE deliveries (
        id bigserial PRIMARY KEY,
        kind text NOT NULL,
        key text NOT NULL UNIQUE,
        recipient text NOT NULL,
        treaty_id int REFERENCES treaties (id),
        country_code char(3) REFERENCES countries (code),
        treaty_event_id bigint REFERENCES treaty_events (id),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'dead')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        message_id text,
        lease_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await db.query(`CREATE INDEX deliveries_status_idx ON deliveries (status, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE deliveries`);
    await db.query(`DROP TABLE treaty_events`);
    await db.query(`ALTER TABLE treaties DROP COLUMN decisive, DROP COLUMN evaluated_at`);
  }
}
