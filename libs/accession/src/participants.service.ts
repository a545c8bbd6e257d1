import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Actor,
  DomainError,
  EntryIntoForceRule,
  ErrorCode,
  GENESIS_HASH,
  PersonAction,
  SignatureKind,
  canonicalJson,
  invalid,
  notFound,
  todayUtc,
} from '@depositary/domain';
import { actsRecorded } from '@depositary/observability';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AsOfQuery, asksForThePast, dayOf, projectTreaty, projectedChart } from './as-of';
import { appendEvent, chain, transition } from './ledger';
import { assertCountryInScope, countryScope } from './scope';
import {
  EventRow,
  EventView,
  PARTICIPANT_COLUMNS,
  PARTICIPANT_VIEW_COLUMNS,
  ParticipantRow,
  ParticipantViewRow,
  ParticipantView,
  TreatyRow,
  toCsv,
  toEventView,
  toParticipantView,
} from './views';

export interface Invitation {
  countries: string[];
  invitedOn: string;
}

export interface Act {
  action: PersonAction;
  date?: string;
  signature?: SignatureKind;
  effectiveFrom?: string;
  predecessor?: string;
  effectiveOn?: string;
  reference?: string;
  note?: string;
  reason?: string;
}

export interface ActOptions {
  /** The version the client last saw (If-Match); a different current version answers 412. */
  expectedVersion?: number;
  /** With an Idempotency-Key, the same key and request replay the first answer. */
  idempotency?: { key: string; request: unknown };
}

export interface ActResult {
  status: number;
  body: { participant: ParticipantView; event: EventView };
  replayed: boolean;
}

@Injectable()
export class ParticipantsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async invite(actor: Actor, slug: string, invitation: Invitation): Promise<{ invited: ParticipantView[]; alreadyInvited: string[] }> {
    const today = todayUtc();
    if (invitation.invitedOn > today)
      throw new DomainError(ErrorCode.InvalidDate, `invitedOn ${invitation.invitedOn} is in the future (today is ${today})`);
    const codes = [...new Set(invitation.countries)];
    return this.db.transaction(async (tx) => {
      const treaty = await this.treaty(tx, slug);
      const known: { code: string }[] = await tx.query(`SELECT code FROM countries WHERE code = ANY($1)`, [codes]);
      const unknown = codes.filter((code) => !known.some((row) => row.code === code));
      if (unknown.length) throw invalid(`unknown countries: ${unknown.join(', ')}`, { field: 'countries', unknown });
      const invited: ParticipantView[] = [];
      const alreadyInvited: string[] = [];
      for (const code of codes.sort()) {
        const recordedAt = new Date();
        const event = {
          treatySlug: treaty.slug,
          countryCode: code,
          seq: 1,
          prevHash: GENESIS_HASH,
          action: 'invite' as const,
          from: null,
          to: 'invited' as const,
          date: invitation.invitedOn,
          actor,
        };
        const { hash } = chain(event, recordedAt);
        const [participant]: { id: number }[] = await tx.query(
          `INSERT INTO participants (treaty_id, country_code, status, invited_on, last_act_on, event_count, last_hash)
           VALUES ($1, $2, 'invited', $3, $3, 1, $4) ON CONFLICT (treaty_id, country_code) DO NOTHING RETURNING id`,
          [treaty.id, code, invitation.invitedOn, hash],
        );
        if (!participant) {
          alreadyInvited.push(code);
          continue;
        }
        await appendEvent(tx, { ...event, participantId: participant.id, treatyId: treaty.id }, recordedAt, hash);
        invited.push(toParticipantView(await this.participantRow(tx, treaty.id, code)));
      }
      return { invited, alreadyInvited };
    });
  }

  async chart(actor: Actor, slug: string, query?: AsOfQuery): Promise<ParticipantView[]> {
    if (asksForThePast(query)) {
      const treaty = await this.treaty(this.db.manager, slug);
      return projectedChart(await projectTreaty(this.db.manager, treaty.id, treaty.entry_into_force, query), countryScope(actor));
    }
    // One round trip: the treaty is looked up again (for a 404) only when the chart comes back empty.
    const rows: ParticipantViewRow[] = await this.db.query(
      `SELECT ${PARTICIPANT_VIEW_COLUMNS} FROM participants p JOIN treaties t ON t.id = p.treaty_id JOIN countries c ON c.code = p.country_code
       WHERE t.slug = $1 AND ($2::char(3) IS NULL OR p.country_code = $2) ORDER BY c.name`,
      [slug, countryScope(actor)],
    );
    if (rows.length === 0) await this.treaty(this.db.manager, slug);
    return rows.map(toParticipantView);
  }

  async chartCsv(actor: Actor, slug: string, query?: AsOfQuery): Promise<string> {
    const chart = await this.chart(actor, slug, query);
    return toCsv(
      [
        'country',
        'name',
        'status',
        'invitedOn',
        'signedOn',
        'signature',
        'signatureConfirmedOn',
        'instrument',
        'depositedOn',
        'effectiveFrom',
        'predecessor',
        'memberSince',
        'withdrawalNotifiedOn',
        'withdrawalEffectiveOn',
        'withdrawnOn',
        'version',
      ],
      chart.map((p) => [
        p.country.code,
        p.country.name,
        p.status,
        p.invitedOn,
        p.signedOn,
        p.signature?.kind ?? null,
        p.signature?.confirmedOn ?? null,
        p.instrument,
        p.depositedOn,
        p.effectiveFrom,
        p.predecessor,
        p.memberSince,
        p.withdrawal?.notifiedOn ?? null,
        p.withdrawal?.effectiveOn ?? null,
        p.withdrawnOn,
        p.version,
      ]),
    );
  }

  async one(actor: Actor, slug: string, code: string, query?: AsOfQuery): Promise<ParticipantView & { events: EventView[] }> {
    assertCountryInScope(actor, code);
    const treaty = await this.treaty(this.db.manager, slug);
    const row = await this.participantRow(this.db.manager, treaty.id, code);
    const events: EventRow[] = await this.db.query(
      `SELECT * FROM events WHERE participant_id = $1 AND ($2::timestamptz IS NULL OR recorded_at <= $2) ORDER BY seq`,
      [row.id, query?.knownAt ?? null],
    );
    if (!asksForThePast(query)) return { ...toParticipantView(row), events: events.map(toEventView) };
    const [participant] = projectedChart(await projectTreaty(this.db.manager, treaty.id, treaty.entry_into_force, query), code);
    if (!participant) throw notFound(`participant ${code} of this treaty as of ${dayOf(query)}`);
    const day = dayOf(query);
    return { ...participant, events: events.filter((event) => event.effective_date <= day).map(toEventView) };
  }

  /**
   * Records an act in one transaction: claim the idempotency key, lock the participant, check the version,
   * the machine and the dates, write the new record, append the chained event and its outbox row.
   */
  async record(actor: Actor, slug: string, code: string, act: Act, options: ActOptions = {}): Promise<ActResult> {
    const result = await this.db.transaction(async (tx): Promise<ActResult> => {
      const idempotency = options.idempotency && { key: options.idempotency.key, hash: requestHash(options.idempotency.request) };
      if (idempotency) {
        const replay = await this.claimIdempotencyKey(tx, actor, idempotency);
        if (replay) return replay;
      }
      const { treaty, row } = await this.lockParticipant(tx, slug, code);
      if (options.expectedVersion !== undefined && options.expectedVersion !== row.version)
        throw new DomainError(
          ErrorCode.PreconditionFailed,
          `the participant is at version ${row.version}, not ${options.expectedVersion}`,
          {
            currentVersion: row.version,
          },
        );
      const { participant: updated, event: inserted } = await transition(tx, treaty, row, actor, { ...act, date: act.date ?? '' });
      const body = { participant: toParticipantView(updated), event: toEventView(inserted) };
      if (idempotency)
        await tx.query(`UPDATE idempotency_keys SET status_code = 201, response = $3 WHERE user_id = $1 AND key = $2`, [
          actor.id,
          idempotency.key,
          body,
        ]);
      return { status: 201, body, replayed: false };
    });
    if (!result.replayed) actsRecorded().inc({ action: act.action });
    return result;
  }

  private async claimIdempotencyKey(
    tx: EntityManager,
    actor: Actor,
    idempotency: { key: string; hash: string },
  ): Promise<ActResult | null> {
    // A concurrent request with the same key waits here on the unique index until the first one commits or rolls back.
    const claimed: unknown[] = await tx.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
      [actor.id, idempotency.key, idempotency.hash],
    );
    if (claimed.length) return null;
    const [previous]: { request_hash: string; status_code: number; response: ActResult['body'] }[] = await tx.query(
      `SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [actor.id, idempotency.key],
    );
    if (previous.request_hash !== idempotency.hash)
      throw new DomainError(ErrorCode.IdempotencyKeyReused, 'this Idempotency-Key was already used with a different request');
    return { status: previous.status_code, body: previous.response, replayed: true };
  }

  /** The participant row locked for a transition, with its treaty, in one round trip. */
  private async lockParticipant(tx: EntityManager, slug: string, code: string): Promise<{ treaty: TreatyRow; row: ParticipantRow }> {
    const [found]: (ParticipantRow & Omit<TreatyRow, 'id'>)[] = await tx.query(
      `SELECT ${PARTICIPANT_COLUMNS}, t.slug, t.opened_for_signature_on, t.withdrawal FROM participants p
       JOIN treaties t ON t.id = p.treaty_id JOIN countries c ON c.code = p.country_code
       WHERE t.slug = $1 AND p.country_code = $2 FOR UPDATE OF p`,
      [slug, code],
    );
    if (found)
      return {
        treaty: {
          id: found.treaty_id,
          slug: found.slug,
          opened_for_signature_on: found.opened_for_signature_on,
          withdrawal: found.withdrawal,
        },
        row: found,
      };
    await this.treaty(tx, slug); // 404 for an unknown treaty, else:
    throw notFound(`participant ${code} of this treaty`);
  }

  private async treaty(tx: EntityManager, slug: string): Promise<TreatyRow & { entry_into_force: EntryIntoForceRule }> {
    const [treaty]: (TreatyRow & { entry_into_force: EntryIntoForceRule })[] = await tx.query(
      `SELECT id, slug, opened_for_signature_on, withdrawal, entry_into_force FROM treaties WHERE slug = $1`,
      [slug],
    );
    if (!treaty) throw notFound(`treaty "${slug}"`);
    return treaty;
  }

  private async participantRow(tx: EntityManager, treatyId: number, code: string): Promise<ParticipantRow> {
    const [row]: ParticipantRow[] = await tx.query(
      `SELECT ${PARTICIPANT_COLUMNS} FROM participants p JOIN countries c ON c.code = p.country_code
       WHERE p.treaty_id = $1 AND p.country_code = $2`,
      [treatyId, code],
    );
    if (!row) throw notFound(`participant ${code} of this treaty`);
    return row;
  }
}

const requestHash = (request: unknown): string => createHash('sha256').update(canonicalJson(request)).digest('hex');
