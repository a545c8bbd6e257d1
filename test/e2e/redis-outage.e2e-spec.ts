import { Client } from 'pg';
import { TestApp, bearer, startTestApp } from '../support/app';
import { PrivateRedis } from '../support/private-redis';
import { ServiceProcess, processEnv, spawnService } from '../support/processes';
import { SmtpSink, eventually, startSmtpSink } from '../support/smtp-sink';

describe('Redis stopped while officers record acts, a worker killed with SIGKILL', () => {
  let redis: PrivateRedis;
  let sink: SmtpSink;
  let t: TestApp;
  const workers: ServiceProcess[] = [];

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    sink = await startSmtpSink();
    t = await startTestApp({ env: { REDIS_URL: redis.url, SMTP_URL: sink.url } });
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
    await t.close();
    await sink.close();
    await redis.stop();
  });

  it('acts still return 201; once Redis is back (empty) the threshold is found and notified once', async () => {
    const slug = 'outage';
    const officer = bearer(t.users.officer);
    await t
      .http()
      .post('/api/treaties')
      .set(...officer)
      .send({
        slug,
        title: 'Convention of the bad day',
        openedForSignatureOn: '2019-01-01',
        entryIntoForce: { minimumParties: 3, entersIntoForce: {} },
      })
      .expect(201);
    await t
      .http()
      .post(`/api/treaties/${slug}/participants`)
      .set(...officer)
      .send({ countries: ['KAZ', 'SEN', 'SAU', 'QAT'], invitedOn: '2019-01-01' })
      .expect(201);
    workers.push(await spawnService('worker', processEnv(t.config)));

    await redis.stop();
    expect((await t.http().get('/health')).status).toBe(503);
    for (const [code, date] of [
      ['KAZ', '2020-02-01'],
      ['SEN', '2020-03-01'],
      ['SAU', '2020-04-01'],
    ]) {
      const response = await t
        .http()
        .post(`/api/treaties/${slug}/participants/${code}/actions`)
        .set(...officer)
        .send({ action: 'accede', date });
      expect(response.status).toBe(201);
    }
    // The worker, cut off from Redis, is killed outright in the middle of it all.
    await workers[0].stop('SIGKILL');
    expect(
      (
        await t
          .http()
          .get(`/api/treaties/${slug}/status`)
          .set(...officer)
      ).body.status,
    ).toBe('open');

    await redis.start(); // empty: no job survived
    workers.push(await spawnService('worker', processEnv(t.config)));
    const status = await eventually(async () => {
      const body = (
        await t
          .http()
          .get(`/api/treaties/${slug}/status`)
          .set(...officer)
      ).body;
      return body.status === 'in_force' && body.counts.member === 3 ? body : undefined;
    }, 30_000);
    expect(status).toMatchObject({ threshold: { metOn: '2020-04-01' }, entryIntoForceOn: '2020-04-01' });
    await eventually(() => (sink.messages.filter((mail) => /^In force/.test(mail.subject)).length ? true : undefined), 20_000, 'notices');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sink.messages.map((mail) => mail.subject.split(':')[0]).sort()).toEqual(['In force', 'Threshold met']);
    expect((await t.http().get('/health')).status).toBe(200);

    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const pending = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NULL`);
      expect(pending.rows[0].n).toBe(0);
      const verify = await t
        .http()
        .get('/api/audit/verify')
        .set(...bearer(t.users.auditor));
      expect(verify.body).toMatchObject({ ok: true, firstBroken: null });
    } finally {
      await db.end();
    }
  });
});
