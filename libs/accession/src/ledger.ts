import {
  Act,
  ActDetails,
  Actor,
  ChainedEvent,
  DEFAULT_WITHDRAWAL_DELAY,
  EntryIntoForceRule,
  EventAction,
  HistoryEvent,
  NOTIFIED_ACTS,
  ParticipantRecord,
  ParticipantStatus,
  chainHash,
  decide,
  notFound,
  exitDueBy,
  membershipDateOf,
  recordOf,
  systemStepsDue,
  todayUtc,
} from '@depositary/domain';
import { currentRequestId } from '@depositary/observability';
import { EntityManager } from 'typeorm';
import { projectTreaty } from './as-of';
import { EventRow, PARTICIPANT_COLUMNS, ParticipantRow, RECORD_COLUMN_NAMES, TreatyRow, recordColumnValues, withRecord } from './views';
import { outboxInsertSql } from '@depositary/jobs';
import { participantHistory, preparedQuery } from '@depositary/persistence';

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
  details?: ActDetails | null;
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
    ...(event.details ? { details: { ...event.details } } : {}),
  };
  return { content, hash: chainHash(event.prevHash, content) };
}

/** The acts whose event drafts a depositary notification: a person's, and a correction (drafted if it undoes one issued). */
const DRAFTED_ACTIONS: readonly string[] = [...NOTIFIED_ACTS, 'correct'];

/**
 * What a write of an event changes in its participant's row, besides its chain head, version and event count
 * (`KEEP_ROW`: nothing at all, for the invitation that inserted the row already moved on).
 */
export interface RowChange {
  /** `column = $n` assignments, numbered from `from`. */
  assignments: (from: number) => string;
  values: unknown[];
}
export const KEEP_ROW = null;

/** The change of a participant's row a decision makes: its record, and whether its latest act can be corrected. */
export const recordChange = (decision: { record: ParticipantRecord; correctable: boolean }): RowChange => ({
  assignments: (from) => [...RECORD_COLUMN_NAMES, 'correctable'].map((column, index) => `${column} = $${from + index}`).join(', '),
  values: [...recordColumnValues(decision.record), decision.correctable],
});
const NO_CHANGE: RowChange = { assignments: () => '', values: [] };

/**
 * The statement that appends one event and its outbox rows, and moves the participant's row on (its chain head,
 * version and event count, and `change`): one round trip. The outbox row is what makes a committed transition always
 * yield its follow-up work, and a rolled-back one never.
 */
export function appendEventStatement(
  event: NewEvent,
  recordedAt: Date,
  hash: string,
  change: RowChange | typeof KEEP_ROW = NO_CHANGE,
): { text: string; values: unknown[] } {
  const actor = event.actor === 'system' ? null : event.actor;
  const values: unknown[] = [
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
    event.details ? JSON.stringify(event.details) : null,
    currentRequestId() ?? null, // the request (or the job) that caused this act, for the logs of the work it causes
    DRAFTED_ACTIONS,
  ];
  const assignments = change?.assignments(values.length + 1);
  const moved = change
    ? `moved AS (
       UPDATE participants SET ${assignments ? `${assignments}, ` : ''}last_hash = $17, version = version + 1, event_count = event_count + 1,
         updated_at = now()
       WHERE id = $1
     ), `
    : '';
  return {
    text: `WITH ${moved}inserted AS (
       INSERT INTO events (participant_id, treaty_slug, country_code, seq, action, from_status, to_status, effective_date,
                           recorded_at, actor_id, actor_email, actor_role, reference, note, reason, prev_hash, hash, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $19)
       RETURNING id, participant_id, action
     ), queued AS (
       ${outboxInsertSql('participant.changed', `jsonb_build_object('treatyId', $18::int, 'participantId', participant_id, 'eventId', id, 'requestId', $20::text)`, 'inserted')}
     ), drafted AS (
       -- A depositary notification is drafted for an act of a person, except in an imported history.
       ${outboxInsertSql('notification.draft', `jsonb_build_object('eventId', id, 'requestId', $20::text)`, 'inserted')}
       WHERE action = ANY($21::text[]) AND coalesce(current_setting('depositary.import', true), '') <> 'on'
     )
     SELECT id FROM inserted`,
    values: change ? [...values, ...change.values] : values,
  };
}

/** Appends one event inside the caller's transaction (appendEventStatement), and answers it as its row reads. */
export async function appendEvent(
  tx: EntityManager,
  event: NewEvent,
  recordedAt: Date,
  hash: string,
  change: RowChange | typeof KEEP_ROW = NO_CHANGE,
): Promise<EventRow> {
  const { text, values } = appendEventStatement(event, recordedAt, hash, change);
  const [{ id }] = await preparedQuery<{ id: number }>(tx, text, values);
  const actor = event.actor === 'system' ? null : event.actor;
  return {
    id,
    participant_id: event.participantId,
    treaty_slug: event.treatySlug,
    country_code: event.countryCode,
    seq: event.seq,
    action: event.action,
    from_status: event.from,
    to_status: event.to,
    effective_date: event.date,
    recorded_at: recordedAt,
    actor_id: actor?.id ?? null,
    actor_email: actor?.email ?? null,
    actor_role: actor?.role ?? null,
    reference: event.reference ?? null,
    note: event.note ?? null,
    reason: event.reason ?? null,
    details: event.details ?? null,
    prev_hash: event.prevHash,
    hash,
  };
}

export interface TransitionAct extends Act {
  reference?: string | null;
  note?: string | null;
  reason?: string | null;
}

/**
 * One transition of a participant whose row the caller has locked: decide from its history (machine and
 * dates), write the new record with the next version, append the chained event and its outbox row.
 *
 * A person's act that can only follow once a withdrawal took effect (a state rejoining) first records the
 * exit the service owes — and the admission before it, if one was due — as
 * `system`, dated by law: a historical record imported faster than the worker follows reads as it happened.
 */
export async function transition(
  tx: EntityManager,
  treaty: TreatyRow,
  row: ParticipantRow,
  actor: Actor | 'system',
  act: TransitionAct,
  history?: HistoryEvent[],
): Promise<{ participant: ParticipantRow; event: EventRow }> {
  const events = history ?? (await participantHistory(tx, row.id));
  let participant = row;
  if (actor !== 'system' && act.action !== 'correct' && act.action !== 'revoke_withdrawal') {
    const record = recordOf(events);
    if (record && exitDueBy(record, act.date)) {
      for (const step of systemStepsDue(record, await membershipOn(tx, treaty.id, record, act.date), act.date).steps)
        participant = (await write(tx, treaty, participant, 'system', step, events)).participant;
    }
  }
  return write(tx, treaty, participant, actor, act, events);
}

/**
 * The membership day of a participant's current consent: under the treaty's stored outcome when it has one;
 * else (a history imported in one transaction, or recorded faster than the worker evaluated it) under the
 * record as it stands in law on `day`, so that a state that rejoins is first admitted for the period it left.
 */
async function membershipOn(tx: EntityManager, treatyId: number, record: ParticipantRecord, day: string): Promise<string | null> {
  const current = record.consents.at(-1);
  if (!current) return null;
  const [treaty]: { entry_into_force: EntryIntoForceRule; threshold_met_on: string | null; entry_into_force_on: string | null }[] =
    await tx.query(`SELECT entry_into_force, threshold_met_on, entry_into_force_on FROM treaties WHERE id = $1`, [treatyId]);
  if (treaty.threshold_met_on && treaty.entry_into_force_on)
    return membershipDateOf(treaty.entry_into_force, treaty.threshold_met_on, treaty.entry_into_force_on, current);
  const { standing } = (await projectTreaty(tx, treatyId, treaty.entry_into_force, { asOf: day })).projection;
  return standing.metOn && standing.entryIntoForceOn
    ? membershipDateOf(treaty.entry_into_force, standing.metOn, standing.entryIntoForceOn, current)
    : null;
}

/** Decides and writes one event; `events` (the history) gains it. */
async function write(
  tx: EntityManager,
  treaty: TreatyRow,
  row: ParticipantRow,
  actor: Actor | 'system',
  act: TransitionAct,
  events: HistoryEvent[],
): Promise<{ participant: ParticipantRow; event: EventRow }> {
  const decision = decide(events, act, {
    today: todayUtc(),
    openedForSignatureOn: treaty.opened_for_signature_on,
    withdrawal: treaty.withdrawal ?? DEFAULT_WITHDRAWAL_DELAY,
  });
  const recordedAt = new Date();
  const event = nextEvent(treaty, row, actor, {
    action: act.action,
    reference: act.reference,
    note: act.note,
    reason: act.reason,
    from: decision.from,
    to: decision.to,
    date: decision.date,
    details: decision.details,
  });
  const { hash } = chain(event, recordedAt);
  const written = await appendEvent(tx, event, recordedAt, hash, recordChange(decision));
  const participant = { ...withRecord(row, decision.record), correctable: decision.correctable, ...movedOn(row, hash) };
  events.push({ action: act.action, date: decision.date, to: decision.to, details: decision.details });
  return { participant, event: written };
}

/** The SELECT that locks a participant's row by treaty slug ($1) and country ($2), with its treaty, and its history. */
export const lockStatement = (withHistory: boolean): string =>
  `SELECT ${PARTICIPANT_COLUMNS}, t.slug, t.opened_for_signature_on, t.withdrawal${
    withHistory
      ? `, (SELECT coalesce(json_agg(json_build_object('action', e.action, 'date', e.effective_date, 'to', e.to_status, 'details', e.details)
         ORDER BY e.seq), '[]') FROM events e WHERE e.participant_id = p.id) AS history`
      : ''
  } FROM participants p
   JOIN treaties t ON t.id = p.treaty_id JOIN countries c ON c.code = p.country_code
   WHERE t.slug = $1 AND p.country_code = $2 FOR UPDATE OF p`;

/**
 * The participant row locked for an act, with its treaty, in one round trip; 404 for an unknown treaty or participant.
 * With `withHistory`, its events as the domain replays them come in the same round trip — when they are the ones the
 * locked row counts: a row that had to wait for the lock was read afresh, but the events of the same statement were
 * read before the wait, so the history is then left out and the caller reads it (`transition` does).
 */
export async function lockParticipant(
  tx: EntityManager,
  slug: string,
  code: string,
  options: { withHistory?: boolean } = {},
): Promise<{ treaty: TreatyRow; row: ParticipantRow; history?: HistoryEvent[] }> {
  const [found] = await preparedQuery<ParticipantRow & Omit<TreatyRow, 'id'> & { history?: HistoryEvent[] }>(
    tx,
    lockStatement(options.withHistory ?? false),
    [slug, code],
  );
  if (found) {
    const { history: events, ...row } = found;
    return {
      treaty: {
        id: found.treaty_id,
        slug: found.slug,
        opened_for_signature_on: found.opened_for_signature_on,
        withdrawal: found.withdrawal,
      },
      row,
      history: events && events.length === row.event_count ? events : undefined,
    };
  }
  const [treaty]: unknown[] = await tx.query(`SELECT 1 FROM treaties WHERE slug = $1`, [slug]);
  throw notFound(treaty ? `participant ${code} of this treaty` : `treaty "${slug}"`);
}

/**
 * Appends an event that changes nothing of the participant's record (a statement, its confirmation or its
 * withdrawal) to the participant's chain, whose row the caller has locked: the version, the event count and the
 * chain head move on, with the outbox row of every event.
 */
export async function appendRecordNeutralEvent(
  tx: EntityManager,
  treaty: TreatyRow,
  row: ParticipantRow,
  actor: Actor,
  act: { action: EventAction; date: string; details: ActDetails; reference?: string | null; note?: string | null },
): Promise<{ participant: ParticipantRow; event: EventRow }> {
  const recordedAt = new Date();
  const { action, date, details, reference, note } = act;
  const event = nextEvent(treaty, row, actor, { action, date, details, reference, note, from: row.status, to: row.status });
  const { hash } = chain(event, recordedAt);
  const written = await appendEvent(tx, event, recordedAt, hash);
  return { participant: { ...row, ...movedOn(row, hash) }, event: written };
}

/** What every event moves on in its participant's row. */
const movedOn = (row: ParticipantRow, hash: string): Pick<ParticipantRow, 'last_hash' | 'version' | 'event_count'> => ({
  last_hash: hash,
  version: row.version + 1,
  event_count: row.event_count + 1,
});

/** The next event of a participant's chain, whose row the caller has locked: its seq and the hash it follows. */
function nextEvent(
  treaty: TreatyRow,
  row: ParticipantRow,
  actor: Actor | 'system',
  event: Pick<NewEvent, 'action' | 'from' | 'to' | 'date' | 'reference' | 'note' | 'reason' | 'details'>,
): NewEvent {
  return {
    participantId: row.id,
    treatyId: treaty.id,
    treatySlug: treaty.slug,
    countryCode: row.country_code,
    seq: row.event_count + 1,
    prevHash: row.last_hash,
    actor,
    ...event,
  };
}
