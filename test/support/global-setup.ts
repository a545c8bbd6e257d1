import { execSync } from 'node:child_process';
import { join } from 'node:path';
import { migrate } from '../../libs/persistence/src/migrate';
import { databaseUrl, runDatabaseName, serviceDatabaseUrl, withAdminClient } from './databases';

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Migrates a template database once per run; every test file clones it. Databases left by runs whose
 * process is gone are dropped; those of a run still going are left alone.
 */
export default async function globalSetup(): Promise<void> {
  const template = runDatabaseName(process.pid, 'template');
  await withAdminClient(async (client) => {
    const existing = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'depositary\\_test\\_%\\_%'`,
    );
    for (const { datname } of existing.rows) {
      const pid = Number(datname.split('_')[2]);
      if (Number.isInteger(pid) && !alive(pid)) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
    await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${template}`);
  });
  // As the owner; the clones keep the grants to the service's role, which the tests' apps connect as.
  await migrate(databaseUrl(template), serviceDatabaseUrl(template));
  process.env.DEPOSITARY_TEST_TEMPLATE = template;
  // Tests that run the API or the worker as separate processes use the built apps.
  execSync('npm run build --silent', { cwd: join(__dirname, '..', '..'), stdio: 'inherit' });
}
