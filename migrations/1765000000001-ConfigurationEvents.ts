import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The configuration chain: every creation or change of a treaty, a focal point or a user, hash-chained in one
 * sequence for the whole service, append-only like the participants' events.
 */
export class ConfigurationEvents1765000000001 implements MigrationInterface {
  name = 'ConfigurationEvents1765000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE configuration_events (
        id bigserial PRIMARY KEY,
        seq int NOT NULL UNIQUE,
        action text NOT NULL,
        treaty_slug text,
        country_code char(3),
        subject text NOT NULL,
        recorded_at timestamptz NOT NULL,
        actor_id uuid,
        actor_email text,
        actor_role text,
        before jsonb,
        after jsonb NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL
      )`);
    await db.query(`CREATE INDEX configuration_events_recorded_at_idx ON configuration_events (recorded_at)`);
    await db.query(
      `CREATE TRIGGER configuration_events_no_update_delete BEFORE UPDATE OR DELETE ON configuration_events FOR EACH ROW EXECUTE FUNCTION events_are_append_only()`,
    );
    await db.query(
      `CREATE TRIGGER configuration_events_no_truncate BEFORE TRUNCATE ON configuration_events FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE configuration_events`);
  }
}
