import * as isoCountries from 'i18n-iso-countries';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every ISO 3166-1 alpha-3 code with its English name, from the maintained i18n-iso-countries package. */
export class LoadCountries1764201600001 implements MigrationInterface {
  name = 'LoadCountries1764201600001';

  async up(db: QueryRunner): Promise<void> {
    const rows = Object.entries(isoCountries.getAlpha3Codes()).map(([alpha3, alpha2]) => ({
      code: alpha3,
      name: isoCountries.getName(alpha2, 'en') ?? alpha3,
    }));
    await db.query(`INSERT INTO countries (code, name) SELECT * FROM jsonb_to_recordset($1::jsonb) AS c(code char(3), name text)`, [
      JSON.stringify(rows),
    ]);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM countries`);
  }
}
