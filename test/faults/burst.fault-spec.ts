import request from 'supertest';
import { bearer } from '../support/app';
import { eventually } from '../support/smtp-sink';
import { FaultStack, checkInvariants, startStack } from './stack';

const TREATIES = 20;
const COUNTRIES = ['AFG', 'BGD', 'BFA', 'EGY', 'GMB', 'KAZ', 'KWT', 'NER', 'PSE', 'QAT', 'SAU', 'ARE', 'SEN'];

describe('three workers and two API processes under a burst of 500 acts across 20 treaties', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await startStack({ apis: 2, workers: 3 });
  });
  afterAll(() => stack.close());

  it('every act lands once, every treaty reaches the right status, each notice is sent once', async () => {
    const { t, apis, db } = stack;
    const officer = bearer(t.users.officer);
    for (let i = 0; i < TREATIES; i++) {
      await t
        .http()
        .post('/api/treaties')
        .set(...officer)
        .send({ slug: `burst-${i}`, title: `Protocol ${i}`, openedForSignatureOn: '2019-01-01', entryIntoForce: { minimumParties: 10 } })
        .expect(201);
      await t
        .http()
        .post(`/api/treaties/burst-${i}/participants`)
        .set(...officer)
        .send({ countries: COUNTRIES, invitedOn: '2019-01-01' })
        .expect(201);
    }
    // 20 treaties × 13 countries: a signature then a ratification each (520 acts), ratifications dated by country.
    const acts = Array.from({ length: TREATIES }, (_, i) =>
      COUNTRIES.map((code, c) => ({ slug: `burst-${i}`, code, ratifyOn: `2020-02-${String(1 + c).padStart(2, '0')}` })),
    ).flat();
    const statuses: number[] = [];
    const send = (n: number, path: string, body: object) =>
      request(apis[n % 2].url!)
        .post(path)
        .set(...officer)
        .send(body)
        .then((response) => statuses.push(response.status));
    const queue = acts.map((act, n) => async () => {
      await send(n, `/api/treaties/${act.slug}/participants/${act.code}/actions`, { action: 'sign', date: '2020-01-15' });
      await send(n + 1, `/api/treaties/${act.slug}/participants/${act.code}/actions`, { action: 'ratify', date: act.ratifyOn });
    });
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let job = queue.shift(); job; job = queue.shift()) await job();
      }),
    );
    expect(statuses).toHaveLength(520);
    expect(statuses.filter((status) => status !== 201)).toEqual([]);

    await eventually(
      async () => {
        const { rows } = await db.query(`SELECT count(*)::int AS n FROM treaties WHERE status = 'in_force'`);
        const members = await db.query(`SELECT count(*)::int AS n FROM participants WHERE status = 'member'`);
        return rows[0].n === TREATIES && members.rows[0].n === TREATIES * COUNTRIES.length ? true : undefined;
      },
      90_000,
      'every treaty in force with its members',
    );
    // Acts of one treaty arrive out of date order through 16 connections: a treaty evaluated in force before
    // its earlier deposits landed keeps its date and goes to legal review (checkInvariants holds both cases).
    await checkInvariants(stack);
    const notices = await db.query(
      `SELECT kind, count(*)::int AS n FROM treaty_events WHERE kind <> 'legal_review' GROUP BY kind ORDER BY kind`,
    );
    expect(notices.rows).toEqual([
      { kind: 'entered_into_force', n: TREATIES },
      { kind: 'threshold_met', n: TREATIES },
    ]);
    const dates = await db.query(`SELECT count(*)::int AS n FROM treaties WHERE threshold_met_on = '2020-02-10'`);
    expect(dates.rows[0].n).toBeGreaterThan(0);
    expect(stack.sink.messages.filter((mail) => mail.subject.startsWith('Threshold met'))).toHaveLength(TREATIES);
  });
});
