import { initializeWithRetry } from './connect';
import { dataSourceOptions } from './data-source';

const MIGRATION_LOCK = 7_160_318; // an arbitrary advisory lock id shared by every process of the service

/** Tables whose rows are never changed nor removed: the service may only read them and add to them. */
export const APPEND_ONLY_TABLES = ['events', 'treaty_events', 'configuration_events', 'audit_checkpoints'];

/**
 * Gives the role the service connects as (the user of `serviceUrl`) what it needs and no more: read and write
 * the tables, except the append-only ones (SELECT and INSERT only) and the migrations table (SELECT). It owns
 * nothing, so it cannot drop, alter or disable the triggers of a table. The role is created, with the password
 * of the URL, when it does not exist and the migration role may create roles.
 */
export async function grantServiceRole(
  db: { query: (sql: string, params?: unknown[]) => Promise<unknown> },
  serviceUrl: string,
): Promise<void> {
  const url = new URL(serviceUrl);
  const role = decodeURIComponent(url.username);
  const exists = (await db.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role])) as unknown[];
  if (exists.length === 0) {
    const [{ sql }] = (await db.query(`SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', $1::text, $2::text) AS sql`, [
      role,
      decodeURIComponent(url.password) || null,
    ])) as { sql: string }[];
    // Two runs creating it at once: the loser finds it made (duplicate_object, or unique_violation on pg_authid).
    await db.query(sql).catch((error: { code?: string }) => {
      if (error.code !== '42710' && error.code !== '23505') throw error;
    });
  }
  const [{ quoted }] = (await db.query(`SELECT quote_ident($1) AS quoted`, [role])) as { quoted: string }[];
  await db.query(`GRANT USAGE ON SCHEMA public TO ${quoted}`);
  await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${quoted}`);
  await db.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${quoted}`);
  await db.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON typeorm_migrations FROM ${quoted}`);
  await db.query(`REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON ${APPEND_ONLY_TABLES.join(', ')} FROM ${quoted}`);
}

/**
 * Applies pending migrations under an advisory lock, so several API processes starting together migrate once.
 * `url` is the owner of the tables (DATABASE_MIGRATION_URL); when the service connects as another role
 * (`serviceUrl`, DATABASE_URL), that role is granted what it needs, and append-only tables only SELECT and INSERT.
 */
export async function migrate(url: string, serviceUrl?: string, retrySeconds = 0): Promise<string[]> {
  const dataSource = await initializeWithRetry({ ...dataSourceOptions(url, 2), migrationsTransactionMode: 'each' }, retrySeconds, false);
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations();
    const owner = decodeURIComponent(new URL(url).username);
    if (serviceUrl && decodeURIComponent(new URL(serviceUrl).username) !== owner) await grantServiceRole(lock, serviceUrl);
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_MIGRATION_URL (or DATABASE_URL) is required: the PostgreSQL database to migrate, as the owner of its tables');
    process.exit(2);
  }
  migrate(url, process.env.DATABASE_URL).then(
    (applied) => console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations'),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
