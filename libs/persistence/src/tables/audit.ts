import type { ConfigurationAction, ConfigurationValues } from '@depositary/domain';
import { table } from './table';

/** A signed statement of the heads of every chain at an instant (Ed25519, the key kept outside the database). */
export interface AuditCheckpointsRow {
  id: number;
  taken_at: Date;
  taken_by: string;
  heads: object;
  signed: string;
  signature: string;
  public_key: string;
}

export const AUDIT_CHECKPOINTS = table<AuditCheckpointsRow>()('audit_checkpoints', {
  id: 'int8',
  taken_at: 'timestamptz',
  taken_by: 'text',
  heads: 'jsonb',
  signed: 'text',
  signature: 'text',
  public_key: 'text',
});

/** A change of configuration (a treaty, a focal point, a user), in a hash chain of its own. */
export interface ConfigurationEventsRow {
  id: number;
  seq: number;
  action: ConfigurationAction;
  treaty_slug: string | null;
  country_code: string | null;
  subject: string;
  recorded_at: Date;
  actor_id: string | null;
  actor_email: string | null;
  actor_role: string | null;
  before: ConfigurationValues | null;
  after: ConfigurationValues;
  prev_hash: string;
  hash: string;
}

export const CONFIGURATION_EVENTS = table<ConfigurationEventsRow>()('configuration_events', {
  id: 'int8',
  seq: 'int4',
  action: 'text',
  treaty_slug: 'text?',
  country_code: 'bpchar?',
  subject: 'text',
  recorded_at: 'timestamptz',
  actor_id: 'uuid?',
  actor_email: 'text?',
  actor_role: 'text?',
  before: 'jsonb?',
  after: 'jsonb',
  prev_hash: 'bpchar',
  hash: 'bpchar',
});
