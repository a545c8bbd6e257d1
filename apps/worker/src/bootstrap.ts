import { INestApplicationContext, Logger, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@depositary/config';
import { MAIL_CONCURRENCY } from '@depositary/jobs';
import { ServiceLogger } from '@depositary/observability';
import { WorkerHttp } from './observability/worker-http';
import { WorkerModule } from './worker.module';

/**
 * The worker: BullMQ processors and the outbox relay. Its HTTP server for probes and metrics is started apart
 * (`serveWorkerHttp`), so that tests may run several workers in one process without it.
 */
export async function createWorker(config: AppConfig, logger?: LoggerService | LogLevel[] | false): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: logger ?? new ServiceLogger(config.logFormat),
  });
  app.enableShutdownHooks();
  await app.init();
  if (config.databasePoolSize < MAIL_CONCURRENCY + 4)
    new Logger('PostgreSQL').warn(
      `DATABASE_POOL_SIZE ${config.databasePoolSize} is below ${MAIL_CONCURRENCY + 4} (${MAIL_CONCURRENCY} mail jobs and the relay): an accepted ` +
        'e-mail may wait for a connection before it is marked sent, and a worker killed meanwhile leaves it to be sent again',
    );
  return app;
}

/** Starts the worker's /health, /health/live, /health/ready and /metrics on `port` (0: any free port); answers its address. */
export function serveWorkerHttp(worker: INestApplicationContext, port: number, host: string): Promise<string> {
  return worker.get(WorkerHttp).listen(port, host);
}
