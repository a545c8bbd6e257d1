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

/** Runs `work` on a client of its own, connected to `url` and closed afterwards. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops and recreates a bench database (by default the main one); answers its URL. */
export async function recreateDatabase(serverUrl: string, name: string = BENCH_DATABASE): Promise<string> {
  if (!/^depositary_bench[a-z_]*$/.test(name)) throw new Error(`not a bench database: ${name}`);
  await withClient(databaseUrlOn(serverUrl, 'postgres'), async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
  return databaseUrlOn(serverUrl, name);
}

/** Drops a bench database. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  if (!/^depositary_bench[a-z_]*$/.test(name)) throw new Error(`not a bench database: ${name}`);
  await withClient(databaseUrlOn(serverUrl, 'postgres'), async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
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
