import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DeliveryRow, MAX_DELIVERY_ATTEMPTS } from './deliveries';
import { Mailer, OutgoingMail } from './mailer';
import { TreatyEventDetails, TreatyEventKind, staffNotice } from './staff-notices';

const LEASE_SECONDS = 60;

/** A send that should be tried again later: BullMQ retries the job with back-off. */
export class DeliveryRetry extends Error {}

/**
 * Sends one delivery. A lease in PostgreSQL lets one worker at a time send it; a delivery already sent is
 * skipped, so a repeated job sends nothing twice. SMTP 5xx answers are final; other failures are retried up
 * to MAX_DELIVERY_ATTEMPTS, after which the delivery is dead.
 */
@Injectable()
export class DeliverySender {
  private readonly logger = new Logger(DeliverySender.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(Mailer) private readonly mailer: Mailer,
  ) {}

  async deliver(deliveryId: number): Promise<'sent' | 'skipped' | 'dead'> {
    const [[claimed]]: [DeliveryRow[], number] = await this.db.query(
      `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, lease_until = now() + interval '${LEASE_SECONDS} seconds', updated_at = now()
       WHERE id = $1 AND (status IN ('queued', 'failed') OR (status = 'sending' AND lease_until < now()))
       RETURNING *`,
      [deliveryId],
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
        return 'dead';
      }
      throw new DeliveryRetry(`delivery ${deliveryId} attempt ${claimed.attempts} failed: ${message}`);
    }
  }

  private async compose(delivery: DeliveryRow): Promise<OutgoingMail> {
    if (delivery.treaty_event_id === null) throw new Error(`delivery ${delivery.id} of kind ${delivery.kind} has nothing to compose from`);
    const [event]: { kind: TreatyEventKind; details: TreatyEventDetails }[] = await this.db.query(
      `SELECT kind, details FROM treaty_events WHERE id = $1`,
      [delivery.treaty_event_id],
    );
    const notice = staffNotice(event.kind, event.details);
    return {
      to: delivery.recipient,
      subject: notice.subject,
      text: notice.text,
      headers: { 'X-Depositary-Delivery': String(delivery.id) },
    };
  }
}
