import type { InLanguages } from '@depositary/domain';
import type { DepositaryNotificationView } from '@depositary/contracts';
import { table } from './table';

/** A depositary notification: drafted from an act or a change of standing, numbered when issued. */
export interface DepositaryNotificationsRow {
  id: number;
  treaty_id: number;
  country_code: string | null;
  kind: string;
  status: DepositaryNotificationView['status'];
  event_id: number | null;
  treaty_event_id: number | null;
  corrects_id: number | null;
  number: string | null;
  year: number | null;
  serial: number | null;
  issued_on: string | null;
  issued_at: Date | null;
  issued_by: string | null;
  subject: InLanguages;
  text: InLanguages;
  created_at: Date;
}

export const DEPOSITARY_NOTIFICATIONS = table<DepositaryNotificationsRow>()('depositary_notifications', {
  id: 'int8',
  treaty_id: 'int4',
  country_code: 'bpchar?',
  kind: 'text',
  status: 'text',
  event_id: 'int8?',
  treaty_event_id: 'int8?',
  corrects_id: 'int8?',
  number: 'text?',
  year: 'int4?',
  serial: 'int4?',
  issued_on: 'date?',
  issued_at: 'timestamptz?',
  issued_by: 'uuid?',
  subject: 'jsonb',
  text: 'jsonb',
  created_at: 'timestamptz',
});

/** The last serial number issued in a year: notifications are numbered without gaps, year by year. */
export interface DepositaryNotificationCountersRow {
  year: number;
  last: number;
}

export const DEPOSITARY_NOTIFICATION_COUNTERS = table<DepositaryNotificationCountersRow>()('depositary_notification_counters', {
  year: 'int4',
  last: 'int4',
});
