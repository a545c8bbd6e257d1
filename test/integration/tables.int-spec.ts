import { Client } from 'pg';
import { TABLES } from '@depositary/persistence';
import { createTestDatabase } from '../support/databases';

// Each table's row type is declared once, with every column and its type (libs/persistence/src/tables); the compiler
// holds the row types to those declarations, and this test holds the declarations to the migrated database.

describe('the tables the service declares', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: Client;
  let actual: Map<string, Map<string, string>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ table_name: string; column_name: string; udt_name: string; is_nullable: 'YES' | 'NO' }>(
      `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations'`,
    );
    actual = new Map();
    for (const row of rows) {
      if (!actual.has(row.table_name)) actual.set(row.table_name, new Map());
      actual.get(row.table_name)!.set(row.column_name, `${row.udt_name}${row.is_nullable === 'YES' ? '?' : ''}`);
    }
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('are every table of the migrated database, once each', () => {
    expect(TABLES.map((table) => table.name).sort()).toEqual([...actual.keys()].sort());
  });

  it.each(TABLES.map((table) => [table.name, table] as const))(
    '%s: every column, with its type and whether it may be NULL',
    (name, table) => {
      expect(table.columns).toEqual(Object.fromEntries(actual.get(name) ?? []));
    },
  );
});
