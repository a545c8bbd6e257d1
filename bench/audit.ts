import { AuditCheckpoints, AuditService, type Verification } from '@depositary/audit';
import type { AppConfig } from '@depositary/config';
import { RECORD_COLUMN_NAMES, recordColumnValues } from '@depositary/accession';
import { EventAction, GENESIS_HASH, HistoryEvent, ParticipantStatus, chainHash, recordOf, type ChainedEvent } from '@depositary/domain';
import { dataSourceOptions } from '@depositary/persistence';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

const SLUG = 'audit-trail';
const INSERT_BATCH = 5000;
/** As libs/audit/src/audit.service.ts. */
const READ_BATCH = 20_000;
const EFFECTIVE_DATE = '2014-01-01';
/** After the first (invite), each participant's chain cycles through these transitions. */
const CYCLE: { action: string; from: string; to: string; reference: string | null }[] = [
  { action: 'sign', from: 'invited', to: 'signed', reference: null },
  { action: 'ratify', from: 'signed', to: 'ratified', reference: 'C.N.123.2016' },
  { action: 'withdraw', from: 'ratified', to: 'withdrawn', reference: null },
  { action: 'invite', from: 'withdrawn', to: 'invited', reference: null },
];

export interface AuditSeed {
  events: number;
  participants: number;
  totalMs: number;
}

/**
 * Fills a freshly migrated database with one treaty, every country invited to it, and `total` valid events
 * split evenly over the participants: seq 1..n, prev_hash/hash chained as ledger.ts chains them (hashed in JS
 * over the fields chainedContentOf() re-reads, actor "system", recorded_at written from a JS Date in ms), and
 * each participant's event_count and last_hash set to its chain's end. Rows go in as INSERT ... SELECT FROM
 * unnest() batches of 5,000, the next batch hashed while the previous one is written.
 */
export async function seedAuditTrail(url: string, total: number): Promise<AuditSeed> {
  const started = performance.now();
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET synchronous_commit = off');
    const {
      rows: [treaty],
    } = await client.query<{ id: number }>(
      `INSERT INTO treaties (slug, title, opened_for_signature_on, entry_into_force) VALUES ($1, 'Audit trail bench', $2, '{"minimumParties": 1000}') RETURNING id`,
      [SLUG, EFFECTIVE_DATE],
    );
    const { rows: participants } = await client.query<{ id: number; country_code: string }>(
      `INSERT INTO participants (treaty_id, country_code, status, invited_on, last_act_on, last_hash)
       SELECT $1, code, 'invited', $2, $2, $3 FROM countries ORDER BY code RETURNING id, country_code`,
      [treaty.id, EFFECTIVE_DATE, GENESIS_HASH],
    );
    participants.sort((a, b) => a.id - b.id);
    const perParticipant = Math.floor(total / participants.length);
    const extra = total % participants.length;
    const heads: { id: number; count: number; hash: string }[] = [];
    const baseMs = Date.UTC(2020, 0, 1);
    let recorded = 0;

    type Batch = {
      pid: number[];
      code: string[];
      seq: number[];
      action: string[];
      from: (string | null)[];
      to: string[];
      at: string[];
      ref: (string | null)[];
      prev: string[];
      hash: string[];
    };
    const empty = (): Batch => ({ pid: [], code: [], seq: [], action: [], from: [], to: [], at: [], ref: [], prev: [], hash: [] });
    const insert = (batch: Batch): Promise<unknown> =>
      client.query(
        `INSERT INTO events (participant_id, treaty_slug, country_code, seq, action, from_status, to_status, effective_date,
                             recorded_at, reference, prev_hash, hash)
         SELECT pid, $1, code, seq, action, from_status, to_status, $2::date, at, ref, prev, hash
         FROM unnest($3::int[], $4::char(3)[], $5::int[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::text[], $11::char(64)[], $12::char(64)[])
           AS u (pid, code, seq, action, from_status, to_status, at, ref, prev, hash)`,
        [
          SLUG,
          EFFECTIVE_DATE,
          batch.pid,
          batch.code,
          batch.seq,
          batch.action,
          batch.from,
          batch.to,
          batch.at,
          batch.ref,
          batch.prev,
          batch.hash,
        ],
      );

    let batch = empty();
    let writing: Promise<unknown> = Promise.resolve();
    const flush = async (): Promise<void> => {
      await writing;
      const full = batch;
      batch = empty();
      writing = insert(full);
    };
    for (const [index, participant] of participants.entries()) {
      const count = perParticipant + (index < extra ? 1 : 0);
      let prev = GENESIS_HASH;
      for (let seq = 1; seq <= count; seq++) {
        const step = seq === 1 ? { action: 'invite', from: null, to: 'invited', reference: null } : CYCLE[(seq - 2) % CYCLE.length];
        const recordedAt = new Date(baseMs + recorded++).toISOString();
        const content: ChainedEvent = {
          treaty: SLUG,
          country: participant.country_code,
          seq,
          action: step.action,
          from: step.from,
          to: step.to,
          date: EFFECTIVE_DATE,
          recordedAt,
          actor: 'system',
          reference: step.reference,
          note: null,
          reason: null,
        };
        const hash = chainHash(prev, content);
        batch.pid.push(participant.id);
        batch.code.push(participant.country_code);
        batch.seq.push(seq);
        batch.action.push(step.action);
        batch.from.push(step.from);
        batch.to.push(step.to);
        batch.at.push(recordedAt);
        batch.ref.push(step.reference);
        batch.prev.push(prev);
        batch.hash.push(hash);
        prev = hash;
        if (batch.pid.length === INSERT_BATCH) await flush();
      }
      heads.push({ id: participant.id, count, hash: prev });
    }
    if (batch.pid.length) await flush();
    await writing;
    await client.query(
      `UPDATE participants p SET event_count = u.count, last_hash = u.hash
       FROM unnest($1::int[], $2::int[], $3::char(64)[]) AS u (id, count, hash) WHERE p.id = u.id`,
      [heads.map((h) => h.id), heads.map((h) => h.count), heads.map((h) => h.hash)],
    );
    // Each row as its events replay (the verification compares them): one record per length of history.
    for (const count of new Set(heads.map((head) => head.count))) {
      const history: HistoryEvent[] = Array.from({ length: count }, (_, index) => {
        const step = index === 0 ? { action: 'invite', to: 'invited' } : CYCLE[(index - 1) % CYCLE.length];
        return { action: step.action as EventAction, date: EFFECTIVE_DATE, to: step.to as ParticipantStatus };
      });
      const values = recordColumnValues(recordOf(history)!);
      const version = 1 + history.filter((event) => event.action !== 'invite').length;
      await client.query(
        `UPDATE participants SET ${RECORD_COLUMN_NAMES.map((column, index) => `${column} = $${index + 3}`).join(', ')}, version = $2
         WHERE id = ANY($1)`,
        [heads.filter((head) => head.count === count).map((head) => head.id), version, ...values],
      );
    }
    await client.query('VACUUM ANALYZE events');
    await client.query('VACUUM ANALYZE participants');
    return { events: recorded, participants: participants.length, totalMs: performance.now() - started };
  } finally {
    await client.end();
  }
}

/** The AuditService of the API, on its own TypeORM data source for the audit database. */
export class AuditBench {
  private constructor(
    private readonly db: DataSource,
    private readonly service: AuditService,
  ) {}

  static async open(url: string): Promise<AuditBench> {
    const db = new DataSource(dataSourceOptions(url, 2));
    await db.initialize();
    // No signing key: the bench times the chains, not a checkpoint.
    return new AuditBench(db, new AuditService(db, new AuditCheckpoints(db, { auditSigningKey: undefined } as AppConfig)));
  }

  /** One AuditService.verify(), timed. */
  async verify(): Promise<{ ms: number; result: Verification }> {
    const started = performance.now();
    const result = await this.service.verify();
    return { ms: performance.now() - started, result };
  }

  /** The ceiling: the same keyset pages of the events, read through the same data source, not hashed. */
  async read(): Promise<{ ms: number; rows: number }> {
    const started = performance.now();
    let rows = 0;
    let after: [number, number] = [0, 0];
    for (;;) {
      const page: { participant_id: number; seq: number }[] = await this.db.query(
        `SELECT * FROM events WHERE (participant_id, seq) > ($1, $2) ORDER BY participant_id, seq LIMIT ${READ_BATCH}`,
        after,
      );
      rows += page.length;
      if (page.length < READ_BATCH) break;
      const last = page[page.length - 1];
      after = [last.participant_id, last.seq];
    }
    return { ms: performance.now() - started, rows };
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}
