import type { DeliveryKind, DeliveryStatus } from '@depositary/contracts';
import { table } from './table';

/** One e-mail to one recipient, under a unique key: queued, sent once, or failed with its error. */
export interface DeliveriesRow {
  id: number;
  kind: DeliveryKind;
  key: string;
  recipient: string;
  treaty_id: number | null;
  country_code: string | null;
  treaty_event_id: number | null;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  lease_until: Date | null;
  participant_id: number | null;
  focal_point_id: string | null;
  reminder_status: string | null;
  reminder_number: number | null;
  about_delivery_id: number | null;
  depositary_notification_id: number | null;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
}

export const DELIVERIES = table<DeliveriesRow>()('deliveries', {
  id: 'int8',
  kind: 'text',
  key: 'text',
  recipient: 'text',
  treaty_id: 'int4?',
  country_code: 'bpchar?',
  treaty_event_id: 'int8?',
  status: 'text',
  attempts: 'int4',
  last_error: 'text?',
  message_id: 'text?',
  lease_until: 'timestamptz?',
  participant_id: 'int4?',
  focal_point_id: 'uuid?',
  reminder_status: 'text?',
  reminder_number: 'int4?',
  about_delivery_id: 'int8?',
  depositary_notification_id: 'int8?',
  created_at: 'timestamptz',
  updated_at: 'timestamptz',
  sent_at: 'timestamptz?',
});
