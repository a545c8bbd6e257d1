import { Client } from 'pg';

export const BENCH_DATABASE = 'depositary_bench';

/** The server of DATABASE_URL (default: the local PostgreSQL), pointed at another database of it. */
export function databaseUrlOn(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname) && !url.hostname.startsWith('/'))
    throw new Error(`the bench runs on loopback only; DATABASE_URL points at ${url.hostname}`);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops and recreates the bench database; answers its URL. */
export async function recreateDatabase(serverUrl: string): Promise<string> {
  await withClient(databaseUrlOn(serverUrl, 'postgres'), async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  });
  return databaseUrlOn(serverUrl, BENCH_DATABASE);
}

/** Runs statements one by one on a short-lived connection (VACUUM cannot run in a transaction). */
export async function runStatements(url: string, statements: string[]): Promise<void> {
  await withClient(url, async (client) => {
    for (const statement of statements) await client.query(statement);
  });
}

export async function serverVersion(url: string): Promise<string> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0].server_version;
  });
}
