import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed checkpoints of the audit chains: the head (seq, hash) of every chain at one time, signed with an
 * Ed25519 key kept outside the database. Append-only like the events.
 */
export class AuditCheckpoints1765000000003 implements MigrationInterface {
  name = 'AuditCheckpoints1765000000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_checkpoints (
        id bigserial PRIMARY KEY,
        taken_at timestamptz NOT NULL,
        taken_by text NOT NULL,
        heads jsonb NOT NULL,
        signed text NOT NULL,
        signature text NOT NULL,
        public_key text NOT NULL
      )`);
    await db.query(
      `CREATE TRIGGER audit_checkpoints_no_update_delete BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION events_are_append_only()`,
    );
    await db.query(
      `CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_checkpoints`);
  }
}
