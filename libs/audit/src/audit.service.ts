import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventRow, EventView, chainedContentOf, eventActor, toCsv, toEventView } from '@depositary/accession';
import { GENESIS_HASH, chainHash, decodeCursor, encodeCursor } from '@depositary/domain';
import { DataSource } from 'typeorm';

export interface AuditFilter {
  treaty?: string;
  country?: string;
  /** A user's e-mail or id, or "system". */
  actor?: string;
  /** Recorded at or after (ISO date or date-time). */
  from?: string;
  /** Recorded before the end of this day, or before this instant. */
  to?: string;
  cursor?: string;
  limit?: number;
}

export interface BrokenLink {
  eventId: number | null;
  treaty: string;
  country: string;
  seq: number;
  reason: string;
}

export interface Verification {
  ok: boolean;
  checked: number;
  firstBroken: BrokenLink | null;
}

const VERIFY_BATCH = 20_000;

type VerifyRow = Omit<EventRow, 'recorded_at'> & { recorded_at: string };

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(filter: AuditFilter): Promise<{ items: EventView[]; nextCursor: string | null }> {
    const limit = filter.limit ?? 100;
    const { where, params } = this.where(filter);
    const rows: EventRow[] = await this.db.query(`SELECT * FROM events ${where} ORDER BY id LIMIT ${limit + 1}`, params);
    const items = rows.slice(0, limit).map(toEventView);
    return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
  }

  async csv(filter: AuditFilter): Promise<string> {
    const { where, params } = this.where({ ...filter, cursor: undefined });
    const rows: EventRow[] = await this.db.query(`SELECT * FROM events ${where} ORDER BY id`, params);
    return toCsv(
      [
        'id',
        'treaty',
        'country',
        'seq',
        'action',
        'from',
        'to',
        'date',
        'recordedAt',
        'actor',
        'actorRole',
        'reference',
        'note',
        'reason',
        'prevHash',
        'hash',
      ],
      rows.map((row) => {
        const actor = eventActor(row);
        return [
          row.id,
          row.treaty_slug,
          row.country_code,
          row.seq,
          row.action,
          row.from_status,
          row.to_status,
          row.effective_date,
          row.recorded_at.toISOString(),
          actor === 'system' ? 'system' : actor.email,
          actor === 'system' ? null : actor.role,
          row.reference,
          row.note,
          row.reason,
          row.prev_hash,
          row.hash,
        ];
      }),
    );
  }

  /** Re-hashes every participant's chain and compares its head with the participant's record. */
  async verify(): Promise<Verification> {
    const heads = new Map<number, { count: number; hash: string; treaty: string; country: string }>();
    const participants: { id: number; event_count: number; last_hash: string; slug: string; country_code: string }[] = await this.db.query(
      `SELECT p.id, p.event_count, p.last_hash, t.slug, p.country_code FROM participants p JOIN treaties t ON t.id = p.treaty_id`,
    );
    for (const p of participants) heads.set(p.id, { count: p.event_count, hash: p.last_hash, treaty: p.slug, country: p.country_code });

    let checked = 0;
    let firstBroken: BrokenLink | null = null;
    const seen = new Map<number, { seq: number; hash: string }>();
    // Pages are read ahead: the next page is on its way from PostgreSQL while this one is re-hashed.
    let page = this.verifyPage([0, 0]);
    for (;;) {
      const rows = await page;
      const last = rows[rows.length - 1];
      if (rows.length === VERIFY_BATCH) page = this.verifyPage([last.participant_id, last.seq]);
      for (const row of rows) {
        checked++;
        if (firstBroken) continue;
        const previous = seen.get(row.participant_id) ?? { seq: 0, hash: GENESIS_HASH };
        const broken = (reason: string): BrokenLink => ({
          eventId: row.id,
          treaty: row.treaty_slug,
          country: row.country_code,
          seq: row.seq,
          reason,
        });
        if (row.seq !== previous.seq + 1) firstBroken = broken(`event ${previous.seq + 1} of this participant is missing`);
        else if (row.prev_hash !== previous.hash) firstBroken = broken('prevHash does not match the previous event');
        else if (chainHash(row.prev_hash, chainedContentOf(row)) !== row.hash)
          firstBroken = broken('the event was altered: its hash does not match its content');
        seen.set(row.participant_id, { seq: row.seq, hash: row.hash });
      }
      if (rows.length < VERIFY_BATCH) break;
    }
    if (!firstBroken) {
      for (const [id, head] of heads) {
        const tail = seen.get(id) ?? { seq: 0, hash: GENESIS_HASH };
        if (tail.seq !== head.count || tail.hash !== head.hash) {
          firstBroken = {
            eventId: null,
            treaty: head.treaty,
            country: head.country,
            seq: tail.seq + 1,
            reason: 'the latest events of this participant are missing',
          };
          break;
        }
      }
    }
    return { ok: firstBroken === null, checked, firstBroken };
  }

  /** One page of events in chain order, with the time recorded as the ISO text the hash covers. */
  private verifyPage(after: [number, number]): Promise<VerifyRow[]> {
    return this.db.query(
      `SELECT id, participant_id, treaty_slug, country_code, seq, action, from_status, to_status, effective_date,
              to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at,
              actor_id, actor_email, actor_role, reference, note, reason, details, prev_hash, hash
       FROM events WHERE (participant_id, seq) > ($1, $2) ORDER BY participant_id, seq LIMIT ${VERIFY_BATCH}`,
      after,
    );
  }

  private where(filter: AuditFilter): { where: string; params: unknown[] } {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (placeholder: string) => string, value: unknown): void => {
      params.push(value);
      conditions.push(sql(`$${params.length}`));
    };
    if (filter.treaty) add((p) => `treaty_slug = ${p}`, filter.treaty);
    if (filter.country) add((p) => `country_code = ${p}`, filter.country);
    if (filter.actor === 'system') conditions.push('actor_id IS NULL');
    else if (filter.actor && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(filter.actor))
      add((p) => `actor_id = ${p}::uuid`, filter.actor);
    else if (filter.actor) add((p) => `actor_email = ${p}`, filter.actor.toLowerCase());
    if (filter.from) add((p) => `recorded_at >= ${p}::timestamptz`, filter.from);
    if (filter.to) add((p) => (filter.to?.length === 10 ? `recorded_at < ${p}::date + 1` : `recorded_at <= ${p}::timestamptz`), filter.to);
    if (filter.cursor) add((p) => `id > ${p}`, decodeCursor(filter.cursor));
    return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
  }
}
