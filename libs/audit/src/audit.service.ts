import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ConfigurationEventView, Verification } from '@depositary/contracts';
import { EventRow, EventView, eventActor, toCsv, toEventView } from '@depositary/accession';
import { decodeCursor, encodeCursor } from '@depositary/domain';
import { ConfigurationEventRow, chainedConfigurationOf } from '@depositary/persistence';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditCheckpoints } from './checkpoints';
import { BrokenLink, verifyTrail } from './verification';

export type { ConfigurationEventView, Verification } from '@depositary/contracts';

export type AuditKind = 'participant' | 'configuration';

export interface AuditFilter {
  /** Which trail: the participants' acts (default) or the changes of configuration. */
  kind?: AuditKind;
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

export const toConfigurationEventView = (row: ConfigurationEventRow): ConfigurationEventView => {
  const chained = chainedConfigurationOf(row);
  return {
    id: row.id,
    seq: row.seq,
    action: row.action,
    treaty: chained.treaty,
    country: chained.country,
    subject: row.subject,
    actor: chained.actor,
    recordedAt: chained.recordedAt,
    before: row.before,
    after: row.after,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
};

const TABLE: Record<AuditKind, string> = { participant: 'events', configuration: 'configuration_events' };

/** Rows a page of the CSV export reads: memory stays flat however long the trail. */
const CSV_PAGE = 500;

const PARTICIPANT_CSV = [
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
];
const CONFIGURATION_CSV = [
  'id',
  'seq',
  'action',
  'treaty',
  'country',
  'subject',
  'recordedAt',
  'actor',
  'actorRole',
  'before',
  'after',
  'prevHash',
  'hash',
];

type CsvRow = (string | number | null)[];

const participantCsvRow = (row: EventRow): CsvRow => {
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
};

const configurationCsvRow = (row: ConfigurationEventRow): CsvRow => {
  const view = toConfigurationEventView(row);
  return [
    view.id,
    view.seq,
    view.action,
    view.treaty,
    view.country,
    view.subject,
    view.recordedAt,
    view.actor === 'system' ? 'system' : view.actor.email,
    view.actor === 'system' ? null : view.actor.role,
    view.before === null ? null : JSON.stringify(view.before),
    JSON.stringify(view.after),
    view.prevHash,
    view.hash,
  ];
};

/** CSV lines of these rows (toCsv writes its first argument as the first line). */
const csvLines = (rows: CsvRow[]): string =>
  rows.length === 0
    ? ''
    : toCsv(
        rows[0].map((value) => (value === null ? '' : String(value))),
        rows.slice(1),
      );

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly checkpoints: AuditCheckpoints,
  ) {}

  /** Checks every chain (see verifyTrail), against the latest signed checkpoint when there is one. */
  async verify(): Promise<Verification> {
    const latest = await this.checkpoints.latest();
    const checkpoint = latest && { id: latest.id, takenAt: latest.takenAt };
    if (latest && 'invalid' in latest) {
      const { checked } = await verifyTrail(this.db, null);
      const firstBroken: BrokenLink = {
        chain: 'checkpoint',
        eventId: null,
        treaty: null,
        country: null,
        seq: null,
        reason: latest.invalid,
      };
      return { ok: false, checked, firstBroken, checkpoint };
    }
    const { checked, firstBroken } = await verifyTrail(this.db, latest?.heads ?? null);
    return { ok: firstBroken === null, checked, firstBroken, checkpoint };
  }

  async list(filter: AuditFilter): Promise<{ items: (EventView | ConfigurationEventView)[]; nextCursor: string | null }> {
    const limit = filter.limit ?? 100;
    const kind = filter.kind ?? 'participant';
    const { where, params } = this.where(filter);
    const rows: (EventRow & ConfigurationEventRow)[] = await this.db.query(
      `SELECT * FROM ${TABLE[kind]} ${where} ORDER BY id LIMIT ${limit + 1}`,
      params,
    );
    const items = rows.slice(0, limit).map((row) => (kind === 'configuration' ? toConfigurationEventView(row) : toEventView(row)));
    return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
  }

  /** The trail as CSV, streamed page by page (keyset on id), so that a million events never sit in memory at once. */
  csv(filter: AuditFilter): Readable {
    const kind = filter.kind ?? 'participant';
    const toRow = (row: EventRow & ConfigurationEventRow): CsvRow =>
      kind === 'configuration' ? configurationCsvRow(row) : participantCsvRow(row);
    const query = (after: number): Promise<(EventRow & ConfigurationEventRow)[]> => {
      const { where, params } = this.where({ ...filter, cursor: undefined }, after);
      return this.db.query(`SELECT * FROM ${TABLE[kind]} ${where} ORDER BY id LIMIT ${CSV_PAGE}`, params);
    };
    async function* lines(): AsyncGenerator<string> {
      yield csvLines([kind === 'configuration' ? CONFIGURATION_CSV : PARTICIPANT_CSV]);
      let after = 0;
      for (;;) {
        const rows = await query(after);
        if (rows.length > 0) yield csvLines(rows.map(toRow));
        if (rows.length < CSV_PAGE) return;
        after = rows[rows.length - 1].id;
      }
    }
    return Readable.from(lines(), { objectMode: false });
  }

  private where(filter: AuditFilter, afterId?: number): { where: string; params: unknown[] } {
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
    if (afterId !== undefined) add((p) => `id > ${p}`, afterId);
    return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
  }
}
