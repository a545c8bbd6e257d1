import {
  Actor,
  ChainedEvent,
  EventAction,
  HistoryEvent,
  ParticipantStatus,
  PersonAction,
  chainHash,
  decide,
  todayUtc,
} from '@depositary/domain';
import { EntityManager } from 'typeorm';
import { EventRow, PARTICIPANT_COLUMNS, ParticipantRow, TreatyRow } from './views';

export interface NewEvent {
  participantId: number;
  treatyId: number;
  treatySlug: string;
  countryCode: string;
  seq: number;
  prevHash: string;
  action: EventAction;
  from: ParticipantStatus | null;
  to: ParticipantStatus;
  date: string;
  actor: Actor | 'system';
  reference?: string | null;
  note?: string | null;
  reason?: string | null;
}

/** The event as its hash covers it, and the hash: computed before anything is written. */
export function chain(event: Omit<NewEvent, 'participantId' | 'treatyId'>, recordedAt: Date): { content: ChainedEvent; hash: string } {
  const content: ChainedEvent = {
    treaty: event.treatySlug,
    country: event.countryCode,
    seq: event.seq,
    action: event.action,
    from: event.from,
    to: event.to,
    date: event.date,
    recordedAt: recordedAt.toISOString(),
    actor: event.actor === 'system' ? 'system' : { id: event.actor.id, email: event.actor.email, role: event.actor.role },
    reference: event.reference ?? null,
    note: event.note ?? null,
    reason: event.reason ?? null,
  };
  return { content, hash: chainHash(event.prevHash, content) };
}

/**
 * Appends one event and its outbox row inside the caller's transaction. The outbox row is what makes a
 * committed transition always yield its follow-up work, and a rolled-back one never.
 */
export async function appendEvent(tx: EntityManager, event: NewEvent, recordedAt: Date, hash: string): Promise<EventRow> {
  const actor = event.actor === 'system' ? null : event.actor;
  const [row]: EventRow[] = await tx.query(
    `WITH inserted AS (
       INSERT INTO events (participant_id, treaty_slug, country_code, seq, action, from_status, to_status, effective_date,
                           recorded_at, actor_id, actor_email, actor_role, reference, note, reason, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       RETURNING *
     ), queued AS (
       INSERT INTO outbox (topic, payload)
       SELECT 'participant.changed', jsonb_build_object('treatyId', $18::int, 'participantId', participant_id, 'eventId', id) FROM inserted
     )
     SELECT * FROM inserted`,
    [
      event.participantId,
      event.treatySlug,
      event.countryCode,
      event.seq,
      event.action,
      event.from,
      event.to,
      event.date,
      recordedAt,
      actor?.id ?? null,
      actor?.email ?? null,
      actor?.role ?? null,
      event.reference ?? null,
      event.note ?? null,
      event.reason ?? null,
      event.prevHash,
      hash,
      event.treatyId,
    ],
  );
  return row;
}

export interface TransitionAct {
  action: PersonAction | 'admit';
  date: string;
  reference?: string | null;
  note?: string | null;
  reason?: string | null;
}

/**
 * One transition of a participant whose row the caller has locked: decide from its history (machine and
 * dates), write the new record with the next version, append the chained event and its outbox row.
 */
export async function transition(
  tx: EntityManager,
  treaty: TreatyRow,
  row: ParticipantRow,
  actor: Actor | 'system',
  act: TransitionAct,
): Promise<{ participant: ParticipantRow; event: EventRow }> {
  const history: HistoryEvent[] = await tx.query(
    `SELECT action, effective_date AS date FROM events WHERE participant_id = $1 ORDER BY seq`,
    [row.id],
  );
  const decision = decide(history, act, { today: todayUtc(), openedForSignatureOn: treaty.opened_for_signature_on });
  const recordedAt = new Date();
  const event: NewEvent = {
    participantId: row.id,
    treatyId: treaty.id,
    treatySlug: treaty.slug,
    countryCode: row.country_code,
    seq: row.event_count + 1,
    prevHash: row.last_hash,
    action: act.action,
    from: decision.from,
    to: decision.to,
    date: decision.date,
    actor,
    reference: act.reference,
    note: act.note,
    reason: act.reason,
  };
  const { hash } = chain(event, recordedAt);
  const { record } = decision;
  // TypeORM answers an UPDATE with [rows, affected].
  const [[participant]]: [ParticipantRow[], number] = await tx.query(
    `UPDATE participants p SET status = $2, signed_on = $3, deposited_on = $4, instrument = $5, member_since = $6, withdrawn_on = $7,
       version = version + 1, event_count = event_count + 1, last_hash = $8, updated_at = now()
     FROM countries c WHERE p.id = $1 AND c.code = p.country_code RETURNING ${PARTICIPANT_COLUMNS}`,
    [row.id, record.status, record.signedOn, record.depositedOn, record.instrument, record.memberSince, record.withdrawnOn, hash],
  );
  return { participant, event: await appendEvent(tx, event, recordedAt, hash) };
}
