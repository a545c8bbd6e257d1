import { currentRequestId } from '@depositary/observability';
import type { EntityManager } from 'typeorm';

/**
 * What a committed transaction leaves for the relay to turn into jobs, one row per piece of follow-up work: written
 * in the same transaction as the change, so that a commit always yields its work and a rollback never does.
 */
export interface OutboxPayloads {
  /** A participant's act: the treaty is recomputed. */
  'participant.changed': { treatyId: number; participantId: number; eventId: number };
  /** An e-mail to send. */
  'delivery.created': { deliveryId: number };
  /** A depositary notification to draft, for an act (an event) or a treaty's threshold or entry into force (a treaty event). */
  'notification.draft': { eventId: number } | { treatyEventId: number };
  /** An issued notification to circulate to every state. */
  'notification.issued': { notificationId: number };
}
/**
 * A row written while a request or a job is served also carries `requestId`: that request's id, or the job's (the ids
 * of the requests it carries on, joined by commas). The relay passes it to the job, so that the worker's log lines
 * of the work an act causes name the request of the act.
 */
export type OutboxRowPayload<T extends OutboxTopic> = OutboxPayloads[T] & { requestId?: string | null };
export type OutboxTopic = keyof OutboxPayloads;

/** Adds one outbox row in the transaction `tx`, with the id of the request being served. */
export async function enqueueOutbox<T extends OutboxTopic>(tx: EntityManager, topic: T, payload: OutboxPayloads[T]): Promise<void> {
  const row: OutboxRowPayload<T> = { ...payload, requestId: currentRequestId() ?? null };
  await tx.query(`INSERT INTO outbox (topic, payload) VALUES ($1, $2)`, [topic, JSON.stringify(row)]);
}

/**
 * The SQL of an INSERT of one outbox row per row of `from` (a CTE's name, or a table with its WHERE), for statements
 * that write their rows and the outbox in one round trip. `payload` is the SQL of a jsonb of the row's columns,
 * `jsonb_build_object('deliveryId', id)`, naming the fields of OutboxRowPayload[topic].
 */
export const outboxInsertSql = (topic: OutboxTopic, payload: string, from: string): string =>
  `INSERT INTO outbox (topic, payload) SELECT '${topic}', ${payload} FROM ${from}`;

/**
 * The outbox rows of e-mails just inserted by a CTE named `inserted` (with an `id` column); `requestId` is the
 * placeholder of the statement's parameter that holds `currentRequestId()`, e.g. `$2`.
 */
export const deliveriesCreatedSql = (requestId: string): string =>
  outboxInsertSql('delivery.created', `jsonb_build_object('deliveryId', id, 'requestId', ${requestId}::text)`, 'inserted');
