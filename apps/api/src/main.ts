import { Logger } from '@nestjs/common';
import { loadConfig } from '@depositary/config';
import { migrate } from '@depositary/persistence';
import { createApi } from './bootstrap';

/** The API alone, for production: applies pending migrations under an advisory lock, then serves HTTP. */
async function main(): Promise<void> {
  const config = loadConfig();
  await migrate(config.databaseMigrationUrl, config.databaseUrl, config.databaseBootRetrySeconds);
  if (config.databaseMigrationUrl === config.databaseUrl)
    console.warn(
      'DATABASE_MIGRATION_URL is not set: the API connects as the owner of the tables, who can alter the audit trail. ' +
        'Set DATABASE_MIGRATION_URL to the owner and DATABASE_URL to a role of its own (see the README).',
    );
  const app = await createApi(config);
  await app.listen(config.port, config.host);
  new Logger('API').log(`Depositary API listening on ${await app.getUrl()}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
