import { MigrationInterface, QueryRunner } from 'typeorm';

/** A treaty an officer marked public can be read by anyone, without signing in, under /public. */
export class PublicTreaties1765200000002 implements MigrationInterface {
  name = 'PublicTreaties1765200000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE treaties ADD COLUMN public boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE treaties DROP COLUMN public`);
  }
}
