import { MigrationInterface, QueryRunner } from 'typeorm';

/** A treaty's title in French and Arabic, beside its English `title`. */
export class TreatyTitles1765200000001 implements MigrationInterface {
  name = 'TreatyTitles1765200000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE treaties ADD COLUMN titles jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE treaties DROP COLUMN titles`);
  }
}
