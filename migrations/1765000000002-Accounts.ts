import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts: each user's language; tokens issued before a password change are refused (`tokens_not_before`);
 * a signed-out token is refused by every process until it would have expired anyway (`revoked_tokens`).
 */
export class Accounts1765000000002 implements MigrationInterface {
  name = 'Accounts1765000000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users
        ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr', 'ar')),
        ADD COLUMN tokens_not_before timestamptz`);
    await db.query(`
      CREATE TABLE revoked_tokens (
        jti uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id),
        expires_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX revoked_tokens_expires_at_idx ON revoked_tokens (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE revoked_tokens`);
    await db.query(`ALTER TABLE users DROP COLUMN language, DROP COLUMN tokens_not_before`);
  }
}
