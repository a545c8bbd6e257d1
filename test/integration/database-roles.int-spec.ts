import { Client } from 'pg';
import { TestApp, createTreaty, startTestApp } from '../support/app';

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
});
