import type { BrokenLink } from '@depositary/contracts';
import { EventRow, RecordColumns, chainedContentOf, recordOfRow } from '@depositary/accession';
import {
  EventAction,
  GENESIS_HASH,
  HistoryEvent,
  ParticipantRecord,
  canonicalJson,
  chainHash,
  configurationHash,
  replay,
} from '@depositary/domain';
import { ConfigurationEventRow, chainedConfigurationOf } from '@depositary/persistence';
import type { ParticipantsRow } from '@depositary/persistence';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { DataSource } from 'typeorm';

export type { BrokenLink, ChainName } from '@depositary/contracts';

/** The heads a checkpoint signed: chain key (`configuration`, `participant:<treaty>:<country>`) → seq and hash. */
export type ChainHeads = Record<string, { seq: number; hash: string }>;

export const participantChainKey = (treaty: string, country: string): string => `participant:${treaty}:${country}`;
export const CONFIGURATION_CHAIN = 'configuration';

interface Chain {
  participant: number;
  history: HistoryEvent[];
  seq: number;
  hash: string;
  id: number;
  recordedAt: string;
}

/** Rows a page of the verification reads; between pages it yields to other requests. */
const PAGE = 1_000;

type StoredEvent = Omit<EventRow, 'recorded_at'> & { recorded_at: string };
type ParticipantTableRow = ParticipantsRow & { slug: string };

/** An event as the participant's history replays it: its action, effective date, status reached and details. */
export function historyEventOf(row: Pick<EventRow, 'action' | 'effective_date' | 'to_status' | 'details'>): HistoryEvent {
  return {
    action: row.action as EventAction,
    date: row.effective_date,
    to: row.to_status as HistoryEvent['to'],
    details: row.details,
  };
}

/**
 * How a stored row differs from the record its events replay to: the first field that differs, or null. The row is
 * read as a record by the same mapping the service reads it with (`recordOfRow`).
 */
export function recordMismatch(record: ParticipantRecord, row: RecordColumns): string | null {
  const stored = recordOfRow(row) as unknown as Record<string, unknown>;
  for (const [field, value] of Object.entries(record)) {
    if (canonicalJson(stored[field] ?? null) !== canonicalJson(value ?? null))
      return `${field} is ${canonicalJson(stored[field] ?? null)} in the participant row, but its events give ${canonicalJson(value ?? null)}`;
  }
  return null;
}

/**
 * Checks the whole audit trail, page by page, yielding between pages so that other requests are served:
 * - each participant's chain: seq without gaps, prevHash, the hash of each event's content, ids and
 *   recordedAt never going backwards; its events replayed through the domain give the stored row
 *   (every field of the record, and version and event count, and the head hash);
 * - the configuration chain, the same way;
 * - the latest checkpoint's heads: each chain still holds, at the checkpointed seq, the checkpointed hash.
 * Answers the number of events checked and the first link found broken.
 */
export async function verifyTrail(
  db: DataSource,
  checkpointHeads: ChainHeads | null,
): Promise<{ checked: number; firstBroken: BrokenLink | null }> {
  let checked = 0;
  let firstBroken: BrokenLink | null = null;
  const expected = new Map(Object.entries(checkpointHeads ?? {}));
  const againstCheckpoint = (key: string, seq: number, hash: string): boolean => {
    const head = expected.get(key);
    if (!head || head.seq !== seq) return true;
    expected.delete(key);
    return head.hash === hash;
  };

  const participantRows: ParticipantTableRow[] = await db.query(
    `SELECT p.*, t.slug FROM participants p JOIN treaties t ON t.id = p.treaty_id`,
  );
  const participants = new Map(participantRows.map((row) => [row.id, row]));
  const finished = new Set<number>();
  let current = null as Chain | null;

  const finish = (): BrokenLink | null => {
    if (!current) return null;
    const chain = current;
    finished.add(chain.participant);
    const row = participants.get(chain.participant);
    if (!row) return null;
    const broken = (reason: string): BrokenLink => ({
      chain: 'participant',
      eventId: null,
      treaty: row.slug,
      country: row.country_code.trim(),
      seq: null,
      reason,
    });
    if (row.event_count !== chain.seq || row.last_hash !== chain.hash)
      return { ...broken('the participant row does not end where its events end'), seq: chain.seq };
    const expectedVersion = 1 + chain.history.filter((event) => event.action !== 'invite').length;
    if (row.version !== expectedVersion) return broken(`version is ${row.version}, but its events give ${expectedVersion}`);
    let record: ParticipantRecord | undefined;
    try {
      record = replay(chain.history).at(-1)?.record;
    } catch (error) {
      return broken(`its events do not replay: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!record) return broken('its events replay to nothing');
    const mismatch = recordMismatch(record, row);
    return mismatch ? broken(mismatch) : null;
  };

  let after: [number, number] = [0, 0];
  for (;;) {
    const rows: StoredEvent[] = await db.query(
      `SELECT *, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at
       FROM events WHERE (participant_id, seq) > ($1, $2) ORDER BY participant_id, seq LIMIT ${PAGE}`,
      after,
    );
    for (const row of rows) {
      checked++;
      if (firstBroken) continue;
      if (current?.participant !== row.participant_id) {
        firstBroken = finish();
        if (firstBroken) continue;
        current = { participant: row.participant_id, history: [], seq: 0, hash: GENESIS_HASH, id: 0, recordedAt: '' };
      }
      const broken = (reason: string): BrokenLink => ({
        chain: 'participant',
        eventId: row.id,
        treaty: row.treaty_slug,
        country: row.country_code,
        seq: row.seq,
        reason,
      });
      if (row.seq !== current.seq + 1) firstBroken = broken(`event ${current.seq + 1} of this participant is missing`);
      else if (row.prev_hash !== current.hash) firstBroken = broken('prevHash does not match the previous event');
      else if (chainHash(row.prev_hash, chainedContentOf(row)) !== row.hash)
        firstBroken = broken('the event was altered: its hash does not match its content');
      else if (row.recorded_at < current.recordedAt) firstBroken = broken('recordedAt goes back in time from the previous event');
      else if (row.id < current.id) firstBroken = broken('the event was stored before the one it follows');
      else if (!participants.has(row.participant_id)) firstBroken = broken('the event belongs to no participant');
      else if (!againstCheckpoint(participantChainKey(row.treaty_slug, row.country_code), row.seq, row.hash))
        firstBroken = {
          ...broken('the event differs from the one a signed checkpoint holds: the chain was rewritten'),
          chain: 'checkpoint',
        };
      current.history.push(historyEventOf(row));
      Object.assign(current, { seq: row.seq, hash: row.hash, id: row.id, recordedAt: row.recorded_at });
    }
    if (rows.length < PAGE) break;
    after = [rows[rows.length - 1].participant_id, rows[rows.length - 1].seq];
    await yieldToOthers();
  }
  firstBroken ??= finish();
  if (!firstBroken)
    for (const row of participants.values())
      if (!finished.has(row.id)) {
        firstBroken = {
          chain: 'participant',
          eventId: null,
          treaty: row.slug,
          country: row.country_code.trim(),
          seq: 1,
          reason: 'the participant has no events',
        };
        break;
      }

  // The configuration chain.
  let head = { seq: 0, hash: GENESIS_HASH, recordedAt: '' };
  let afterSeq = 0;
  for (;;) {
    const rows: ConfigurationEventRow[] = await db.query(`SELECT * FROM configuration_events WHERE seq > $1 ORDER BY seq LIMIT ${PAGE}`, [
      afterSeq,
    ]);
    for (const row of rows) {
      checked++;
      if (firstBroken) continue;
      const content = chainedConfigurationOf(row);
      const broken = (reason: string): BrokenLink => ({
        chain: 'configuration',
        eventId: row.id,
        treaty: content.treaty,
        country: content.country,
        seq: row.seq,
        reason,
      });
      if (row.seq !== head.seq + 1) firstBroken = broken(`configuration event ${head.seq + 1} is missing`);
      else if (row.prev_hash !== head.hash) firstBroken = broken('prevHash does not match the previous configuration event');
      else if (configurationHash(row.prev_hash, content) !== row.hash)
        firstBroken = broken('the configuration event was altered: its hash does not match its content');
      else if (content.recordedAt < head.recordedAt)
        firstBroken = broken('recordedAt goes back in time from the previous configuration event');
      else if (!againstCheckpoint(CONFIGURATION_CHAIN, row.seq, row.hash))
        firstBroken = { ...broken('the configuration event differs from the one a signed checkpoint holds'), chain: 'checkpoint' };
      head = { seq: row.seq, hash: row.hash, recordedAt: content.recordedAt };
    }
    if (rows.length < PAGE) break;
    afterSeq = rows[rows.length - 1].seq;
    await yieldToOthers();
  }

  // A checkpointed head that no chain reached: events were removed since.
  if (!firstBroken)
    for (const [key, { seq }] of expected) {
      const [, treaty = null, country = null] = key.split(':');
      firstBroken = {
        chain: 'checkpoint',
        eventId: null,
        treaty,
        country,
        seq,
        reason: `the ${key === CONFIGURATION_CHAIN ? 'configuration chain' : 'chain'} is shorter than a signed checkpoint says`,
      };
      break;
    }
  return { checked, firstBroken };
}
