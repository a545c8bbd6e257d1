import { Logger } from '@nestjs/common';
import { loadConfig } from '@depositary/config';
import { createWorker, serveWorkerHttp } from './bootstrap';

/** The worker alone, for production. Run as many as you like against the same PostgreSQL and Redis. */
async function main(): Promise<void> {
  const config = loadConfig();
  const worker = await createWorker(config);
  const url = await serveWorkerHttp(worker, config.workerPort, config.host);
  new Logger('Worker').log(`Depositary worker running, health and metrics on ${url}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
