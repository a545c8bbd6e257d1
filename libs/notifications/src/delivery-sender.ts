import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@depositary/config';
import { EntryIntoForceRule, INSTRUMENTS } from '@depositary/domain';
import type { Language } from '@depositary/persistence';
import { DeliveryRow, MAX_DELIVERY_ATTEMPTS, queueDeliveries, staffRecipients } from './deliveries';
import { Mailer, OutgoingMail } from './mailer';
import { reminderMail } from './reminder-mail';
import { TreatyEventDetails, TreatyEventKind, staffNotice } from './staff-notices';

/** A send that should be tried again later: BullMQ retries the job with back-off. */
export class DeliveryRetry extends Error {}

const PROGRESS_CACHE_MS = 5_000;

/**
 * Sends one delivery. A lease in PostgreSQL lets one worker at a time send it; a delivery already sent is
 * skipped, so a repeated job sends nothing twice. SMTP 5xx answers are final; other failures are retried up
 * to MAX_DELIVERY_ATTEMPTS, after which the delivery is dead.
 */
@Injectable()
export class DeliverySender {
  private readonly logger = new Logger(DeliverySender.name);
  private readonly progress = new Map<number, { count: number; until: number }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async deliver(deliveryId: number): Promise<'sent' | 'skipped' | 'dead'> {
    const [[claimed]]: [DeliveryRow[], number] = await this.db.query(
      `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, lease_until = now() + make_interval(secs => $2), updated_at = now()
       WHERE id = $1 AND (status IN ('queued', 'failed') OR (status = 'sending' AND lease_until < now()))
       RETURNING *`,
      [deliveryId, this.config.deliveryLeaseSeconds],
    );
    if (!claimed) {
      const [current]: { status: string }[] = await this.db.query(`SELECT status FROM deliveries WHERE id = $1`, [deliveryId]);
      if (current?.status === 'sending') throw new DeliveryRetry(`delivery ${deliveryId} is being sent by another worker`);
      return 'skipped';
    }
    try {
      const { messageId } = await this.mailer.send(await this.compose(claimed));
      await this.db.query(
        `UPDATE deliveries SET status = 'sent', message_id = $2, sent_at = now(), lease_until = NULL, last_error = NULL, updated_at = now() WHERE id = $1`,
        [deliveryId, messageId],
      );
      return 'sent';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const responseCode = (error as { responseCode?: number }).responseCode;
      const final = claimed.attempts >= MAX_DELIVERY_ATTEMPTS || (responseCode !== undefined && responseCode >= 500);
      await this.db.query(`UPDATE deliveries SET status = $2, last_error = $3, lease_until = NULL, updated_at = now() WHERE id = $1`, [
        deliveryId,
        final ? 'dead' : 'failed',
        message.slice(0, 1000),
      ]);
      if (final) {
        this.logger.error(`delivery ${deliveryId} (${claimed.kind}) is dead after ${claimed.attempts} attempts: ${message}`);
        await this.tellStaffOfDeath(claimed);
        return 'dead';
      }
      throw new DeliveryRetry(`delivery ${deliveryId} attempt ${claimed.attempts} failed: ${message}`);
    }
  }

  private async compose(delivery: DeliveryRow): Promise<OutgoingMail> {
    const headers = { 'X-Depositary-Delivery': String(delivery.id) };
    if (delivery.kind === 'reminder') return { to: delivery.recipient, ...(await this.composeReminder(delivery)), headers };
    if (delivery.kind === 'notice.delivery_dead') return { to: delivery.recipient, ...(await this.composeDeathNotice(delivery)), headers };
    if (delivery.treaty_event_id === null) throw new Error(`delivery ${delivery.id} of kind ${delivery.kind} has nothing to compose from`);
    const [event]: { kind: TreatyEventKind; details: TreatyEventDetails }[] = await this.db.query(
      `SELECT kind, details FROM treaty_events WHERE id = $1`,
      [delivery.treaty_event_id],
    );
    const notice = staffNotice(event.kind, event.details);
    return { to: delivery.recipient, subject: notice.subject, text: notice.text, headers };
  }

  /** A reminder says what the record shows when it is sent: status, the step owed, how far the treaty is from entry into force. */
  private async composeReminder(delivery: DeliveryRow): Promise<{ subject: string; text: string; html: string }> {
    const [facts]: {
      name: string;
      language: Language;
      title: string;
      depositary: string | null;
      country_code: string;
      invited_on: string;
      signed_on: string | null;
      treaty_status: string;
      entry_into_force_on: string | null;
      treaty_id: number;
      rule: EntryIntoForceRule;
    }[] = await this.db.query(
      `SELECT f.name, f.language, t.id AS treaty_id, t.title, t.depositary, p.country_code, p.invited_on, p.signed_on,
              t.status AS treaty_status, t.entry_into_force_on, t.entry_into_force AS rule
       FROM deliveries d JOIN focal_points f ON f.id = d.focal_point_id JOIN participants p ON p.id = d.participant_id
       JOIN treaties t ON t.id = p.treaty_id WHERE d.id = $1`,
      [delivery.id],
    );
    const status = delivery.reminder_status === 'signed' ? 'signed' : 'invited';
    return reminderMail({
      language: facts.language,
      focalPointName: facts.name,
      treatyTitle: facts.title,
      depositary: facts.depositary,
      countryCode: facts.country_code,
      status,
      since: status === 'signed' ? (facts.signed_on ?? facts.invited_on) : facts.invited_on,
      reminderNumber: delivery.reminder_number ?? 1,
      progress: {
        current: await this.countedDeposits(facts.treaty_id, facts.rule),
        required: facts.rule.minimumParties ?? null,
        inForce: facts.treaty_status === 'in_force',
        entryIntoForceOn: facts.entry_into_force_on,
      },
      contact: this.config.mailFrom,
    });
  }

  /**
   * How many counted instruments a treaty has, for the reminders' "how far from entry into force". Kept for a
   * few seconds: a sweep sends many reminders of one treaty at once, and the figure moves rarely.
   */
  private async countedDeposits(treatyId: number, rule: EntryIntoForceRule): Promise<number> {
    const cached = this.progress.get(treatyId);
    if (cached && cached.until > Date.now()) return cached.count;
    const [{ count }]: { count: number }[] = await this.db.query(
      `SELECT count(*)::int AS count FROM participants WHERE treaty_id = $1 AND deposited_on IS NOT NULL AND withdrawn_on IS NULL AND instrument = ANY($2)`,
      [treatyId, rule.countedInstruments ?? INSTRUMENTS],
    );
    this.progress.set(treatyId, { count, until: Date.now() + PROGRESS_CACHE_MS });
    return count;
  }

  private async composeDeathNotice(delivery: DeliveryRow): Promise<{ subject: string; text: string }> {
    const [dead]: DeliveryRow[] = await this.db.query(`SELECT * FROM deliveries WHERE id = $1`, [delivery.about_delivery_id]);
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
  private async tellStaffOfDeath(dead: DeliveryRow): Promise<void> {
    if (dead.kind.startsWith('notice.')) return;
    await this.db.transaction(async (tx) => {
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
    });
  }
}
