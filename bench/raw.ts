import { PARTICIPANT_COLUMNS, ParticipantRow, RECORD_COLUMN_NAMES, recordColumnValues } from '@depositary/accession';
import {
  Actor,
  DEFAULT_WITHDRAWAL_DELAY,
  HistoryEvent,
  PersonAction,
  chainHash,
  decide,
  todayUtc,
  type ChainedEvent,
} from '@depositary/domain';
import { Pool, types } from 'pg';

// As the service reads them (libs/persistence/src/data-source.ts): calendar days stay strings, bigints are numbers.
types.setTypeParser(types.builtins.DATE, (value) => value);
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

export interface RawAct {
  slug: string;
  code: string;
  action: PersonAction;
  date: string;
}

type LockedRow = ParticipantRow & { treaty_slug: string; opened_for_signature_on: string };

/**
 * The ceiling: the transaction of ParticipantsService.record() (libs/accession/src/participants.service.ts)
 * sent straight through `pg`, with the same domain decision and the same hashing in JS, and nothing else:
 * BEGIN; lock the participant (joined with its treaty and country); read its events; decide; UPDATE the
 * participant; INSERT the event and its outbox row in one CTE (as libs/accession/src/ledger.ts); COMMIT.
 */
export class RawRecorder {
  private readonly pool: Pool;

  constructor(
    url: string,
    size: number,
    private readonly actor: Actor,
  ) {
    this.pool = new Pool({ connectionString: url, max: size });
  }

  async record(act: RawAct): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const {
        rows: [row],
      } = await client.query<LockedRow>(
        `SELECT ${PARTICIPANT_COLUMNS}, t.slug AS treaty_slug, t.opened_for_signature_on
         FROM participants p JOIN treaties t ON t.id = p.treaty_id JOIN countries c ON c.code = p.country_code
         WHERE t.slug = $1 AND p.country_code = $2 FOR UPDATE OF p`,
        [act.slug, act.code],
      );
      if (!row) throw new Error(`no participant ${act.code} in ${act.slug}`);
      const { rows: history } = await client.query<HistoryEvent>(
        `SELECT action, effective_date AS date, to_status AS to, details FROM events WHERE participant_id = $1 ORDER BY seq`,
        [row.id],
      );
      const decision = decide(
        history,
        { action: act.action, date: act.date },
        { today: todayUtc(), openedForSignatureOn: row.opened_for_signature_on, withdrawal: DEFAULT_WITHDRAWAL_DELAY },
      );
      const recordedAt = new Date();
      const seq = row.event_count + 1;
      const content: ChainedEvent = {
        treaty: row.treaty_slug,
        country: act.code,
        seq,
        action: act.action,
        from: decision.from,
        to: decision.to,
        date: decision.date,
        recordedAt: recordedAt.toISOString(),
        actor: { id: this.actor.id, email: this.actor.email, role: this.actor.role },
        reference: null,
        note: null,
        reason: null,
        ...(decision.details ? { details: { ...decision.details } } : {}),
      };
      const hash = chainHash(row.last_hash, content);
      const values = recordColumnValues(decision.record);
      const next = values.length + 2;
      await client.query(
        `UPDATE participants p SET ${RECORD_COLUMN_NAMES.map((column, index) => `${column} = $${index + 2}`).join(', ')},
           correctable = $${next}, last_hash = $${next + 1}, version = version + 1, event_count = event_count + 1, updated_at = now()
         FROM countries c WHERE p.id = $1 AND c.code = p.country_code RETURNING ${PARTICIPANT_COLUMNS}`,
        [row.id, ...values, decision.correctable, hash],
      );
      await client.query(
        `WITH inserted AS (
           INSERT INTO events (participant_id, treaty_slug, country_code, seq, action, from_status, to_status, effective_date,
                               recorded_at, actor_id, actor_email, actor_role, reference, note, reason, prev_hash, hash, details)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $19)
           RETURNING *
         ), queued AS (
           INSERT INTO outbox (topic, payload)
           SELECT 'participant.changed', jsonb_build_object('treatyId', $18::int, 'participantId', participant_id, 'eventId', id) FROM inserted
         )
         SELECT * FROM inserted`,
        [
          row.id,
          row.treaty_slug,
          act.code,
          seq,
          act.action,
          decision.from,
          decision.to,
          decision.date,
          recordedAt,
          this.actor.id,
          this.actor.email,
          this.actor.role,
          null,
          null,
          null,
          row.last_hash,
          hash,
          row.treaty_id,
          decision.details ? JSON.stringify(decision.details) : null,
        ],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
