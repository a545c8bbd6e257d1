import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Actor,
  DomainError,
  ErrorCode,
  StatementKind,
  StatementStage,
  TerritorialScope,
  canonicalJson,
  checkActDate,
  defaultStage,
  inEffectOn,
  invalid,
  notFound,
  objectionDeadline,
  objectionLate,
  reservationConfirmed,
  todayUtc,
  StatementText,
} from '@depositary/domain';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { appendRecordNeutralEvent, lockParticipant } from './ledger';
import { assertCountryInScope, countryScope } from './scope';
import { EventView, toEventView } from './views';
import type { StatementView } from '@depositary/contracts';
import { selectList } from '@depositary/persistence';
import type { StatementsRow } from '@depositary/persistence';

export type { StatementView } from '@depositary/contracts';

/** A statement's text: one string, or the same text in several languages. */

export interface NewStatement {
  kind: StatementKind;
  date: string;
  text: StatementText;
  at?: StatementStage;
  objectsTo?: number;
  territories?: string[];
  scope?: TerritorialScope;
  reference?: string;
}

type StatementRow = Pick<
  StatementsRow,
  | 'id'
  | 'country_code'
  | 'kind'
  | 'made_on'
  | 'at'
  | 'text'
  | 'objects_to'
  | 'territories'
  | 'scope'
  | 'reference'
  | 'confirmed_on'
  | 'withdrawn_on'
  | 'event_id'
> & {
  slug: string;
  /** The objecting state's consent to be bound (its current deposit), for an objection's deadline. */
  consent_on: string | null;
  /** For an objection: the day the depositary notification of the statement it objects to was issued. */
  objected_notified_on: string | null;
};

const STATEMENT_COLUMNS = selectList<StatementRow>()({
  id: 's.id',
  slug: 't.slug',
  country_code: 's.country_code',
  kind: 's.kind',
  made_on: 's.made_on',
  at: 's.at',
  text: 's.text',
  objects_to: 's.objects_to',
  territories: 's.territories',
  scope: 's.scope',
  reference: 's.reference',
  confirmed_on: 's.confirmed_on',
  withdrawn_on: 's.withdrawn_on',
  event_id: 's.event_id',
  consent_on: 'p.deposited_on',
  objected_notified_on: `(SELECT to_char(n.issued_on, 'YYYY-MM-DD') FROM statements o JOIN depositary_notifications n ON n.event_id = o.event_id
   WHERE o.id = s.objects_to AND n.status = 'issued')`,
});

/**
 * Whether the confirmation and the withdrawal of each statement were recorded by $K (a timestamptz, or null for
 * "as recorded now"): a statement read as known at an instant shows neither if it came later.
 */
const KNOWN_COLUMNS = `s.created_at <= coalesce($K::timestamptz, 'infinity') AS made_known,
  $K::timestamptz IS NULL OR EXISTS (SELECT 1 FROM events e WHERE e.participant_id = s.participant_id AND e.action = 'confirm_statement'
    AND e.details->>'statement' = s.id::text AND e.recorded_at <= $K) AS confirmed_known,
  $K::timestamptz IS NULL OR EXISTS (SELECT 1 FROM events e WHERE e.participant_id = s.participant_id AND e.action = 'withdraw_statement'
    AND e.details->>'statement' = s.id::text AND e.recorded_at <= $K) AS withdrawn_known`;

/** What of a statement was recorded by the instant a read asks for. */
interface Known {
  made_known: boolean;
  confirmed_known: boolean;
  withdrawn_known: boolean;
}

/** A statement row as it was known: a confirmation or withdrawal recorded later is not there yet. */
const asKnown = <T extends { confirmed_on: string | null; withdrawn_on: string | null } & Known>(row: T): T => ({
  ...row,
  confirmed_on: row.confirmed_known ? row.confirmed_on : null,
  withdrawn_on: row.withdrawn_known ? row.withdrawn_on : null,
});

export interface StatementFilter {
  country?: string;
  kind?: StatementKind;
  asOf?: string;
}

/**
 * Reservations, declarations, objections, territorial application and communications: each recorded with an
 * event of its participant's chain (`state`), confirmed (`confirm_statement`) and withdrawn (`withdraw_statement`)
 * likewise; never deleted.
 */
@Injectable()
export class StatementsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async make(actor: Actor, slug: string, code: string, input: NewStatement): Promise<{ statement: StatementView; event: EventView }> {
    return this.db.transaction(async (tx) => {
      const { treaty, row } = await lockParticipant(tx, slug, code);
      const [{ reservations, opened }]: { reservations: 'permitted' | 'prohibited'; opened: string }[] = await tx.query(
        `SELECT reservations, opened_for_signature_on AS opened FROM treaties WHERE id = $1`,
        [treaty.id],
      );
      if (input.kind === 'reservation' && reservations === 'prohibited')
        throw new DomainError(ErrorCode.ReservationsProhibited, `the treaty "${slug}" prohibits reservations`, { treaty: slug });
      checkActDate(input.date, { today: todayUtc(), openedForSignatureOn: opened, previousOn: row.invited_on });
      if (input.objectsTo !== undefined) {
        const [target]: { country_code: string; kind: StatementKind }[] = await tx.query(
          `SELECT country_code, kind FROM statements WHERE id = $1 AND treaty_id = $2`,
          [input.objectsTo, treaty.id],
        );
        if (!target) throw notFound(`statement ${input.objectsTo} of this treaty`);
        if (target.country_code === code) throw invalid('a state does not object to its own statement', { field: 'objectsTo' });
        if (target.kind !== 'reservation' && target.kind !== 'declaration')
          throw invalid(`an objection is to a reservation or a declaration, not to a ${target.kind}`, { field: 'objectsTo' });
      }
      const at = input.at ?? defaultStage(row.status);
      const [{ id }]: { id: number }[] = await tx.query(`SELECT nextval('statements_id_seq')::int AS id`);
      const { participant, event } = await appendRecordNeutralEvent(tx, treaty, row, actor, {
        action: 'state',
        date: input.date,
        reference: input.reference,
        details: {
          statement: String(id),
          kind: input.kind,
          at,
          ...(input.objectsTo !== undefined ? { objectsTo: String(input.objectsTo) } : {}),
          textHash: createHash('sha256').update(canonicalJson(input.text)).digest('hex'),
        },
      });
      await tx.query(
        `INSERT INTO statements (id, participant_id, treaty_id, country_code, kind, made_on, at, text, objects_to, territories, scope, reference, event_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          id,
          participant.id,
          treaty.id,
          code,
          input.kind,
          input.date,
          at,
          JSON.stringify(input.text),
          input.objectsTo ?? null,
          input.territories ? JSON.stringify(input.territories) : null,
          input.scope ?? null,
          input.reference ?? null,
          event.id,
        ],
      );
      return { statement: (await this.views(tx, { id }, null))[0], event: toEventView(event) };
    });
  }

  /** Confirms a reservation formulated at signature, when the state consents to be bound (VCLT 23(2)). */
  confirm(actor: Actor, slug: string, code: string, id: number, date: string): Promise<{ statement: StatementView; event: EventView }> {
    return this.change(actor, slug, code, id, date, 'confirm_statement', (statement) => {
      if (statement.kind !== 'reservation' || statement.at !== 'signature') return 'only a reservation made at signature is confirmed';
      if (statement.confirmed_on !== null) return `it was confirmed on ${statement.confirmed_on}`;
      if (statement.withdrawn_on !== null) return `it was withdrawn on ${statement.withdrawn_on}`;
      return null;
    });
  }

  /** Withdraws a statement from `date` on (VCLT 22); it stays in the record. */
  withdraw(actor: Actor, slug: string, code: string, id: number, date: string): Promise<{ statement: StatementView; event: EventView }> {
    return this.change(actor, slug, code, id, date, 'withdraw_statement', (statement) =>
      statement.withdrawn_on !== null ? `it was withdrawn on ${statement.withdrawn_on}` : null,
    );
  }

  async list(actor: Actor, slug: string, filter: StatementFilter): Promise<StatementView[]> {
    const scope = countryScope(actor);
    if (scope !== null && filter.country !== undefined) assertCountryInScope(actor, filter.country);
    const [treaty]: unknown[] = await this.db.query(`SELECT 1 FROM treaties WHERE slug = $1`, [slug]);
    if (!treaty) throw notFound(`treaty "${slug}"`);
    return this.views(this.db.manager, { slug, country: scope ?? filter.country, kind: filter.kind }, filter.asOf ?? null);
  }

  /** The statements of one participant, as of a day (null: as they stand), as known at an instant (null: now). */
  ofParticipant(
    db: EntityManager,
    slug: string,
    code: string,
    asOf: string | null,
    knownAt: string | null = null,
  ): Promise<StatementView[]> {
    return this.views(db, { slug, country: code }, asOf, knownAt);
  }

  private async change(
    actor: Actor,
    slug: string,
    code: string,
    id: number,
    date: string,
    action: 'confirm_statement' | 'withdraw_statement',
    refusal: (statement: StatementRow) => string | null,
  ): Promise<{ statement: StatementView; event: EventView }> {
    return this.db.transaction(async (tx) => {
      const { treaty, row } = await lockParticipant(tx, slug, code);
      const [statement]: StatementRow[] = await tx.query(
        `SELECT ${STATEMENT_COLUMNS} FROM statements s JOIN treaties t ON t.id = s.treaty_id JOIN participants p ON p.id = s.participant_id
         WHERE s.id = $1 AND s.participant_id = $2`,
        [id, row.id],
      );
      if (!statement) throw notFound(`statement ${id} of ${code}`);
      const why = refusal(statement);
      if (why)
        throw new DomainError(
          ErrorCode.InvalidTransition,
          `statement ${id} cannot be ${action === 'confirm_statement' ? 'confirmed' : 'withdrawn'}: ${why}`,
          {
            action,
            statement: id,
          },
        );
      // Not before the statement, nor a withdrawal before the confirmation it would end.
      const previousOn = action === 'withdraw_statement' ? (statement.confirmed_on ?? statement.made_on) : statement.made_on;
      checkActDate(date, { today: todayUtc(), openedForSignatureOn: treaty.opened_for_signature_on, previousOn });
      const { event } = await appendRecordNeutralEvent(tx, treaty, row, actor, {
        action,
        date,
        details: { statement: String(id), kind: statement.kind },
      });
      await tx.query(`UPDATE statements SET ${action === 'confirm_statement' ? 'confirmed_on' : 'withdrawn_on'} = $2 WHERE id = $1`, [
        id,
        date,
      ]);
      return { statement: (await this.views(tx, { id }, null))[0], event: toEventView(event) };
    });
  }

  /**
   * Statements as views, with their objections and an objection's deadline; as of a day, only those made by then,
   * with a confirmation or withdrawal only once its day has come.
   */
  private async views(
    db: EntityManager,
    where: { id?: number; slug?: string; country?: string; kind?: StatementKind },
    asOf: string | null,
    knownAt: string | null = null,
  ): Promise<StatementView[]> {
    const known: (StatementRow & Known)[] = await db.query(
      `SELECT ${STATEMENT_COLUMNS}, ${KNOWN_COLUMNS.replace(/\$K/g, '$6')}
       FROM statements s JOIN treaties t ON t.id = s.treaty_id JOIN participants p ON p.id = s.participant_id
       WHERE ($1::bigint IS NULL OR s.id = $1) AND ($2::text IS NULL OR t.slug = $2) AND ($3::char(3) IS NULL OR s.country_code = $3)
         AND ($4::text IS NULL OR s.kind = $4) AND ($5::date IS NULL OR s.made_on <= $5)
       ORDER BY s.made_on, s.id`,
      [where.id ?? null, where.slug ?? null, where.country ?? null, where.kind ?? null, asOf, knownAt],
    );
    const rows = known.filter((row) => row.made_known).map(asKnown);
    const objectionsOf = new Map<number, number[]>();
    const related: { id: number; objects_to: number }[] = rows.length
      ? await db.query(
          `SELECT id, objects_to FROM statements WHERE objects_to = ANY($1) AND ($2::date IS NULL OR made_on <= $2)
             AND ($3::timestamptz IS NULL OR created_at <= $3) ORDER BY id`,
          [rows.map((row) => row.id), asOf, knownAt],
        )
      : [];
    for (const { id, objects_to } of related) objectionsOf.set(objects_to, [...(objectionsOf.get(objects_to) ?? []), id]);
    const day = asOf ?? todayUtc();
    return rows.map((row) => {
      const confirmedOn = row.confirmed_on !== null && row.confirmed_on <= day ? row.confirmed_on : null;
      const withdrawnOn = row.withdrawn_on !== null && row.withdrawn_on <= day ? row.withdrawn_on : null;
      const view: StatementView = {
        id: row.id,
        treaty: row.slug,
        country: row.country_code,
        kind: row.kind,
        date: row.made_on,
        at: row.at,
        text: row.text,
        objectsTo: row.objects_to,
        territories: row.territories,
        scope: row.scope,
        reference: row.reference,
        confirmed: reservationConfirmed({ kind: row.kind, at: row.at, confirmedOn }),
        confirmedOn,
        withdrawnOn,
        objections: objectionsOf.get(row.id) ?? [],
        eventId: row.event_id,
      };
      if (row.kind !== 'objection') return view;
      // The period runs from the issue of the depositary notification of the reservation (none yet: no deadline yet).
      const deadline = objectionDeadline(row.objected_notified_on, row.consent_on);
      return { ...view, deadline, late: objectionLate(row.made_on, deadline) };
    });
  }
}

/** The kinds of statement each participant of a treaty has in effect on a day: what the chart marks. */
export async function statementKindsOf(
  db: EntityManager,
  slug: string,
  day: string,
  knownAt: string | null = null,
): Promise<Map<string, StatementKind[]>> {
  const known: ({ country_code: string; kind: StatementKind; made_on: string; withdrawn_on: string | null; confirmed_on: null } & Known)[] =
    await db.query(
      `SELECT s.country_code, s.kind, s.made_on, s.withdrawn_on, NULL AS confirmed_on, ${KNOWN_COLUMNS.replace(/\$K/g, '$2')}
       FROM statements s JOIN treaties t ON t.id = s.treaty_id
       WHERE t.slug = $1 ORDER BY s.kind`,
      [slug, knownAt],
    );
  const kinds = new Map<string, StatementKind[]>();
  for (const row of known.filter((statement) => statement.made_known).map(asKnown)) {
    if (!inEffectOn({ date: row.made_on, withdrawnOn: row.withdrawn_on }, day)) continue;
    const list = kinds.get(row.country_code) ?? [];
    if (!list.includes(row.kind)) list.push(row.kind);
    kinds.set(row.country_code, list);
  }
  return kinds;
}
