import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeCursor, encodeCursor } from '@depositary/domain';
import { DataSource } from 'typeorm';
import type { DeliveryKind, DeliveryStatus, DeliveryView } from '@depositary/contracts';
import type { DeliveriesRow } from '@depositary/persistence';

export type { DeliveryView } from '@depositary/contracts';

export interface DeliveryFilter {
  status?: DeliveryStatus;
  kind?: DeliveryKind;
  country?: string;
  cursor?: string;
  limit?: number;
}

type DeliveryListRow = Omit<
  DeliveriesRow,
  | 'key'
  | 'treaty_id'
  | 'treaty_event_id'
  | 'lease_until'
  | 'participant_id'
  | 'focal_point_id'
  | 'about_delivery_id'
  | 'depositary_notification_id'
> & {
  slug: string | null;
};

/** The delivery log: every e-mail the service sent or tried to send. */
@Injectable()
export class NotificationsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(filter: DeliveryFilter): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    const limit = filter.limit ?? 100;
    const rows: DeliveryListRow[] = await this.db.query(
      `SELECT d.*, t.slug FROM deliveries d LEFT JOIN treaties t ON t.id = d.treaty_id
       WHERE ($1::text IS NULL OR d.status = $1) AND ($2::text IS NULL OR d.kind = $2) AND ($3::char(3) IS NULL OR d.country_code = $3)
         AND d.id > $4
       ORDER BY d.id LIMIT ${limit + 1}`,
      [filter.status ?? null, filter.kind ?? null, filter.country ?? null, filter.cursor ? decodeCursor(filter.cursor) : 0],
    );
    const items = rows.slice(0, limit).map((row): DeliveryView => ({
      id: row.id,
      kind: row.kind,
      recipient: row.recipient,
      treaty: row.slug,
      country: row.country_code,
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      messageId: row.message_id,
      reminder: row.reminder_status && row.reminder_number ? { status: row.reminder_status, number: row.reminder_number } : null,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      sentAt: row.sent_at ? row.sent_at.toISOString() : null,
    }));
    return { items, nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1].id) : null };
  }
}
