import {
  Actor,
  ChainedConfigurationEvent,
  ConfigurationAction,
  ConfigurationValues,
  GENESIS_HASH,
  configurationHash,
} from '@depositary/domain';
import { EntityManager } from 'typeorm';
import type { ConfigurationEventsRow } from './tables';

/** One advisory lock serialises the configuration chain: changes of configuration are rare. */
const CONFIGURATION_CHAIN_LOCK = 7_160_319;

export type ConfigurationEventRow = ConfigurationEventsRow;

export interface ConfigurationChange {
  action: ConfigurationAction;
  treaty?: string | null;
  country?: string | null;
  subject: string;
  before: ConfigurationValues | null;
  after: ConfigurationValues;
}

/** The fields of a stored configuration event that its hash covers. */
export const chainedConfigurationOf = (row: Omit<ConfigurationEventRow, 'id' | 'prev_hash' | 'hash'>): ChainedConfigurationEvent => ({
  seq: row.seq,
  action: row.action,
  treaty: row.treaty_slug,
  country: row.country_code?.trim() ?? null,
  subject: row.subject,
  recordedAt: row.recorded_at.toISOString(),
  actor: row.actor_id && row.actor_email && row.actor_role ? { id: row.actor_id, email: row.actor_email, role: row.actor_role } : 'system',
  before: row.before,
  after: row.after,
});

/**
 * Appends a change of configuration to its chain, inside the caller's transaction (the one that makes the
 * change), so that no change is committed without its event.
 */
export async function recordConfigurationChange(tx: EntityManager, actor: Actor | 'system', change: ConfigurationChange): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CONFIGURATION_CHAIN_LOCK]);
  const [head]: { seq: number; hash: string }[] = await tx.query(`SELECT seq, hash FROM configuration_events ORDER BY seq DESC LIMIT 1`);
  // JSON through PostgreSQL's jsonb and back: the event is hashed as it will be read.
  const [{ before, after }]: { before: ConfigurationValues | null; after: ConfigurationValues }[] = await tx.query(
    `SELECT $1::jsonb AS before, $2::jsonb AS after`,
    [change.before === null ? null : JSON.stringify(change.before), JSON.stringify(change.after)],
  );
  const person = actor === 'system' ? null : actor;
  const row = {
    seq: (head?.seq ?? 0) + 1,
    action: change.action,
    treaty_slug: change.treaty ?? null,
    country_code: change.country ?? null,
    subject: change.subject,
    recorded_at: new Date(),
    actor_id: person?.id ?? null,
    actor_email: person?.email ?? null,
    actor_role: person?.role ?? null,
    before,
    after,
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const hash = configurationHash(prevHash, chainedConfigurationOf(row));
  await tx.query(
    `INSERT INTO configuration_events (seq, action, treaty_slug, country_code, subject, recorded_at, actor_id, actor_email, actor_role,
                                       before, after, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      row.seq,
      row.action,
      row.treaty_slug,
      row.country_code,
      row.subject,
      row.recorded_at,
      row.actor_id,
      row.actor_email,
      row.actor_role,
      before === null ? null : JSON.stringify(before),
      JSON.stringify(after),
      prevHash,
      hash,
    ],
  );
}
