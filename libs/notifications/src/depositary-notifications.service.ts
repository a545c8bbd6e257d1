import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as isoCountries from 'i18n-iso-countries';
import arabic from 'i18n-iso-countries/langs/ar.json';
import english from 'i18n-iso-countries/langs/en.json';
import french from 'i18n-iso-countries/langs/fr.json';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import type { DepositaryNotificationListQuery, DepositaryNotificationView, NewDepositaryNotificationRequest } from '@depositary/contracts';
import {
  Actor,
  DomainError,
  ErrorCode,
  ActDetails,
  InLanguages,
  NOTIFIED_ACTS,
  NotificationFacts,
  Language,
  decodeCursor,
  encodeCursor,
  isCountryScoped,
  isNotifiedAct,
  notFound,
  notificationText,
  replay,
  todayUtc,
} from '@depositary/domain';
import { participantHistory } from '@depositary/persistence';
import type { DepositaryNotificationsRow, EventsRow, HistoryEventRow, TreatiesRow, TreatyEventsRow } from '@depositary/persistence';
import { currentRequestId } from '@depositary/observability';
import { depositaryNotificationHtml } from './depositary-notification-html';
import { deliveriesCreatedSql, enqueueOutbox } from '@depositary/jobs';

for (const locale of [english, french, arabic]) isoCountries.registerLocale(locale);

/** A country's name in each language, from the same maintained package as the countries table. */
export function countryNames(code: string, fallback: string): InLanguages {
  const name = (language: Language): string => isoCountries.getName(code, language) ?? fallback;
  return { en: name('en'), fr: name('fr'), ar: name('ar') };
}

/** What a notification tells of its treaty. */
type TreatyFacts = Pick<TreatiesRow, 'slug' | 'title' | 'titles' | 'depositary' | 'notifications'> & { treaty_id: number };

/** The act a notification tells of, with its country's name. */
type ActRow = TreatyFacts &
  Pick<EventsRow, 'id' | 'action' | 'details' | 'country_code' | 'participant_id' | 'seq'> & { date: string; country_name: string };

type TreatyEventRow = TreatyFacts &
  Pick<TreatyEventsRow, 'id' | 'kind'> & {
    details: { metOn?: string | null; entryIntoForceOn?: string | null };
    imported_history: boolean;
  };

type NotificationRow = Pick<
  DepositaryNotificationsRow,
  | 'id'
  | 'number'
  | 'status'
  | 'kind'
  | 'treaty_id'
  | 'country_code'
  | 'event_id'
  | 'treaty_event_id'
  | 'issued_on'
  | 'subject'
  | 'text'
  | 'created_at'
> & { slug: string; corrects_number: string | null; queued: number; sent: number; failed: number; dead: number };

const titlesOf = (row: TreatyFacts): InLanguages => ({ en: row.title, fr: row.titles.fr ?? row.title, ar: row.titles.ar ?? row.title });

const SELECT_VIEW = `
  SELECT n.id, n.number, n.status, n.kind, t.slug, n.treaty_id, n.country_code, n.event_id, n.treaty_event_id, o.number AS corrects_number,
         to_char(n.issued_on, 'YYYY-MM-DD') AS issued_on, n.subject, n.text, n.created_at,
         count(d.id) FILTER (WHERE d.status IN ('queued', 'sending'))::int AS queued,
         count(d.id) FILTER (WHERE d.status = 'sent')::int AS sent,
         count(d.id) FILTER (WHERE d.status = 'failed')::int AS failed,
         count(d.id) FILTER (WHERE d.status = 'dead')::int AS dead
  FROM depositary_notifications n
  JOIN treaties t ON t.id = n.treaty_id
  LEFT JOIN depositary_notifications o ON o.id = n.corrects_id
  LEFT JOIN deliveries d ON d.depositary_notification_id = n.id`;

/**
 * Depositary notifications: drafted by the worker from the outbox (one per act of a person or treaty event, by
 * unique key), numbered C.N.<n>.<year> when issued (a counter row per year, updated in the issuing transaction),
 * and circulated to every focal point of every invited state and to DEPOSITARY_EMAILS (one delivery each, by key).
 */
@Injectable()
export class DepositaryNotifications {
  private readonly logger = new Logger(DepositaryNotifications.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Drafts the notification of an act or a treaty event; a repeat drafts nothing. Returns the new draft's id. */
  async draft(source: { eventId?: number; treatyEventId?: number }): Promise<number | null> {
    return this.db.transaction(async (tx) => {
      const drafted =
        source.eventId !== undefined ? await this.draftAct(tx, source.eventId) : await this.draftTreatyEvent(tx, source.treatyEventId ?? 0);
      if (drafted?.autoIssue) await this.issueWithin(tx, drafted.id, null);
      return drafted?.id ?? null;
    });
  }

  private async draftAct(tx: EntityManager, eventId: number): Promise<{ id: number; autoIssue: boolean } | null> {
    const [act]: ActRow[] = await tx.query(
      `SELECT e.id, e.action, to_char(e.effective_date, 'YYYY-MM-DD') AS date, e.details, e.country_code, c.name AS country_name,
              e.participant_id, e.seq, t.id AS treaty_id, t.slug, t.title, t.titles, t.depositary, t.notifications
       FROM events e JOIN participants p ON p.id = e.participant_id JOIN treaties t ON t.id = p.treaty_id
       JOIN countries c ON c.code = e.country_code
       WHERE e.id = $1`,
      [eventId],
    );
    if (!act) return null;
    const country = countryNames(act.country_code, act.country_name);
    const base = { depositary: act.depositary, title: titlesOf(act), country };
    let facts: NotificationFacts;
    let correctsId: number | null = null;
    let status: 'draft' | 'superseded' = 'draft';
    if (act.action === 'correct') {
      const corrected = await this.correctedEventId(tx, act);
      if (corrected === null) return null;
      const [original]: { id: number; status: string; number: string | null; kind: string }[] = await tx.query(
        `SELECT id, status, number, kind FROM depositary_notifications WHERE event_id = $1 FOR UPDATE`,
        [corrected],
      );
      if (!original) return null;
      if (original.status !== 'issued' || original.number === null || !isNotifiedAct(original.kind)) {
        // Never issued: the draft no longer describes the record; it stays, marked superseded, and is never issued.
        await tx.query(`UPDATE depositary_notifications SET status = 'superseded' WHERE id = $1 AND status = 'draft'`, [original.id]);
        return null;
      }
      correctsId = original.id;
      facts = { ...base, kind: 'correction', date: act.date, corrected: { number: original.number, kind: original.kind } };
    } else if (isNotifiedAct(act.action)) {
      const details = act.details ?? {};
      const text = (key: keyof ActDetails): string | null => {
        const value = details[key];
        return typeof value === 'string' ? value : null;
      };
      const statementId = text('statement');
      const [statement]: { text: NotificationFacts['statementText'] }[] =
        act.action === 'state' && statementId ? await tx.query(`SELECT text FROM statements WHERE id = $1`, [statementId]) : [];
      facts = {
        ...base,
        kind: act.action,
        date: act.date,
        signature: text('signature'),
        effectiveOn: text('effectiveOn'),
        effectiveFrom: text('effectiveFrom'),
        statementKind: (text('kind') as NotificationFacts['statementKind']) ?? null,
        statementText: statement?.text ?? null,
      };
      // Corrected before its draft was written (the correction's job found no draft to supersede): born superseded.
      if (!(await this.stands(tx, act))) status = 'superseded';
    } else return null;
    const words = notificationText(facts);
    const [row]: { id: number }[] = await tx.query(
      `INSERT INTO depositary_notifications (treaty_id, country_code, kind, event_id, corrects_id, status, subject, text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
      [act.treaty_id, act.country_code, facts.kind, eventId, correctsId, status, words.subject, words.text],
    );
    return row ? { id: row.id, autoIssue: status === 'draft' && act.notifications.autoIssue === true } : null;
  }

  /** Whether an act still stands in its participant's record (no correction has undone it). */
  private async stands(tx: EntityManager, act: ActRow): Promise<boolean> {
    // A statement is never corrected away (it is withdrawn, which is notified in turn).
    if (act.action === 'state' || act.action === 'withdraw_statement') return true;
    return replay(await participantHistory(tx, act.participant_id)).some((entry) => (entry.event as HistoryEventRow).id === act.id);
  }

  /** The event a correction undid: the latest act of a person standing before it. */
  private async correctedEventId(tx: EntityManager, correction: ActRow): Promise<number | null> {
    const stack = replay(await participantHistory(tx, correction.participant_id, correction.seq));
    const undone = [...stack].reverse().find((entry) => entry.reversible);
    return undone ? (undone.event as HistoryEventRow).id : null;
  }

  private async draftTreatyEvent(tx: EntityManager, treatyEventId: number): Promise<{ id: number; autoIssue: boolean } | null> {
    const [event]: TreatyEventRow[] = await tx.query(
      `SELECT te.id, te.kind, te.details, t.id AS treaty_id, t.slug, t.title, t.titles, t.depositary, t.notifications,
              (t.imported_through_event IS NOT NULL AND NOT EXISTS (
                 SELECT 1 FROM events e WHERE e.treaty_slug = t.slug AND e.id > t.imported_through_event AND e.actor_id IS NOT NULL
                   AND e.recorded_at <= te.recorded_at
              )) AS imported_history
       FROM treaty_events te JOIN treaties t ON t.id = te.treaty_id WHERE te.id = $1`,
      [treatyEventId],
    );
    // The threshold and entry into force of an imported history, reached before any act was recorded since, are known
    // already (an act recorded later does not make them news).
    if (!event || event.imported_history) return null;
    const kind = event.kind === 'threshold_met' ? 'threshold_met' : event.kind === 'entered_into_force' ? 'entry_into_force' : null;
    const date = kind === 'threshold_met' ? event.details.metOn : event.details.entryIntoForceOn;
    if (kind === null || !date) return null;
    const words = notificationText({
      kind,
      depositary: event.depositary,
      title: titlesOf(event),
      date,
      entryIntoForceOn: event.details.entryIntoForceOn ?? null,
    });
    const [row]: { id: number }[] = await tx.query(
      `INSERT INTO depositary_notifications (treaty_id, kind, treaty_event_id, subject, text)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
      [event.treaty_id, kind, treatyEventId, words.subject, words.text],
    );
    return row ? { id: row.id, autoIssue: event.notifications.autoIssue === true } : null;
  }

  /**
   * The work of the last week whose job Redis may have lost (restarted empty): acts and treaty events with no
   * notification (imports excepted), and issued notifications with no delivery. Re-running either is harmless.
   */
  async unfinished(): Promise<{ drafts: { eventId?: number; treatyEventId?: number }[]; circulations: number[] }> {
    const events: { id: number }[] = await this.db.query(
      `SELECT e.id FROM events e JOIN treaties t ON t.slug = e.treaty_slug
       WHERE e.recorded_at > now() - interval '7 days' AND e.action = ANY($1::text[]) AND e.id > coalesce(t.imported_through_event, 0)
         AND NOT EXISTS (SELECT 1 FROM depositary_notifications n WHERE n.event_id = e.id)
       ORDER BY e.id LIMIT 10000`,
      [[...NOTIFIED_ACTS, 'correct']],
    );
    const treatyEvents: { id: number }[] = await this.db.query(
      `SELECT te.id FROM treaty_events te JOIN treaties t ON t.id = te.treaty_id
       WHERE te.recorded_at > now() - interval '7 days' AND te.kind IN ('threshold_met', 'entered_into_force')
         AND NOT EXISTS (SELECT 1 FROM depositary_notifications n WHERE n.treaty_event_id = te.id)
         AND (t.imported_through_event IS NULL
              OR EXISTS (SELECT 1 FROM events e WHERE e.treaty_slug = t.slug AND e.id > t.imported_through_event AND e.actor_id IS NOT NULL
                           AND e.recorded_at <= te.recorded_at))
       ORDER BY te.id LIMIT 1000`,
    );
    const issued: { id: number }[] = await this.db.query(
      `SELECT n.id FROM depositary_notifications n
       WHERE n.status = 'issued' AND n.issued_at > now() - interval '7 days'
         AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.depositary_notification_id = n.id)
       ORDER BY n.id LIMIT 1000`,
    );
    return {
      drafts: [...events.map((e) => ({ eventId: e.id })), ...treatyEvents.map((e) => ({ treatyEventId: e.id }))],
      circulations: issued.map((n) => n.id),
    };
  }

  /** A free-form draft written by an officer. */
  async createFreeForm(request: NewDepositaryNotificationRequest): Promise<DepositaryNotificationView> {
    const id = await this.db.transaction(async (tx) => {
      const [treaty]: { id: number }[] = await tx.query(`SELECT id FROM treaties WHERE slug = $1`, [request.treaty]);
      if (!treaty) throw notFound(`treaty ${request.treaty}`);
      const subject: InLanguages = { en: request.subject, fr: request.subject, ar: request.subject };
      const text: InLanguages = { en: request.text.en, fr: request.text.fr ?? request.text.en, ar: request.text.ar ?? request.text.en };
      const [row]: { id: number }[] = await tx.query(
        `INSERT INTO depositary_notifications (treaty_id, kind, subject, text) VALUES ($1, 'free_form', $2, $3) RETURNING id`,
        [treaty.id, subject, text],
      );
      return row.id;
    });
    return this.view(id);
  }

  /** Issues a draft: the next number of the year, dated today, and its circulation queued; 409 if already issued. */
  async issue(actor: Actor, id: number): Promise<DepositaryNotificationView> {
    await this.db.transaction((tx) => this.issueWithin(tx, id, actor));
    return this.view(id);
  }

  private async issueWithin(tx: EntityManager, id: number, actor: Actor | null): Promise<void> {
    const [current]: { status: string; number: string | null }[] = await tx.query(
      `SELECT status, number FROM depositary_notifications WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!current) throw notFound(`depositary notification ${id}`);
    if (current.status === 'issued')
      throw new DomainError(ErrorCode.AlreadyIssued, `depositary notification ${id} was already issued as ${current.number}`, {
        number: current.number,
      });
    if (current.status !== 'draft')
      throw new DomainError(ErrorCode.InvalidTransition, `depositary notification ${id} is ${current.status} and cannot be issued`, {
        status: current.status,
      });
    const issuedOn = todayUtc();
    const year = Number(issuedOn.slice(0, 4));
    // The counter row of the year is locked until this transaction ends: concurrent issues take numbers in turn,
    // and a rolled-back issue gives its number back.
    const [{ last }]: { last: number }[] = await tx.query(
      `INSERT INTO depositary_notification_counters AS counter (year, last) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last = counter.last + 1 RETURNING last`,
      [year],
    );
    await tx.query(
      `UPDATE depositary_notifications SET status = 'issued', number = $2, year = $3, serial = $4, issued_on = $5, issued_at = now(), issued_by = $6
       WHERE id = $1`,
      [id, `C.N.${last}.${year}`, year, last, issuedOn, actor?.id ?? null],
    );
    await enqueueOutbox(tx, 'notification.issued', { notificationId: id });
  }

  /**
   * Queues one e-mail per active focal point of every invited state, in its language, and per DEPOSITARY_EMAILS
   * address; the key (notification, recipient) makes a repeat queue nothing.
   */
  async circulate(notificationId: number): Promise<number> {
    return this.db.transaction(async (tx) => {
      const [notification]: { status: string; treaty_id: number }[] = await tx.query(
        `SELECT status, treaty_id FROM depositary_notifications WHERE id = $1`,
        [notificationId],
      );
      if (notification?.status !== 'issued') return 0;
      const focalPoints: { id: string; email: string; country_code: string }[] = await tx.query(
        `SELECT f.id, lower(f.email) AS email, f.country_code FROM focal_points f
         JOIN participants p ON p.country_code = f.country_code AND p.treaty_id = $1
         WHERE f.active ORDER BY f.country_code, f.email`,
        [notification.treaty_id],
      );
      const recipients = [
        ...focalPoints.map((f) => ({ recipient: f.email, focal_point_id: f.id, country_code: f.country_code })),
        ...this.config.depositaryEmails.map((email) => ({ recipient: email.toLowerCase(), focal_point_id: null, country_code: null })),
      ];
      const rows: { id: number }[] = await tx.query(
        `WITH inserted AS (
           INSERT INTO deliveries (kind, key, recipient, treaty_id, country_code, focal_point_id, depositary_notification_id)
           SELECT 'depositary_notification', 'dn-' || $2::bigint || '-' || r.recipient, r.recipient, $1, r.country_code, r.focal_point_id, $2
           FROM jsonb_to_recordset($3::jsonb) AS r(recipient text, focal_point_id uuid, country_code char(3))
           ON CONFLICT (key) DO NOTHING
           RETURNING id
         ), queued AS (
           ${deliveriesCreatedSql('$4')}
         )
         SELECT id FROM inserted`,
        [notification.treaty_id, notificationId, JSON.stringify(recipients), currentRequestId() ?? null],
      );
      this.logger.log(`depositary notification ${notificationId}: ${rows.length} e-mails queued`);
      return rows.length;
    });
  }

  async list(
    actor: Actor,
    query: DepositaryNotificationListQuery,
  ): Promise<{ items: DepositaryNotificationView[]; nextCursor: string | null }> {
    const limit = query.limit ?? 100;
    const scoped = isCountryScoped(actor.role);
    const rows: NotificationRow[] = await this.db.query(
      `${SELECT_VIEW}
       WHERE ($1::text IS NULL OR t.slug = $1) AND ($2::text IS NULL OR n.status = $2) AND ($3::int IS NULL OR n.year = $3)
         AND n.id > $4 AND ${scoped ? FOCAL_POINT_SCOPE('$5') : '$5::char(3) IS NULL'}
       GROUP BY n.id, t.slug, o.number ORDER BY n.id LIMIT ${limit + 1}`,
      [
        query.treaty ?? null,
        query.status ?? null,
        query.year ?? null,
        query.cursor ? decodeCursor(query.cursor) : 0,
        scoped ? actor.countryCode : null,
      ],
    );
    const items = rows.slice(0, limit).map(toView);
    return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
  }

  /** One notification; a focal point sees only the issued ones of its treaties (anything else is unknown to it). */
  async get(actor: Actor, id: number): Promise<DepositaryNotificationView> {
    return this.view(id, isCountryScoped(actor.role) ? actor.countryCode : undefined);
  }

  async html(actor: Actor, id: number, language: Language): Promise<string> {
    return depositaryNotificationHtml(await this.get(actor, id), language);
  }

  private async view(id: number, scopedTo?: string | null): Promise<DepositaryNotificationView> {
    const scoped = scopedTo !== undefined;
    const [row]: NotificationRow[] = await this.db.query(
      `${SELECT_VIEW} WHERE n.id = $1 AND ${scoped ? FOCAL_POINT_SCOPE('$2') : '$2::char(3) IS NULL'} GROUP BY n.id, t.slug, o.number`,
      [id, scopedTo ?? null],
    );
    if (!row) throw notFound(`depositary notification ${id}`);
    return toView(row);
  }
}

const FOCAL_POINT_SCOPE = (param: string): string =>
  `n.status = 'issued' AND EXISTS (SELECT 1 FROM participants sp WHERE sp.treaty_id = n.treaty_id AND sp.country_code = ${param}::char(3))`;

function toView(row: NotificationRow): DepositaryNotificationView {
  const deliveries = { queued: row.queued, sent: row.sent, failed: row.failed, dead: row.dead };
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    kind: row.kind,
    treaty: row.slug,
    country: row.country_code,
    eventId: row.event_id,
    treatyEventId: row.treaty_event_id,
    corrects: row.corrects_number,
    issuedOn: row.issued_on,
    subject: row.subject,
    text: row.text,
    recipients: row.queued + row.sent + row.failed + row.dead,
    deliveries,
    createdAt: row.created_at.toISOString(),
  };
}
