import { Logger } from '@nestjs/common';
import { loadConfig } from '@depositary/config';
import { migrate } from '@depositary/persistence';
import { createApi } from './bootstrap';

/** The API alone, for production: applies pending migrations under an advisory lock, then serves HTTP. */
async function main(): Promise<void> {
  const config = loadConfig();
  await migrate(config.databaseUrl, config.databaseBootRetrySeconds);
  const app = await createApi(config);
  await app.listen(config.port, config.host);
  new Logger('API').log(`Depositary API listening on ${await app.getUrl()}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
