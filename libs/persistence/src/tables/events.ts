import type { ActDetails, HistoryEvent, Role } from '@depositary/domain';
import type { EntityManager } from 'typeorm';
import { selectList } from '../select-list';
import { table } from './table';

/** One act of a participant's chain, as stored: append-only, each hashing the one before. */
export interface EventsRow {
  id: number;
  participant_id: number;
  treaty_slug: string;
  country_code: string;
  seq: number;
  action: string;
  from_status: string | null;
  to_status: string;
  effective_date: string;
  recorded_at: Date;
  actor_id: string | null;
  actor_email: string | null;
  actor_role: Role | null;
  reference: string | null;
  note: string | null;
  reason: string | null;
  details: ActDetails | null;
  prev_hash: string;
  hash: string;
}

export const EVENTS = table<EventsRow>()('events', {
  id: 'int8',
  participant_id: 'int4',
  treaty_slug: 'text',
  country_code: 'bpchar',
  seq: 'int4',
  action: 'text',
  from_status: 'text?',
  to_status: 'text',
  effective_date: 'date',
  recorded_at: 'timestamptz',
  actor_id: 'uuid?',
  actor_email: 'text?',
  actor_role: 'text?',
  reference: 'text?',
  note: 'text?',
  reason: 'text?',
  details: 'jsonb?',
  prev_hash: 'bpchar',
  hash: 'bpchar',
});

/** An event as a participant's history replays it, with its id. */
export type HistoryEventRow = Required<HistoryEvent> & { id: number };

const HISTORY_COLUMNS = selectList<HistoryEventRow>()({
  id: 'id',
  action: 'action',
  date: 'effective_date',
  to: 'to_status',
  details: 'details',
});

/** A participant's events in the order of its chain, as the domain replays them; with `beforeSeq`, those before one. */
export function participantHistory(tx: EntityManager, participantId: number, beforeSeq?: number): Promise<HistoryEventRow[]> {
  return beforeSeq === undefined
    ? tx.query(`SELECT ${HISTORY_COLUMNS} FROM events WHERE participant_id = $1 ORDER BY seq`, [participantId])
    : tx.query(`SELECT ${HISTORY_COLUMNS} FROM events WHERE participant_id = $1 AND seq < $2 ORDER BY seq`, [participantId, beforeSeq]);
}
