import { createHash } from 'node:crypto';
import { EntityManager, QueryFailedError } from 'typeorm';

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

const names = new Map<string, string>();

/**
 * `tx.query` as a named prepared statement of the transaction's connection: PostgreSQL parses and plans the text once
 * per connection instead of at every call. For the few statements on the path of every act; the answer is the rows,
 * and a failure the same QueryFailedError as `tx.query` gives. Outside a transaction's connection it is `tx.query`.
 */
export async function preparedQuery<Row>(tx: EntityManager, text: string, values: unknown[]): Promise<Row[]> {
  const client = (tx.queryRunner as { databaseConnection?: PgClient } | undefined)?.databaseConnection;
  if (!client || !tx.queryRunner?.isTransactionActive) return tx.query(text, values);
  let name = names.get(text);
  if (name === undefined) {
    name = `depositary_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  try {
    return (await client.query({ name, text, values })).rows as Row[];
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}
