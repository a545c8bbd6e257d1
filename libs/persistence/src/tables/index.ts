import { AUDIT_CHECKPOINTS, CONFIGURATION_EVENTS } from './audit';
import { DELIVERIES } from './deliveries';
import { DEPOSITARY_NOTIFICATIONS, DEPOSITARY_NOTIFICATION_COUNTERS } from './depositary-notifications';
import { EVENTS } from './events';
import { IDEMPOTENCY_KEYS, OUTBOX, SERVICE_STATE } from './operations';
import { PARTICIPANTS } from './participants';
import { COUNTRIES, FOCAL_POINTS, REVOKED_TOKENS, SIGN_IN_ATTEMPTS, USERS } from './people';
import { STATEMENTS } from './statements';
import { TREATIES, TREATY_EVENTS } from './treaties';
import type { ColumnSpec } from './table';

export * from './table';
export * from './audit';
export * from './deliveries';
export * from './depositary-notifications';
export * from './events';
export * from './operations';
export * from './participants';
export * from './people';
export * from './statements';
export * from './treaties';

/** Every table of the service: a test holds each against the migrated database. */
export const TABLES: readonly { name: string; columns: Readonly<Record<string, ColumnSpec>> }[] = [
  TREATIES,
  TREATY_EVENTS,
  PARTICIPANTS,
  EVENTS,
  STATEMENTS,
  DEPOSITARY_NOTIFICATIONS,
  DEPOSITARY_NOTIFICATION_COUNTERS,
  DELIVERIES,
  FOCAL_POINTS,
  USERS,
  COUNTRIES,
  REVOKED_TOKENS,
  SIGN_IN_ATTEMPTS,
  OUTBOX,
  IDEMPOTENCY_KEYS,
  SERVICE_STATE,
  AUDIT_CHECKPOINTS,
  CONFIGURATION_EVENTS,
];
