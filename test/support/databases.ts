import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The migrated template of this test run, set by global-setup.ts (names carry the run's pid). */
export const templateDatabase = (): string => {
  const name = process.env.DEPOSITARY_TEST_TEMPLATE;
  if (!name) throw new Error('DEPOSITARY_TEST_TEMPLATE is unset: run the tests through jest (global-setup.ts)');
  return name;
};

/** The server of DATABASE_URL (default: the local PostgreSQL), refusing any database whose name lacks "test". */
export function baseDatabaseUrl(): URL {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/depositary_test');
  const name = url.pathname.slice(1);
  if (!name.includes('test')) throw new Error(`refusing to run tests against database "${name}": its name must contain "test"`);
  return url;
}

export function databaseUrl(name: string): string {
  const url = baseDatabaseUrl();
  url.pathname = `/${name}`;
  return url.toString();
}

/** The role the service connects as in tests: it may only SELECT and INSERT the append-only tables (see migrate). */
export const SERVICE_ROLE = 'depositary_app_test';

/** The same database, as the service's role rather than the owner. */
export function serviceDatabaseUrl(name: string): string {
  const url = new URL(databaseUrl(name));
  url.username = SERVICE_ROLE;
  url.password = '';
  return url.toString();
}

export async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const runDatabaseName = (runPid: number, suffix: string): string => `depositary_test_${runPid}_${suffix}`;

/** A fresh database for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<{ url: string; serviceUrl: string; name: string; drop: () => Promise<void> }> {
  const runPid = Number(templateDatabase().split('_')[2]);
  const name = runDatabaseName(runPid, randomBytes(5).toString('hex'));
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabase()}`));
  return {
    url: databaseUrl(name),
    serviceUrl: serviceDatabaseUrl(name),
    name,
    drop: () => withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
