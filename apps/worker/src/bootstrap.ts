import { INestApplicationContext, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@depositary/config';
import { WorkerModule } from './worker.module';

/** The worker: BullMQ processors and the outbox relay, no HTTP. */
export async function createWorker(config: AppConfig, logger?: LoggerService | LogLevel[] | false): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: logger ?? ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
