import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in attempts, counted before the password is checked: one row per (account, address), per address and
 * per account, each for a window. `not_before` is when an account being slowed down takes its next attempt.
 */
export class SignInAttempts1765000000000 implements MigrationInterface {
  name = 'SignInAttempts1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE sign_in_attempts (
        key text PRIMARY KEY,
        attempts int NOT NULL DEFAULT 0,
        window_ends_at timestamptz NOT NULL,
        not_before timestamptz
      )`);
    await db.query(`CREATE INDEX sign_in_attempts_window_idx ON sign_in_attempts (window_ends_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sign_in_attempts`);
  }
}
