import { loadConfig } from '@depositary/config';
import { createWorker } from './bootstrap';

/** The worker alone, for production. Run as many as you like against the same PostgreSQL and Redis. */
async function main(): Promise<void> {
  const config = loadConfig();
  await createWorker(config);
  console.log('Depositary worker running');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
