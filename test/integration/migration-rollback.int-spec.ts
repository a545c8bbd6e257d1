import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { MIGRATIONS } from '../../migrations';
import { createTestDatabase } from '../support/databases';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

/** The migrations recorded as applied in a database, newest last. */
async function applied(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ name: string }>(`SELECT name FROM typeorm_migrations ORDER BY id`)).rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

describe('rolling back and re-applying a migration, as the README tells an operator', () => {
  it('typeorm migration:revert with the production variables undoes the last migration as the owner; migration:run applies it again', async () => {
    const database = await createTestDatabase();
    // As in production: DATABASE_URL is the service's role, DATABASE_MIGRATION_URL the owner of the tables.
    const env = { PATH: process.env.PATH, DATABASE_URL: database.serviceUrl, DATABASE_MIGRATION_URL: database.url };
    try {
      const last = new MIGRATIONS[MIGRATIONS.length - 1]().name;
      expect((await applied(database.url)).at(-1)).toBe(last);

      await run(
        process.execPath,
        [join(ROOT, 'node_modules', 'typeorm', 'cli.js'), 'migration:revert', '-d', 'dist/libs/persistence/src/data-source.js'],
        { cwd: ROOT, env },
      );
      const reverted = await applied(database.url);
      expect(reverted).not.toContain(last);
      expect(reverted).toHaveLength(MIGRATIONS.length - 1);

      const { stdout } = await run(process.execPath, ['dist/libs/persistence/src/migrate.js'], { cwd: ROOT, env });
      expect(stdout).toContain(`applied: ${last}`);
      expect((await applied(database.url)).at(-1)).toBe(last);
    } finally {
      await database.drop();
    }
  });
});
