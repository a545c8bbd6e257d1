import { NewEvent, ParticipantRow, appendEventStatement, chain, lockStatement, recordChange } from '@depositary/accession';
import { Actor, DEFAULT_WITHDRAWAL_DELAY, HistoryEvent, PersonAction, decide, todayUtc } from '@depositary/domain';
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

type LockedRow = ParticipantRow & { slug: string; opened_for_signature_on: string; history: HistoryEvent[] };

/**
 * The ceiling: the transaction of ParticipantsService.record() (libs/accession/src/participants.service.ts)
 * sent straight through `pg`, with the same domain decision, the same hashing in JS and the same two statements
 * of libs/accession/src/ledger.ts, prepared once per connection, and nothing else: BEGIN; lock the participant with
 * its treaty, country and history; decide; update the participant, insert the event and its outbox rows in one
 * statement; COMMIT.
 */
export class RawRecorder {
  private readonly pool: Pool;
  private readonly lock = { name: 'raw_lock', text: lockStatement(true) };

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
      } = await client.query<LockedRow>({ ...this.lock, values: [act.slug, act.code] });
      if (!row) throw new Error(`no participant ${act.code} in ${act.slug}`);
      const decision = decide(
        row.history,
        { action: act.action, date: act.date },
        { today: todayUtc(), openedForSignatureOn: row.opened_for_signature_on, withdrawal: DEFAULT_WITHDRAWAL_DELAY },
      );
      const recordedAt = new Date();
      const event: NewEvent = {
        participantId: row.id,
        treatyId: row.treaty_id,
        treatySlug: row.slug,
        countryCode: act.code,
        seq: row.event_count + 1,
        prevHash: row.last_hash,
        action: act.action,
        from: decision.from,
        to: decision.to,
        date: decision.date,
        actor: this.actor,
        details: decision.details,
      };
      const { hash } = chain(event, recordedAt);
      const { text, values } = appendEventStatement(event, recordedAt, hash, recordChange(decision));
      await client.query({ name: 'raw_append', text, values });
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
