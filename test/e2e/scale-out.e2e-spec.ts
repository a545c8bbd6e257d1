import { Client } from 'pg';
import request from 'supertest';
import { TestApp, bearer, startTestApp } from '../support/app';
import { ServiceProcess, processEnv, spawnService } from '../support/processes';
import { SmtpSink, eventually, startSmtpSink } from '../support/smtp-sink';

const PARTIES = ['AFG', 'BGD', 'BFA', 'EGY', 'GMB', 'KAZ', 'KWT', 'NER', 'PSE', 'QAT', 'SAU', 'ARE'];

describe('three workers and two API processes behave as one', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let apis: ServiceProcess[] = [];
  let workers: ServiceProcess[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url } });
    const env = processEnv(t.config);
    [apis, workers] = await Promise.all([
      Promise.all([spawnService('api', env), spawnService('api', env)]),
      Promise.all([spawnService('worker', env), spawnService('worker', env), spawnService('worker', env)]),
    ]);
  });
  afterAll(async () => {
    await Promise.all([...apis, ...workers].map((process) => process.stop()));
    await t.close();
    await sink.close();
  });

  it('twelve parties depositing at once give one notice of each kind and twelve admissions', async () => {
    const slug = 'twelve-at-once';
    const officer = bearer(t.users.officer);
    await request(apis[0].url!)
      .post('/api/treaties')
      .set(...officer)
      .send({
        slug,
        title: 'Agreement deposited at once',
        openedForSignatureOn: '2019-01-01',
        entryIntoForce: { minimumParties: 10, entersIntoForce: {} },
      })
      .expect(201);
    await request(apis[1].url!)
      .post(`/api/treaties/${slug}/participants`)
      .set(...officer)
      .send({ countries: PARTIES, invitedOn: '2019-01-01' })
      .expect(201);
    const responses = await Promise.all(
      PARTIES.map((code, i) =>
        request(apis[i % 2].url!)
          .post(`/api/treaties/${slug}/participants/${code}/actions`)
          .set(...officer)
          .send({ action: 'accede', date: '2020-01-10' }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(12).fill(201));

    const status = await eventually(async () => {
      const body = (
        await request(apis[0].url!)
          .get(`/api/treaties/${slug}/status`)
          .set(...officer)
      ).body;
      return body.status === 'in_force' && body.counts.member === 12 ? body : undefined;
    }, 30_000);
    expect(status).toMatchObject({
      threshold: { metOn: '2020-01-10' },
      entryIntoForceOn: '2020-01-10',
      counts: { member: 12, ratified: 0 },
    });

    await eventually(() => (sink.messages.filter((mail) => /^In force/.test(mail.subject)).length ? true : undefined), 20_000, 'notices');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // room for any duplicate to show up
    const toOfficer = sink.messages.filter((mail) => mail.to.includes(t.users.officer.email)).map((mail) => mail.subject.split(':')[0]);
    expect(toOfficer.sort()).toEqual(['In force', 'Threshold met']);

    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const admissions = await db.query(`SELECT country_code FROM events WHERE action = 'admit' AND treaty_slug = $1`, [slug]);
      expect(admissions.rows.map((row) => row.country_code).sort()).toEqual([...PARTIES].sort());
      const deliveries = await db.query(`SELECT kind, status, count(*)::int AS n FROM deliveries GROUP BY kind, status ORDER BY kind`);
      expect(deliveries.rows).toEqual([
        { kind: 'notice.entered_into_force', status: 'sent', n: 1 },
        { kind: 'notice.threshold_met', status: 'sent', n: 1 },
      ]);
      const outbox = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NULL`);
      expect(outbox.rows[0].n).toBe(0);
    } finally {
      await db.end();
    }
  });

  it('withdrawals that took effect long ago, notified at once through both APIs, give one exit each', async () => {
    const slug = 'twelve-at-once';
    const officer = bearer(t.users.officer);
    const leaving = PARTIES.slice(0, 6);
    // Notified on 2021-01-10, they took effect a year later: already past, so each exit is due at once.
    const responses = await Promise.all(
      leaving.map((code, i) =>
        request(apis[i % 2].url!)
          .post(`/api/treaties/${slug}/participants/${code}/actions`)
          .set(...officer)
          .send({ action: 'withdraw', date: '2021-01-10' }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(6).fill(201));
    const status = await eventually(async () => {
      const body = (
        await request(apis[1].url!)
          .get(`/api/treaties/${slug}/status`)
          .set(...officer)
      ).body;
      return body.counts.withdrawn === 6 ? body : undefined;
    }, 30_000);
    // Once in force, withdrawals never undo it.
    expect(status).toMatchObject({ status: 'in_force', counts: { member: 6, withdrawn: 6 }, threshold: { current: 6 } });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // room for any duplicate to show up
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const exits = await db.query(
        `SELECT country_code, effective_date::text AS effective_date FROM events WHERE action = 'exit' AND treaty_slug = $1`,
        [slug],
      );
      expect(exits.rows.map((row) => row.country_code).sort()).toEqual([...leaving].sort());
      expect(new Set(exits.rows.map((row) => row.effective_date))).toEqual(new Set(['2022-01-10']));
    } finally {
      await db.end();
    }
  });
});
