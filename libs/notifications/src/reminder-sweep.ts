import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { todayUtc } from '@depositary/domain';
import { currentRequestId, notificationsIssued } from '@depositary/observability';
import { DataSource } from 'typeorm';
import { deliveriesCreatedSql } from '@depositary/jobs';

/**
 * Finds the reminders due today, from the database alone, and queues them: a participant in a policy's
 * status for afterDays + k × everyDays days, having had k < maxReminders reminders for that status (and none
 * in the last everyDays days), is due its reminder number k + 1, one e-mail per active focal point of its
 * country. Each (participant, status, number, focal point) has a unique delivery key, so a second sweep, or
 * two sweeps at once, queue nothing twice. Returns how many reminders it queued.
 */
@Injectable()
export class ReminderSweep {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async sweep(asOf: string = todayUtc()): Promise<{ enqueued: number }> {
    const [{ enqueued }]: { enqueued: number }[] = await this.db.query(
      `WITH policies AS (
         SELECT t.id AS treaty_id, p->>'status' AS status, (p->>'afterDays')::int AS after_days,
                (p->>'everyDays')::int AS every_days, (p->>'maxReminders')::int AS max_reminders
         FROM treaties t CROSS JOIN LATERAL jsonb_array_elements(t.reminders) AS p
       ), candidates AS (
         SELECT pa.id AS participant_id, pa.treaty_id, pa.country_code, po.status, po.after_days, po.every_days, po.max_reminders,
                CASE po.status WHEN 'invited' THEN pa.invited_on WHEN 'signed' THEN pa.signed_on END AS since
         FROM participants pa JOIN policies po ON po.treaty_id = pa.treaty_id AND po.status = pa.status
       ), history AS (
         SELECT participant_id, reminder_status, max(reminder_number) AS had, max(created_at) AS last_at
         FROM deliveries WHERE kind = 'reminder' GROUP BY participant_id, reminder_status
       ), due AS (
         SELECT c.*, coalesce(h.had, 0) AS had
         FROM candidates c LEFT JOIN history h ON h.participant_id = c.participant_id AND h.reminder_status = c.status
         WHERE coalesce(h.had, 0) < c.max_reminders
           AND $1::date - c.since >= c.after_days + coalesce(h.had, 0) * c.every_days
           AND (h.last_at IS NULL OR $1::date - (h.last_at AT TIME ZONE 'UTC')::date >= c.every_days)
       ), inserted AS (
         INSERT INTO deliveries (kind, key, recipient, treaty_id, country_code, participant_id, focal_point_id, reminder_status, reminder_number)
         SELECT 'reminder', concat_ws('-', 'reminder', d.participant_id, d.status, d.had + 1, f.id), f.email, d.treaty_id, d.country_code,
                d.participant_id, f.id, d.status, d.had + 1
         FROM due d JOIN focal_points f ON f.country_code = d.country_code AND f.active
         ON CONFLICT (key) DO NOTHING
         RETURNING id
       ), queued AS (
         ${deliveriesCreatedSql('$2')}
       )
       SELECT count(*)::int AS enqueued FROM inserted`,
      [asOf, currentRequestId() ?? null],
    );
    if (enqueued) notificationsIssued().inc({ kind: 'reminder' }, enqueued);
    return { enqueued };
  }
}
