import { REMINDER_QUEUE, ReminderJob } from '@depositary/jobs';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { eventually } from '../support/smtp-sink';
import { FaultStack, checkInvariants, startStack } from './stack';

describe('a worker killed with SIGKILL during a reminder sweep', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await startStack({ workers: 1 });
  });
  afterAll(() => stack.close());

  it('the sweep is retried by another worker; each reminder is queued and sent once', async () => {
    const { db, pg, redis, t } = stack;
    // 250 invited participants of one treaty, each country with an active focal point: 250 reminders due.
    await db.query(`INSERT INTO treaties (slug, title, opened_for_signature_on, entry_into_force, reminders)
      VALUES ('swept', 'Convention of the interrupted sweep', '2015-01-01', '{"minimumParties": 300}',
              '[{"status": "invited", "afterDays": 30, "everyDays": 30, "maxReminders": 2}]')`);
    await db.query(`INSERT INTO participants (treaty_id, country_code, status, invited_on, last_act_on, event_count, last_hash)
      SELECT t.id, c.code, 'invited', '2015-01-01', '2015-01-01', 0, repeat('0', 64) FROM treaties t CROSS JOIN countries c WHERE t.slug = 'swept'`);
    await db.query(`INSERT INTO focal_points (country_code, name, email, language)
      SELECT code, 'Focal ' || code, 'focal.' || lower(code) || '@example.org', 'en' FROM countries`);

    // Hold the deliveries table so that the sweep stops in the middle of its statement; kill its worker there.
    const holder = new Client({ connectionString: pg.url() });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE deliveries IN SHARE ROW EXCLUSIVE MODE');
    const queue = new Queue(REMINDER_QUEUE, { connection: { host: '127.0.0.1', port: redis.port }, prefix: t.config.queuePrefix });
    await queue.add(ReminderJob.Sweep, {}, { jobId: 'sweep-under-test' });
    await eventually(
      async () => {
        const { rows } = await db.query(
          `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%jsonb_array_elements(t.reminders)%'`,
        );
        return rows.length ? true : undefined;
      },
      15_000,
      'the sweep to be under way',
    );
    await stack.workers[0].stop('SIGKILL');
    await holder.query('ROLLBACK');
    await holder.end();

    await stack.spawnWorker();
    await eventually(
      async () => {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE kind = 'reminder' AND status = 'sent'`);
        return rows[0].n === 250 ? true : undefined;
      },
      90_000,
      'the 250 reminders sent',
    );
    await checkInvariants(stack);
    const { rows } = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT participant_id)::int AS participants FROM deliveries WHERE kind = 'reminder'`,
    );
    expect(rows[0]).toEqual({ n: 250, participants: 250 });
    expect(stack.sink.messages.filter((mail) => mail.subject.startsWith('Reminder:'))).toHaveLength(250);
    await queue.close();
  });
});
