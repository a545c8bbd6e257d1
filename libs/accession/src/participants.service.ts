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
  inEffectOn,
  invalid,
  notFound,
  todayUtc,
} from '@depositary/domain';
import { actsRecorded } from '@depositary/observability';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AsOfQuery, asksForThePast, dayOf, projectTreaty, projectedChart } from './as-of';
import { KEEP_ROW, appendEvent, chain, lockParticipant, transition } from './ledger';
import { StatementView, StatementsService, statementKindsOf } from './statements.service';
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
  toChartCsv,
  toEventView,
  toParticipantView,
} from './views';

export interface Invitation {
  countries: string[];
  invitedOn: string;
  note?: string;
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

/** An answer that an Idempotency-Key replays: its status and body. */
export interface KeyedResult<Body> {
  status: number;
  body: Body;
  replayed: boolean;
}

export type ActResult = KeyedResult<{ participant: ParticipantView; event: EventView }>;

/** The same act for many countries at once (a signing ceremony). */
export interface BulkAct {
  action: Exclude<PersonAction, 'correct'>;
  date: string;
  countries: string[];
  signature?: SignatureKind;
  reference?: string;
  note?: string;
}

export type BulkResult = KeyedResult<{ items: { participant: ParticipantView; event: EventView }[] }>;

@Injectable()
export class ParticipantsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly statements: StatementsService,
  ) {}

  /** Invites countries (idempotent per country), in its own transaction or in the caller's `within`. */
  async invite(
    actor: Actor,
    slug: string,
    invitation: Invitation,
    within?: EntityManager,
  ): Promise<{ invited: ParticipantView[]; alreadyInvited: string[] }> {
    const today = todayUtc();
    if (invitation.invitedOn > today)
      throw new DomainError(ErrorCode.InvalidDate, `invitedOn ${invitation.invitedOn} is in the future (today is ${today})`);
    const codes = [...new Set(invitation.countries)];
    const run = async (tx: EntityManager): Promise<{ invited: ParticipantView[]; alreadyInvited: string[] }> => {
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
          note: invitation.note ?? null,
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
        await appendEvent(tx, { ...event, participantId: participant.id, treatyId: treaty.id }, recordedAt, hash, KEEP_ROW);
        invited.push(toParticipantView(await this.participantRow(tx, treaty.id, code)));
      }
      return { invited, alreadyInvited };
    };
    return within ? run(within) : this.db.transaction(run);
  }

  async chart(actor: Actor, slug: string, query?: AsOfQuery): Promise<ParticipantView[]> {
    return this.chartOf(slug, countryScope(actor), query);
  }

  /** The chart of a treaty, of one country or all (`country` null), as it stands or as of a day. */
  async chartOf(slug: string, country: string | null, query?: AsOfQuery): Promise<ParticipantView[]> {
    const chart = await this.chartRecords(slug, country, query);
    const kinds = await statementKindsOf(this.db.manager, slug, query ? dayOf(query) : todayUtc(), query?.knownAt ?? null);
    return chart.map((participant) => ({ ...participant, statementKinds: kinds.get(participant.country.code) ?? [] }));
  }

  private async chartRecords(slug: string, country: string | null, query?: AsOfQuery): Promise<ParticipantView[]> {
    if (asksForThePast(query)) {
      const treaty = await this.treaty(this.db.manager, slug);
      return projectedChart(await projectTreaty(this.db.manager, treaty.id, treaty.entry_into_force, query), country);
    }
    // One round trip: the treaty is looked up again (for a 404) only when the chart comes back empty.
    const rows: ParticipantViewRow[] = await this.db.query(
      `SELECT ${PARTICIPANT_VIEW_COLUMNS} FROM participants p JOIN treaties t ON t.id = p.treaty_id JOIN countries c ON c.code = p.country_code
       WHERE t.slug = $1 AND ($2::char(3) IS NULL OR p.country_code = $2) ORDER BY c.name`,
      [slug, country],
    );
    if (rows.length === 0) await this.treaty(this.db.manager, slug);
    return rows.map(toParticipantView);
  }

  async chartCsv(actor: Actor, slug: string, query?: AsOfQuery): Promise<string> {
    return toChartCsv(await this.chart(actor, slug, query));
  }

  /** One participant with its events and its statements, as it stands or as of a day. */
  async one(
    actor: Actor,
    slug: string,
    code: string,
    query?: AsOfQuery,
  ): Promise<ParticipantView & { events: EventView[]; statements: StatementView[] }> {
    assertCountryInScope(actor, code);
    const treaty = await this.treaty(this.db.manager, slug);
    const row = await this.participantRow(this.db.manager, treaty.id, code);
    const events: EventRow[] = await this.db.query(
      `SELECT * FROM events WHERE participant_id = $1 AND ($2::timestamptz IS NULL OR recorded_at <= $2) ORDER BY seq`,
      [row.id, query?.knownAt ?? null],
    );
    const past = asksForThePast(query);
    const day = past ? dayOf(query) : todayUtc();
    const statements = await this.statements.ofParticipant(this.db.manager, slug, code, past ? day : null, query?.knownAt ?? null);
    const statementKinds = [...new Set(statements.filter((statement) => inEffectOn(statement, day)).map((statement) => statement.kind))];
    if (!past) return { ...toParticipantView(row), statementKinds, events: events.map(toEventView), statements };
    const [participant] = projectedChart(await projectTreaty(this.db.manager, treaty.id, treaty.entry_into_force, query), code);
    if (!participant) throw notFound(`participant ${code} of this treaty as of ${day}`);
    return { ...participant, statementKinds, events: events.filter((event) => event.effective_date <= day).map(toEventView), statements };
  }

  /**
   * Records an act in one transaction: claim the idempotency key, lock the participant, check the version,
   * the machine and the dates, write the new record, append the chained event and its outbox row.
   */
  async record(actor: Actor, slug: string, code: string, act: Act, options: ActOptions = {}): Promise<ActResult> {
    const result = await this.keyed(actor, options.idempotency, (tx) =>
      this.recordWithin(tx, actor, slug, code, act, options.expectedVersion),
    );
    if (!result.replayed) actsRecorded().inc({ action: act.action });
    return result;
  }

  /** One act in the caller's transaction: lock the participant, check the version, transition. */
  async recordWithin(
    tx: EntityManager,
    actor: Actor,
    slug: string,
    code: string,
    act: Act,
    expectedVersion?: number,
  ): Promise<{ participant: ParticipantView; event: EventView }> {
    const { treaty, row, history } = await lockParticipant(tx, slug, code, { withHistory: true });
    if (expectedVersion !== undefined && expectedVersion !== row.version)
      throw new DomainError(ErrorCode.PreconditionFailed, `the participant is at version ${row.version}, not ${expectedVersion}`, {
        currentVersion: row.version,
      });
    const { participant, event } = await transition(tx, treaty, row, actor, { ...act, date: act.date ?? '' }, history);
    return { participant: toParticipantView(participant), event: toEventView(event) };
  }

  /**
   * The same act for many countries in one transaction, all or nothing: every participant is locked (in
   * country order, so that two ceremonies cannot deadlock), and if the machine refuses any of them nothing is
   * written and the answer names each refusal. Another error (a date, an unknown participant) is the first one's.
   */
  async recordMany(actor: Actor, slug: string, bulk: BulkAct, options: Pick<ActOptions, 'idempotency'> = {}): Promise<BulkResult> {
    const result = await this.keyed(actor, options.idempotency, async (tx) => {
      const treaty = await this.treaty(tx, slug);
      const rows: ParticipantRow[] = await tx.query(
        `SELECT ${PARTICIPANT_COLUMNS} FROM participants p JOIN countries c ON c.code = p.country_code
         WHERE p.treaty_id = $1 AND p.country_code = ANY($2) ORDER BY p.country_code FOR UPDATE OF p`,
        [treaty.id, bulk.countries],
      );
      const rowOf = new Map(rows.map((row) => [row.country_code, row]));
      const missing = bulk.countries.find((code) => !rowOf.has(code));
      if (missing) throw new DomainError(ErrorCode.NotFound, `participant ${missing} of this treaty not found`, { country: missing });
      const { countries, ...act } = bulk;
      const items: { participant: ParticipantView; event: EventView }[] = [];
      const failures: { country: string; status: string; allowed: unknown }[] = [];
      for (const code of countries) {
        try {
          const { participant, event } = await transition(tx, treaty, rowOf.get(code)!, actor, act);
          items.push({ participant: toParticipantView(participant), event: toEventView(event) });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          if (error.code !== ErrorCode.InvalidTransition)
            throw new DomainError(error.code, `${code}: ${error.message}`, { country: code, ...error.details });
          failures.push({ country: code, status: String(error.details.status), allowed: error.details.allowed });
        }
      }
      if (failures.length)
        throw new DomainError(
          ErrorCode.InvalidTransition,
          `${failures.length} of ${countries.length} countries cannot ${bulk.action}: ${failures.map((f) => `${f.country} is ${f.status}`).join(', ')}; nothing was recorded`,
          { action: bulk.action, failures },
        );
      return { items };
    });
    if (!result.replayed) actsRecorded().inc({ action: bulk.action }, result.body.items.length);
    return result;
  }

  /**
   * Runs `work` in one transaction answering 201; with an Idempotency-Key, the same key and request replay the
   * first answer, and the same key with another request is refused.
   */
  private keyed<Body>(
    actor: Actor,
    idempotency: ActOptions['idempotency'],
    work: (tx: EntityManager) => Promise<Body>,
  ): Promise<KeyedResult<Body>> {
    return this.db.transaction(async (tx) => {
      const key = idempotency && { key: idempotency.key, hash: requestHash(idempotency.request) };
      if (key) {
        const replay = await this.claimIdempotencyKey<Body>(tx, actor, key);
        if (replay) return replay;
      }
      const body = await work(tx);
      if (key)
        await tx.query(`UPDATE idempotency_keys SET status_code = 201, response = $3 WHERE user_id = $1 AND key = $2`, [
          actor.id,
          key.key,
          body,
        ]);
      return { status: 201, body, replayed: false };
    });
  }

  private async claimIdempotencyKey<Body>(
    tx: EntityManager,
    actor: Actor,
    idempotency: { key: string; hash: string },
  ): Promise<KeyedResult<Body> | null> {
    // A concurrent request with the same key waits here on the unique index until the first one commits or rolls back.
    const claimed: unknown[] = await tx.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
      [actor.id, idempotency.key, idempotency.hash],
    );
    if (claimed.length) return null;
    const [previous]: { request_hash: string; status_code: number; response: Body }[] = await tx.query(
      `SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [actor.id, idempotency.key],
    );
    if (previous.request_hash !== idempotency.hash)
      throw new DomainError(ErrorCode.IdempotencyKeyReused, 'this Idempotency-Key was already used with a different request');
    return { status: previous.status_code, body: previous.response, replayed: true };
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
