import { table } from './table';

/** Work a committed transaction owes, relayed to the queue once it commits. */
export interface OutboxRow {
  id: number;
  topic: string;
  payload: object;
  created_at: Date;
  dispatched_at: Date | null;
}

export const OUTBOX = table<OutboxRow>()('outbox', {
  id: 'int8',
  topic: 'text',
  payload: 'jsonb',
  created_at: 'timestamptz',
  dispatched_at: 'timestamptz?',
});

/** The answer given to a request under an `Idempotency-Key`, replayed for a retry of the same request. */
export interface IdempotencyKeysRow {
  user_id: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response: unknown;
  created_at: Date;
}

export const IDEMPOTENCY_KEYS = table<IdempotencyKeysRow>()('idempotency_keys', {
  user_id: 'uuid',
  key: 'text',
  request_hash: 'bpchar',
  status_code: 'int4?',
  response: 'jsonb?',
  created_at: 'timestamptz',
});

/** The one row of the database's own state: its job epoch, and whether deliveries are held. */
export interface ServiceStateRow {
  singleton: boolean;
  job_epoch: string;
  database_oid: number | null;
  deliveries_held_since: Date | null;
  deliveries_held_by: string | null;
  deliveries_released_at: Date | null;
}

export const SERVICE_STATE = table<ServiceStateRow>()('service_state', {
  singleton: 'bool',
  job_epoch: 'text',
  database_oid: 'oid?',
  deliveries_held_since: 'timestamptz?',
  deliveries_held_by: 'text?',
  deliveries_released_at: 'timestamptz?',
});
