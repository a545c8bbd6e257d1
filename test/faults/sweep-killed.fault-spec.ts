import { REMINDER_QUEUE, ReminderJob } from '@depositary/jobs';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { bearer } from '../support/app';
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
    // Through the API, so that each invitation is an event of its participant's chain (the audit verifies them).
    const treaty = await t
      .http()
      .post('/api/treaties')
      .set(...bearer(t.users.officer))
      .send({
        slug: 'swept',
        title: 'Convention of the interrupted sweep',
        openedForSignatureOn: '2015-01-01',
        entryIntoForce: { minimumParties: 300 },
        reminders: [{ status: 'invited', afterDays: 30, everyDays: 30, maxReminders: 2 }],
      });
    expect(treaty.status).toBe(201);
    const { rows: countries } = await db.query<{ code: string }>(`SELECT code FROM countries ORDER BY code`);
    const invited = await t
      .http()
      .post('/api/treaties/swept/participants')
      .set(...bearer(t.users.officer))
      .send({ countries: countries.map((country) => country.code), invitedOn: '2015-01-01' });
    expect(invited.status).toBe(201);
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
