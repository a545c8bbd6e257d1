import { initializeWithRetry } from './connect';
import { dataSourceOptions } from './data-source';

const MIGRATION_LOCK = 7_160_318; // an arbitrary advisory lock id shared by every process of the service

/** Applies pending migrations under an advisory lock, so several API processes starting together migrate once. */
export async function migrate(url: string, retrySeconds = 0): Promise<string[]> {
  const dataSource = await initializeWithRetry({ ...dataSourceOptions(url, 2), migrationsTransactionMode: 'each' }, retrySeconds, false);
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations();
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required: the PostgreSQL database to migrate');
    process.exit(2);
  }
  migrate(url).then(
    (applied) => console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations'),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
