import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statements made by states: reservations, declarations, objections, territorial application, communications.
 * Each is also an event of its participant's chain (`state`, `confirm_statement`, `withdraw_statement`); the row
 * keeps what the chart and the reads need. A treaty may prohibit reservations.
 */
export class Statements1765200000003 implements MigrationInterface {
  name = 'Statements1765200000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE treaties ADD COLUMN reservations text NOT NULL DEFAULT 'permitted' CHECK (reservations IN ('permitted', 'prohibited'))`,
    );
    await db.query(`
      CREATE TABLE statements (
        id bigserial PRIMARY KEY,
        participant_id int NOT NULL REFERENCES participants (id),
        treaty_id int NOT NULL REFERENCES treaties (id),
        country_code char(3) NOT NULL REFERENCES countries (code),
        kind text NOT NULL CHECK (kind IN ('reservation', 'declaration', 'objection', 'territorial_application', 'communication')),
        made_on date NOT NULL,
        at text NOT NULL CHECK (at IN ('signature', 'consent', 'later')),
        text jsonb NOT NULL,
        objects_to bigint REFERENCES statements (id),
        territories jsonb,
        scope text CHECK (scope IN ('excluded', 'extended')),
        reference text,
        confirmed_on date,
        withdrawn_on date,
        event_id bigint NOT NULL, -- its state event in the participant's chain (no foreign key: events refuse even TRUNCATE)
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((kind = 'objection') = (objects_to IS NOT NULL)),
        CHECK ((kind = 'territorial_application') = (territories IS NOT NULL AND scope IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX statements_treaty_idx ON statements (treaty_id, country_code, id)`);
    await db.query(`CREATE INDEX statements_objects_to_idx ON statements (objects_to) WHERE objects_to IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE statements`);
    await db.query(`ALTER TABLE treaties DROP COLUMN reservations`);
  }
}
