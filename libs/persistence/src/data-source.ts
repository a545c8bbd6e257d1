import { types } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { Country } from './entities/country.entity';
import { FocalPoint } from './entities/focal-point.entity';
import { Treaty } from './entities/treaty.entity';
import { User } from './entities/user.entity';

// Calendar days stay 'YYYY-MM-DD' strings (no time zone shift); counts and bigserial ids are numbers.
types.setTypeParser(types.builtins.DATE, (value) => value);
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

/**
 * The tables TypeORM maps: those whose rows are plain configuration, saved whole. Participants, their events and the
 * outbox have no entity on purpose: they are written only through the ledger (libs/accession/src/ledger.ts), which keeps
 * the hash chain, the version check and the outbox row in one transaction; a save() beside it would skip all three.
 */
export const ENTITIES = [Country, User, Treaty, FocalPoint];

export interface PoolOptions {
  poolSize?: number;
  /**
   * Each statement's limit: PostgreSQL's statement_timeout, and the same on the client (node-postgres'
   * query_timeout), which is what ends a wait on a server that is frozen rather than slow.
   */
  statementTimeoutMs?: number;
  /** How long a query waits for a pooled connection, or for a new one to be opened. */
  connectTimeoutMs?: number;
}

export function dataSourceOptions(url: string, pool: number | PoolOptions = {}): DataSourceOptions {
  const { poolSize = 10, statementTimeoutMs, connectTimeoutMs = 5000 } = typeof pool === 'number' ? { poolSize: pool } : pool;
  const timeouts = statementTimeoutMs ? { statement_timeout: statementTimeoutMs, query_timeout: statementTimeoutMs + 250 } : {};
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    extra: { max: poolSize, connectionTimeoutMillis: connectTimeoutMs, ...timeouts },
  };
}

/**
 * The data source of the TypeORM CLI (`typeorm -d dist/libs/persistence/src/data-source.js`): as the owner of the
 * tables (DATABASE_MIGRATION_URL, else DATABASE_URL), like `npm run migration:run`; the service's role may not alter them.
 */
export default new DataSource(
  dataSourceOptions(process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/depositary'),
);
