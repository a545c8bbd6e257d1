import { Client } from 'pg';
import { bearer } from '../support/app';
import { eventually } from '../support/smtp-sink';
import { FaultStack, checkInvariants, startStack } from './stack';

describe('PostgreSQL connections cut during a transition', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await startStack({ workers: 1 });
  });
  afterAll(() => stack.close());

  it('the client gets 503 and nothing is half-written; the next request succeeds', async () => {
    const { t, db, pg } = stack;
    const officer = bearer(t.users.officer);
    await t
      .http()
      .post('/api/treaties')
      .set(...officer)
      .send({ slug: 'cut', title: 'Convention cut short', openedForSignatureOn: '2019-01-01', entryIntoForce: { minimumParties: 2 } })
      .expect(201);
    await t
      .http()
      .post('/api/treaties/cut/participants')
      .set(...officer)
      .send({ countries: ['KAZ'], invitedOn: '2019-01-01' })
      .expect(201);
    const before = (await db.query(`SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM outbox) AS outbox`))
      .rows[0];

    // Hold the participant's row so that the API's transition stops in the middle, waiting for the lock.
    const holder = new Client({ connectionString: pg.url() });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM participants WHERE country_code = 'KAZ' FOR UPDATE`);
    const pending = t
      .http()
      .post('/api/treaties/cut/participants/KAZ/actions')
      .set(...officer)
      .send({ action: 'sign', date: '2020-01-01' });
    const response = pending.then((r) => r);
    const waiting = await eventually(
      async () => {
        const { rows } = await db.query(
          `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE OF p%' AND pid <> pg_backend_pid()`,
        );
        return rows[0]?.pid as number | undefined;
      },
      10_000,
      'the transition to wait on the lock',
    );
    await db.query('SELECT pg_terminate_backend($1)', [waiting]);

    const cut = await response;
    expect(cut.status).toBe(503);
    expect(cut.body).toMatchObject({ error: 'service_unavailable' });
    await holder.query('ROLLBACK');
    await holder.end();

    const after = (await db.query(`SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM outbox) AS outbox`))
      .rows[0];
    expect(after).toEqual(before);
    const kaz = (await db.query(`SELECT status, version FROM participants WHERE country_code = 'KAZ'`)).rows[0];
    expect(kaz).toEqual({ status: 'invited', version: 1 });

    const retried = await t
      .http()
      .post('/api/treaties/cut/participants/KAZ/actions')
      .set(...officer)
      .send({ action: 'sign', date: '2020-01-01' });
    expect(retried.status).toBe(201);
    await checkInvariants(stack);
  });
});
