import type { DeliveryKind } from '@depositary/contracts';
import { currentRequestId, notificationsIssued } from '@depositary/observability';
import { EntityManager } from 'typeorm';
import { deliveriesCreatedSql } from '@depositary/jobs';
import type { DeliveriesRow } from '@depositary/persistence';

export const MAX_DELIVERY_ATTEMPTS = 5;

export type DeliveryRow = Omit<DeliveriesRow, 'lease_until' | 'updated_at' | 'sent_at'>;

/** Depositary staff: every active officer, plus DEPOSITARY_EMAILS. */
export async function staffRecipients(tx: EntityManager, extra: readonly string[]): Promise<string[]> {
  const officers: { email: string }[] = await tx.query(`SELECT email FROM users WHERE role = 'officer' AND active ORDER BY email`);
  return [...new Set([...officers.map((officer) => officer.email), ...extra.map((email) => email.toLowerCase())])];
}

/**
 * Queues one e-mail per recipient inside the caller's transaction: a delivery record (unique key, so a retry
 * adds nothing) and an outbox row that the relay turns into a send job once the transaction commits.
 */
export async function queueDeliveries(
  tx: EntityManager,
  deliveries: {
    kind: DeliveryKind;
    key: string;
    recipient: string;
    treatyId?: number;
    countryCode?: string;
    treatyEventId?: number;
    aboutDeliveryId?: number;
  }[],
): Promise<number[]> {
  if (deliveries.length === 0) return [];
  const rows: { id: number; kind: string }[] = await tx.query(
    `WITH inserted AS (
       INSERT INTO deliveries (kind, key, recipient, treaty_id, country_code, treaty_event_id, about_delivery_id)
       SELECT d.kind, d.key, d.recipient, d.treaty_id, d.country_code, d.treaty_event_id, d.about_delivery_id
       FROM jsonb_to_recordset($1::jsonb)
         AS d(kind text, key text, recipient text, treaty_id int, country_code char(3), treaty_event_id bigint, about_delivery_id bigint)
       ON CONFLICT (key) DO NOTHING
       RETURNING id, kind
     ), queued AS (
       ${deliveriesCreatedSql('$2')}
     )
     SELECT id, kind FROM inserted`,
    [
      JSON.stringify(
        deliveries.map((d) => ({
          kind: d.kind,
          key: d.key,
          recipient: d.recipient,
          treaty_id: d.treatyId ?? null,
          country_code: d.countryCode ?? null,
          treaty_event_id: d.treatyEventId ?? null,
          about_delivery_id: d.aboutDeliveryId ?? null,
        })),
      ),
      currentRequestId() ?? null,
    ],
  );
  for (const row of rows) notificationsIssued().inc({ kind: row.kind });
  return rows.map((row) => row.id);
}
