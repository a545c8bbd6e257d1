import { withAdminClient } from './databases';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.DEPOSITARY_TEST_TEMPLATE;
  if (template) await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`));
}
