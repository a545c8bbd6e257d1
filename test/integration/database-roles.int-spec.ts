import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TestApp, createTreaty, startTestApp } from '../support/app';
import { databaseUrl, runDatabaseName, serviceDatabaseUrl, templateDatabase, withAdminClient } from '../support/databases';
import { processEnv, spawnService } from '../support/processes';

// The service connects as a role that may only read and add to the audit tables; the owner migrates.

describe('the database role of the service', () => {
  let t: TestApp;
  let service: Client;
  beforeAll(async () => {
    t = await startTestApp();
    await createTreaty(t, 'roles', ['KAZ']);
    service = new Client({ connectionString: t.config.databaseUrl });
    await service.connect();
  });
  afterAll(async () => {
    await service?.end();
    await t?.close();
  });

  it('is not the owner of the tables', async () => {
    const { rows } = await service.query(
      `SELECT current_user AS role, (SELECT tableowner FROM pg_tables WHERE tablename = 'events') AS owner`,
    );
    expect(rows[0].role).not.toBe(rows[0].owner);
    expect(new URL(t.databaseUrl).username).toBe(rows[0].owner);
  });

  it.each(['events', 'configuration_events', 'audit_checkpoints'])(
    'may read %s, and not update, delete, truncate it or switch its triggers off',
    async (table) => {
      await expect(service.query(`SELECT count(*) FROM ${table}`)).resolves.toBeDefined();
      for (const sql of [
        `UPDATE ${table} SET id = id`,
        `DELETE FROM ${table}`,
        `TRUNCATE ${table}`,
        `ALTER TABLE ${table} DISABLE TRIGGER USER`,
        `DROP TRIGGER IF EXISTS ${table}_no_update_delete ON ${table}`,
        `CREATE TRIGGER sneaky BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION events_are_append_only()`,
      ])
        await expect(service.query(sql)).rejects.toThrow(/permission denied|must be owner/);
    },
  );

  it('may not change the migrations it runs on', async () => {
    await expect(service.query(`DELETE FROM typeorm_migrations`)).rejects.toThrow(/permission denied/);
  });

  it('is what the API process connects as, the owner of DATABASE_MIGRATION_URL creating the tables at start', async () => {
    const name = runDatabaseName(Number(templateDatabase().split('_')[2]), `empty_${randomBytes(4).toString('hex')}`);
    await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
    const owner = new Client({ connectionString: databaseUrl(name) });
    try {
      const api = await spawnService(
        'api',
        processEnv(t.config, { DATABASE_MIGRATION_URL: databaseUrl(name), DATABASE_URL: serviceDatabaseUrl(name) }),
        // Every migration, the countries' included, on a database that has none yet.
        90_000,
      );
      await api.stop();
      expect(api.output()).not.toContain('DATABASE_MIGRATION_URL is not set');
      await owner.connect();
      const { rows } = await owner.query(
        `SELECT (SELECT tableowner FROM pg_tables WHERE tablename = 'events') AS owner,
                has_table_privilege($1, 'events', 'INSERT') AS inserts, has_table_privilege($1, 'events', 'UPDATE') AS updates,
                (SELECT count(*)::int FROM typeorm_migrations) AS migrations`,
        [new URL(serviceDatabaseUrl(name)).username],
      );
      expect(rows[0]).toEqual({
        owner: new URL(databaseUrl(name)).username,
        inserts: true,
        updates: false,
        migrations: expect.any(Number),
      });
      expect(rows[0].migrations).toBeGreaterThan(0);
    } finally {
      await owner.end().catch(() => undefined);
      await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  }, 120_000);
});
