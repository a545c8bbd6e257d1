import { DynamicModule, Logger } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, DataSourceOptions } from 'typeorm';
import { PoolOptions, dataSourceOptions } from './data-source';

const logger = new Logger('PostgreSQL');

/**
 * Opens a data source, retrying with exponential back-off (0.5 s doubling to 10 s) for up to `retrySeconds`
 * while PostgreSQL refuses: not yet up, restarting, or out of connections ("too many clients"). Then logs this
 * process's pool against the server's connection budget.
 */
export async function initializeWithRetry(options: DataSourceOptions, retrySeconds: number, budget = true): Promise<DataSource> {
  const deadline = Date.now() + retrySeconds * 1000;
  for (let attempt = 1; ; attempt++) {
    const dataSource = new DataSource(options);
    try {
      await dataSource.initialize();
      if (budget) await logPoolBudget(dataSource, poolSizeOf(options));
      return dataSource;
    } catch (error) {
      await dataSource.destroy().catch(() => undefined);
      const pauseMs = Math.min(10_000, 500 * 2 ** Math.min(attempt - 1, 5));
      if (Date.now() + pauseMs > deadline) throw error;
      logger.warn(
        `cannot connect yet (attempt ${attempt}, next in ${pauseMs} ms): ${error instanceof Error ? error.message : String(error)}`,
      );
      await sleep(pauseMs);
    }
  }
}

const poolSizeOf = (options: DataSourceOptions): number => Number((options.extra as { max?: number } | undefined)?.max ?? 10);

/**
 * Logs "pool N of max_connections M, K in use now", and warns when what is left of the server's connections
 * (less those reserved for superusers) cannot hold this process's whole pool: the process may then meet
 * "too many clients" under load. A process knows only its own pool; the sum over every process is the
 * operator's to keep below max_connections.
 */
export async function logPoolBudget(dataSource: DataSource, poolSize: number): Promise<void> {
  const [budget]: { max: number; reserved: number; in_use: number }[] = await dataSource.query(
    `SELECT current_setting('max_connections')::int AS max,
            current_setting('superuser_reserved_connections')::int AS reserved,
            (SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'client backend') AS in_use`,
  );
  const headroom = budget.max - budget.reserved - budget.in_use;
  const line = `pool ${poolSize} of max_connections ${budget.max}, ${budget.in_use} in use now`;
  if (headroom < poolSize)
    logger.warn(`${line}: only ${headroom} left, fewer than this pool; lower DATABASE_POOL_SIZE or raise max_connections`);
  else logger.log(line);
}

/** The Nest data source of a process: opened with retry and back-off, its pool logged against the budget. */
export function databaseModule(url: string, pool: PoolOptions, retrySeconds: number): DynamicModule {
  return TypeOrmModule.forRootAsync({
    useFactory: () => ({ ...dataSourceOptions(url, pool), retryAttempts: 0 }),
    dataSourceFactory: (options) => {
      if (!options) throw new Error('no data source options');
      return initializeWithRetry(options, retrySeconds);
    },
  });
}
