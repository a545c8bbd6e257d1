import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import { ConsentPeriod, EntryIntoForceRule, Language, countedPartiesOn, dateInWords, todayUtc } from '@depositary/domain';
import { DeliveryRow, MAX_DELIVERY_ATTEMPTS, queueDeliveries, staffRecipients } from './deliveries';
import { Batcher } from './batcher';
import { NOT_HELD } from './delivery-hold';
import { Mailer, OutgoingMail } from './mailer';
import { depositaryNotificationHtml } from './depositary-notification-html';
import { reminderMail } from './reminder-mail';
import { TreatyEventDetails, TreatyEventKind, staffNotice } from './staff-notices';
import { isStaffNotice } from '@depositary/contracts';

/** A send that should be tried again later: BullMQ retries the job with back-off. */
export class DeliveryRetry extends Error {}

const PROGRESS_CACHE_MS = 5_000;

/** A claimed delivery with what its e-mail is composed from, read in the statement that claimed it. */
interface ClaimedDelivery extends DeliveryRow {
  /** Reminders: the focal point, its participant and treaty. */
  focal_point_name: string | null;
  language: Language | null;
  title: string | null;
  depositary: string | null;
  invited_on: string | null;
  signed_on: string | null;
  participant_treaty_id: number | null;
  treaty_status: string | null;
  entry_into_force_on: string | null;
  rule: EntryIntoForceRule | null;
  /** Staff notices: their treaty event. */
  event_kind: TreatyEventKind | null;
  event_details: TreatyEventDetails | null;
  /** Depositary notifications: the issued notification. */
  notification_number: string | null;
  notification_issued_on: string | null;
  notification_subject: Record<Language, string> | null;
  notification_text: Record<Language, string> | null;
  /** Notices of a dead delivery: that delivery. */
  dead: Pick<DeliveryRow, 'id' | 'kind' | 'recipient' | 'country_code' | 'attempts' | 'last_error'> | null;
}

/**
 * Claims deliveries under a lease and reads what each e-mail says, in one statement. Rows another claim holds
 * locked are skipped (SKIP LOCKED), so concurrent batches never wait on each other nor deadlock.
 */
const CLAIM = `
  WITH claimed AS (
    UPDATE deliveries SET status = 'sending', attempts = attempts + 1, lease_until = now() + make_interval(secs => $2), updated_at = now()
    WHERE id IN (
      SELECT id FROM deliveries
      WHERE id = ANY($1::bigint[]) AND (status IN ('queued', 'failed') OR (status = 'sending' AND lease_until < now()))
        AND ${NOT_HELD}
      ORDER BY id FOR UPDATE SKIP LOCKED
    )
    RETURNING *
  )
  SELECT c.*, f.name AS focal_point_name, f.language, t.title, t.depositary, p.invited_on, p.signed_on,
         t.id AS participant_treaty_id, t.status AS treaty_status, t.entry_into_force_on, t.entry_into_force AS rule,
         e.kind AS event_kind, e.details AS event_details,
         n.number AS notification_number, to_char(n.issued_on, 'YYYY-MM-DD') AS notification_issued_on,
         n.subject AS notification_subject, n.text AS notification_text,
         CASE WHEN a.id IS NOT NULL THEN jsonb_build_object('id', a.id, 'kind', a.kind, 'recipient', a.recipient,
           'country_code', a.country_code, 'attempts', a.attempts, 'last_error', a.last_error) END AS dead
  FROM claimed c
  LEFT JOIN focal_points f ON f.id = c.focal_point_id
  LEFT JOIN participants p ON p.id = c.participant_id
  LEFT JOIN treaties t ON t.id = p.treaty_id
  LEFT JOIN treaty_events e ON e.id = c.treaty_event_id
  LEFT JOIN deliveries a ON a.id = c.about_delivery_id
  LEFT JOIN depositary_notifications n ON n.id = c.depositary_notification_id`;

/** Marks a delivery sent, with the Message-ID it was accepted under. */
const MARK_SENT = `
  UPDATE deliveries SET status = 'sent', message_id = $2, sent_at = now(), lease_until = NULL, last_error = NULL, updated_at = now()
  WHERE id = $1`;

/** Extends the lease of a delivery this worker is still sending. */
const RENEW_LEASE = `
  UPDATE deliveries SET lease_until = now() + make_interval(secs => $2) WHERE id = $1 AND status = 'sending'`;

/**
 * How long a claim waits for others to join its batch: a few milliseconds more per e-mail, for fewer and larger
 * batches under load (measured on the bench's 2 cores: one worker sent 538 e-mails a second against 472 without
 * it, four runs each). Marks are never batched: see markSent.
 */
const BATCH_LINGER_MS = 3;

/** Pauses before marking a sent delivery again, after the first mark failed. */
const MARK_RETRY_MS = [100, 500, 2000];

/**
 * Sends one delivery. A lease in PostgreSQL lets one worker at a time send it; a delivery already sent is
 * skipped, so a repeated job sends nothing twice. SMTP 5xx answers are final; other failures are retried up
 * to MAX_DELIVERY_ATTEMPTS, after which the delivery is dead.
 *
 * The deliveries a worker sends at the same time are claimed together, in one statement (Batcher); each is
 * marked sent on its own, as soon as the mail server has accepted it.
 * Each e-mail carries a Message-ID of its delivery (id and creation time, so that another database, or this one
 * restored from a backup, cannot reuse it), the same on every attempt: the rare repeat SMTP cannot rule out (a
 * server that accepted, then lost the connection before answering) is recognisable as one.
 */
@Injectable()
export class DeliverySender {
  private readonly logger = new Logger(DeliverySender.name);
  private readonly progress = new Map<number, { count: Promise<number>; until: number }>();
  private readonly claims = new Batcher<number, ClaimedDelivery>(
    async (ids) => {
      const rows: ClaimedDelivery[] = await this.db.query(CLAIM, [ids, this.config.deliveryLeaseSeconds]);
      return new Map(rows.map((row) => [Number(row.id), row]));
    },
    { lingerMs: BATCH_LINGER_MS },
  );
  private readonly messageIdDomain: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.messageIdDomain = /@([^\s>@]+)>?\s*$/.exec(config.mailFrom)?.[1] ?? 'localhost';
  }

  async deliver(deliveryId: number): Promise<'sent' | 'skipped' | 'held' | 'dead'> {
    const claimed = await this.claims.call(deliveryId);
    if (!claimed) {
      const [current]: { status: string; held: boolean }[] = await this.db.query(
        `SELECT status, NOT ${NOT_HELD} AS held FROM deliveries WHERE id = $1`,
        [deliveryId],
      );
      // Held for review (a restore drill): the release queues it again.
      if (current?.held) return 'held';
      // Another worker holds it, or held it locked a moment ago: try again later, when it is sent or free.
      if (current && current.status !== 'sent' && current.status !== 'dead')
        throw new DeliveryRetry(`delivery ${deliveryId} is being sent by another worker`);
      return 'skipped';
    }
    let messageId: string;
    // While this worker lives, its lease does not run out under a slow send or a wait for a free connection.
    const leaseMs = this.config.deliveryLeaseSeconds * 1000;
    const renewal = setInterval(() => {
      this.db.query(RENEW_LEASE, [deliveryId, this.config.deliveryLeaseSeconds]).catch((error: unknown) => {
        this.logger.warn(`delivery ${deliveryId}: lease not renewed: ${String(error)}`);
      });
    }, leaseMs / 3);
    try {
      ({ messageId } = await this.mailer.send(await this.compose(claimed)));
    } catch (error) {
      return this.failed(claimed, error);
    } finally {
      clearInterval(renewal);
    }
    // Sent: whatever happens now, the delivery must not be marked failed and sent again.
    await this.markSent(deliveryId, messageId);
    return 'sent';
  }

  /**
   * Marks a sent delivery at once, on its own: between the mail server's acceptance and this commit, a worker
   * that dies leaves an e-mail that will be sent again when its lease runs out, so that window is kept to one
   * UPDATE (no linger, no wait for a batch). If the database is unreachable the mark is retried a few times; if it
   * stays so the job fails without touching the row, its lease runs out and the e-mail may be sent again.
   */
  private async markSent(id: number, messageId: string): Promise<void> {
    try {
      await this.db.query(MARK_SENT, [id, messageId]);
      return;
    } catch (error) {
      this.logger.warn(`delivery ${id} sent as ${messageId}, not yet marked sent: ${String(error)}`);
    }
    for (const pauseMs of MARK_RETRY_MS) {
      await sleep(pauseMs);
      try {
        await this.db.query(MARK_SENT, [id, messageId]);
        return;
      } catch (error) {
        this.logger.warn(`delivery ${id} sent as ${messageId}, still not marked sent: ${String(error)}`);
      }
    }
    throw new Error(`delivery ${id} was sent as ${messageId} but could not be marked sent`);
  }

  /**
   * A failed send: retried later (DeliveryRetry), or dead when the answer was a 5xx or the attempts are used up.
   * A dead reminder and its notice to staff are recorded in one transaction, so staff hear of it exactly once.
   */
  private async failed(claimed: ClaimedDelivery, error: unknown): Promise<'dead'> {
    const message = error instanceof Error ? error.message : String(error);
    const responseCode = (error as { responseCode?: number }).responseCode;
    const final = claimed.attempts >= MAX_DELIVERY_ATTEMPTS || (responseCode !== undefined && responseCode >= 500);
    const record = (tx: EntityManager): Promise<unknown> =>
      tx.query(`UPDATE deliveries SET status = $2, last_error = $3, lease_until = NULL, updated_at = now() WHERE id = $1`, [
        claimed.id,
        final ? 'dead' : 'failed',
        message.slice(0, 1000),
      ]);
    if (!final) {
      await record(this.db.manager);
      throw new DeliveryRetry(`delivery ${claimed.id} attempt ${claimed.attempts} failed: ${message}`);
    }
    await this.db.transaction(async (tx) => {
      await record(tx);
      await this.tellStaffOfDeath(tx, claimed);
    });
    this.logger.error(`delivery ${claimed.id} (${claimed.kind}) is dead after ${claimed.attempts} attempts: ${message}`);
    return 'dead';
  }

  private async compose(delivery: ClaimedDelivery): Promise<OutgoingMail> {
    const mail = {
      to: delivery.recipient,
      messageId: `<delivery-${delivery.id}.${delivery.created_at.getTime().toString(36)}@${this.messageIdDomain}>`,
      headers: { 'X-Depositary-Delivery': String(delivery.id) },
    };
    if (delivery.kind === 'reminder') return { ...mail, ...(await this.composeReminder(delivery)) };
    if (delivery.kind === 'notice.delivery_dead') return { ...mail, ...this.composeDeathNotice(delivery) };
    if (delivery.kind === 'depositary_notification') return { ...mail, ...composeDepositaryNotification(delivery) };
    if (delivery.event_kind === null) throw new Error(`delivery ${delivery.id} of kind ${delivery.kind} has nothing to compose from`);
    const notice = staffNotice(delivery.event_kind, delivery.event_details as TreatyEventDetails);
    return { ...mail, subject: notice.subject, text: notice.text };
  }

  /** A reminder says what the record shows when it is sent: status, the step owed, how far the treaty is from entry into force. */
  private async composeReminder(delivery: ClaimedDelivery): Promise<{ subject: string; text: string; html: string }> {
    const { focal_point_name: name, language, title, participant_treaty_id: treatyId, rule, invited_on: invitedOn } = delivery;
    if (name === null || language === null || title === null || treatyId === null || rule === null || invitedOn === null)
      throw new Error(`reminder ${delivery.id} has no focal point or participant to compose from`);
    const status = delivery.reminder_status === 'signed' ? 'signed' : 'invited';
    return reminderMail({
      language,
      focalPointName: name,
      treatyTitle: title,
      depositary: delivery.depositary,
      countryCode: delivery.country_code ?? '',
      status,
      since: status === 'signed' ? (delivery.signed_on ?? invitedOn) : invitedOn,
      reminderNumber: delivery.reminder_number ?? 1,
      progress: {
        current: await this.countedDeposits(treatyId, rule),
        required: rule.minimumParties ?? null,
        inForce: delivery.treaty_status === 'in_force',
        entryIntoForceOn: delivery.entry_into_force_on,
      },
      contact: this.config.mailFrom,
    });
  }

  /**
   * How many counted instruments a treaty has, for the reminders' "how far from entry into force". Kept for a
   * few seconds: a sweep sends many reminders of one treaty at once, and the figure moves rarely.
   */
  private countedDeposits(treatyId: number, rule: EntryIntoForceRule): Promise<number> {
    const cached = this.progress.get(treatyId);
    if (cached && cached.until > Date.now()) return cached.count;
    const count = this.db
      .query(`SELECT country_code, consents FROM participants WHERE treaty_id = $1`, [treatyId])
      .then((rows: { country_code: string; consents: ConsentPeriod[] }[]) =>
        countedPartiesOn(
          rule,
          rows.map((row) => ({ country: row.country_code, record: row })),
          todayUtc(),
        ),
      );
    this.progress.set(treatyId, { count, until: Date.now() + PROGRESS_CACHE_MS });
    count.catch(() => this.progress.delete(treatyId));
    return count;
  }

  private composeDeathNotice(delivery: ClaimedDelivery): { subject: string; text: string } {
    const dead = delivery.dead;
    if (dead === null) throw new Error(`delivery ${delivery.id} of kind ${delivery.kind} has no dead delivery to report`);
    return {
      subject: `Undelivered: ${dead.kind} to ${dead.recipient}${dead.country_code ? ` (${dead.country_code})` : ''}`,
      text: [
        `Depositary could not deliver an e-mail after ${dead.attempts} attempts and has stopped trying.`,
        `Kind: ${dead.kind}. Recipient: ${dead.recipient}.${dead.country_code ? ` Country: ${dead.country_code}.` : ''}`,
        `Last error: ${dead.last_error ?? 'unknown'}`,
        `Delivery record: ${dead.id} (GET /api/notifications?status=dead).`,
      ].join('\n'),
    };
  }

  /** A dead reminder is reported to depositary staff (once, by key); a dead staff notice is only logged, to avoid a loop. */
  private async tellStaffOfDeath(tx: EntityManager, dead: DeliveryRow): Promise<void> {
    if (isStaffNotice(dead.kind)) return;
    const recipients = await staffRecipients(tx, this.config.depositaryEmails);
    await queueDeliveries(
      tx,
      recipients.map((recipient) => ({
        kind: 'notice.delivery_dead',
        key: `dead-${dead.id}-${recipient}`,
        recipient,
        treatyId: dead.treaty_id ?? undefined,
        countryCode: dead.country_code ?? undefined,
        aboutDeliveryId: dead.id,
      })),
    );
  }
}

/** A depositary notification in the focal point's language (English for depositary staff), as text and printable HTML. */
function composeDepositaryNotification(delivery: ClaimedDelivery): { subject: string; text: string; html: string } {
  const {
    notification_number: number,
    notification_issued_on: issuedOn,
    notification_subject: subject,
    notification_text: text,
  } = delivery;
  if (number === null || issuedOn === null || subject === null || text === null)
    throw new Error(`delivery ${delivery.id} has no issued depositary notification to compose from`);
  const language: Language = delivery.language ?? 'en';
  return {
    subject: `${number}: ${subject[language]}`,
    text: `${number}\n${dateInWords(issuedOn, language)}\n\n${text[language]}\n`,
    html: depositaryNotificationHtml({ number, issuedOn, subject, text }, language),
  };
}
