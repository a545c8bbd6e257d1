import { Queue } from 'bullmq';
import { AddressInfo, createServer } from 'node:net';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { MAIL_QUEUE, TREATY_QUEUE } from '@depositary/jobs';
import { TestApp, bearer, createTreaty, startTestApp } from '../support/app';
import { ServiceProcess, processEnv, spawnService } from '../support/processes';

/** The JSON log records a process wrote so far (one object per line; other lines are skipped). */
function records(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('operations: logs, request ids, probes and metrics of the API and the worker processes', () => {
  let t: TestApp;
  let api: ServiceProcess;
  let worker: ServiceProcess | undefined;

  beforeAll(async () => {
    t = await startTestApp();
    // No LOG_FORMAT: JSON is the default of every process but `npm start`. A short statement timeout, for the 503 test.
    api = await spawnService('api', processEnv(t.config, { DATABASE_STATEMENT_TIMEOUT_MS: '1000' }));
  });
  afterAll(async () => {
    await worker?.stop();
    await api.stop();
    await t.close();
  });

  it('writes one JSON access line per request, with the request id it echoes (the client’s, or a new one)', async () => {
    const given = await request(api.url!)
      .get('/api/countries')
      .set(...bearer(t.users.officer))
      .set('x-request-id', 'ops-given-1');
    expect(given.status).toBe(200);
    expect(given.headers['x-request-id']).toBe('ops-given-1');
    const generated = await request(api.url!)
      .get('/api/treaties/nowhere')
      .set(...bearer(t.users.officer));
    expect(generated.status).toBe(404);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await request(api.url!)
      .get('/api/countries')
      .set(...bearer(t.users.officer))
      .set('x-request-id', 'no spaces {here}');
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const line = await eventually(
      () => records(api.output()).find((record) => record.requestId === 'ops-given-1' && record.context === 'HTTP'),
      'the access line',
    );
    expect(line).toMatchObject({ level: 'log', method: 'GET', route: '/api/countries', url: '/api/countries', status: 200 });
    expect(typeof line.durationMs).toBe('number');
    expect(typeof line.time).toBe('string');
    const missing = await eventually(
      () => records(api.output()).find((record) => record.requestId === generated.headers['x-request-id']),
      'the 404 line',
    );
    expect(missing).toMatchObject({ route: '/api/treaties/:slug', status: 404 });
    expect(api.output()).not.toMatch(/\u001b\[/); // no ANSI colours
  });

  it('logs a failed sign-in with the address and the e-mail, never the password', async () => {
    const refused = await request(api.url!)
      .post('/api/auth/token')
      .set('x-request-id', 'ops-sign-in')
      .send({ email: t.users.officer.email, password: 'a-wrong-password-9f3k' });
    expect(refused.status).toBe(401);
    const warning = await eventually(
      () => records(api.output()).find((record) => record.requestId === 'ops-sign-in' && record.level === 'warn'),
      'the sign-in warning',
    );
    expect(warning).toMatchObject({ email: t.users.officer.email, status: 401, ip: '127.0.0.1' });
    expect(api.output()).not.toContain('a-wrong-password-9f3k');
  });

  it('carries the request id of an act into the outbox and the worker’s log of the recompute it causes', async () => {
    await createTreaty(t, 'ops-trace', ['KAZ']);
    const signed = await request(api.url!)
      .post('/api/treaties/ops-trace/participants/KAZ/actions')
      .set(...bearer(t.users.officer))
      .set('x-request-id', 'ops-act-42')
      .send({ action: 'sign', date: '2014-01-01' });
    expect(signed.status).toBe(201);
    const db = t.app.get(DataSource);
    const [row]: { payload: { requestId: string } }[] = await db.query(
      `SELECT payload FROM outbox WHERE topic = 'participant.changed' AND payload->>'eventId' = $1::text`,
      [String(signed.body.event.id)],
    );
    expect(row.payload.requestId).toBe('ops-act-42');

    worker = await spawnService('worker', processEnv(t.config, { LOG_FORMAT: 'json' }));
    const recompute = await eventually(
      () =>
        records(worker!.output()).find(
          (record) =>
            record.context === 'TreatyProcessor' && typeof record.requestId === 'string' && record.requestId.includes('ops-act-42'),
        ),
      'the recompute line',
    );
    expect(recompute).toMatchObject({ level: 'log', status: 'open' });
    expect(typeof recompute.lagMs).toBe('number');
  });

  it('carries the request id of an act into the work that follows: its notification draft, the recompute’s e-mails', async () => {
    await createTreaty(t, 'ops-trace-mail', ['KAZ'], { entryIntoForce: { minimumParties: 1 } });
    worker ??= await spawnService('worker', processEnv(t.config, { LOG_FORMAT: 'json' }));
    // The worker's first reconcile pass recomputes every treaty on its own account: the act comes after it.
    await eventually(() => records(worker!.output()).find((record) => /^reconcile \(/.test(String(record.message))), 'the first reconcile');
    // And after the recompute the invitation caused, which would otherwise find the act's deposit on its own account.
    const db = t.app.get(DataSource);
    const [{ id: treatyId }]: { id: number }[] = await db.query(`SELECT id FROM treaties WHERE slug = 'ops-trace-mail'`);
    await eventually(
      () => records(worker!.output()).find((record) => String(record.message).startsWith(`recompute of treaty ${treatyId}:`)),
      'the recompute of the invitation',
    );
    const acceded = await request(api.url!)
      .post('/api/treaties/ops-trace-mail/participants/KAZ/actions')
      .set(...bearer(t.users.officer))
      .set('x-request-id', 'ops-act-43')
      .send({ action: 'accede', date: '2014-01-01' });
    expect(acceded.status).toBe(201);
    const [draft]: { payload: { requestId: string } }[] = await db.query(
      `SELECT payload FROM outbox WHERE topic = 'notification.draft' AND payload->>'eventId' = $1::text`,
      [String(acceded.body.event.id)],
    );
    expect(draft.payload.requestId).toBe('ops-act-43');
    // The threshold met and the entry into force, found by the recompute in the worker, queue the staff's e-mails.
    const mails = await eventually(async () => {
      const rows: { requestId: string | null }[] = await db.query(
        `SELECT o.payload->>'requestId' AS "requestId" FROM outbox o JOIN deliveries d ON d.id = (o.payload->>'deliveryId')::bigint
         JOIN treaties t ON t.id = d.treaty_id
         WHERE o.topic = 'delivery.created' AND t.slug = 'ops-trace-mail' AND d.kind <> 'reminder'`,
      );
      return rows.length > 0 ? rows : undefined;
    }, 'the e-mails of the treaty’s entry into force');
    // The recompute follows every act committed since the last one (the invitation's request too): it names them all.
    for (const mail of mails) expect(mail.requestId?.split(',')).toContain('ops-act-43');
  });

  it('the worker answers its probes and metrics on its own port', async () => {
    worker ??= await spawnService('worker', processEnv(t.config, { LOG_FORMAT: 'json' }));
    const url = worker.url!;
    expect((await request(url).get('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await request(url).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
    expect((await request(url).get('/health')).status).toBe(200);
    expect((await request(url).get('/nothing')).status).toBe(404);

    const metrics = await eventually(async () => {
      const text = (await request(url).get('/metrics')).text;
      return /depositary_recompute_lag_seconds_count [1-9]/.test(text) ? text : undefined;
    }, 'a recompute lag observed');
    expect(metrics).toMatch(/depositary_queue_jobs\{queue="treaty",state="waiting"\} \d+/);
    expect(metrics).toMatch(/depositary_queue_jobs\{queue="mail",state="failed"\} \d+/);
    expect(metrics).toMatch(/^depositary_outbox_pending \d+$/m);
    expect(metrics).toMatch(/^depositary_outbox_oldest_pending_age_seconds [\d.e+-]+$/m);
    expect(metrics).toMatch(/depositary_deliveries\{status="dead"\} \d+/);
    expect(metrics).toMatch(/depositary_jobs_completed_total\{queue="treaty"\} [1-9]/);
    expect(metrics).toContain('# TYPE depositary_jobs_failed_total counter');
    expect(metrics).toContain('process_resident_memory_bytes');
  });

  it('the API answers /health/live and /health/ready, and counts acts and errors', async () => {
    expect((await request(api.url!).get('/health/live')).body).toEqual({ status: 'ok' });
    expect((await request(api.url!).get('/health/ready')).body).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
    const metrics = (await request(api.url!).get('/metrics')).text;
    expect(metrics).toMatch(/depositary_acts_recorded_total\{action="sign"\} 1/);
    expect(metrics).toContain('# TYPE depositary_http_errors_total counter');
    expect(metrics).toContain('# TYPE depositary_notifications_issued_total counter');
  });

  it('counts an answer >= 500 in depositary_http_errors_total (a statement that times out: 503)', async () => {
    const owner = new Client({ connectionString: t.databaseUrl });
    await owner.connect();
    try {
      await owner.query('BEGIN');
      await owner.query('LOCK TABLE treaties IN ACCESS EXCLUSIVE MODE');
      const waited = await request(api.url!)
        .get('/api/treaties/ops-trace')
        .set(...bearer(t.users.officer))
        .set('x-request-id', 'ops-timeout');
      expect(waited.status).toBe(503);
    } finally {
      await owner.query('ROLLBACK');
      await owner.end();
    }
    const line = await eventually(
      () => records(api.output()).find((record) => record.requestId === 'ops-timeout' && record.status === 503),
      'the 503 access line',
    );
    expect(line).toMatchObject({ route: '/api/treaties/:slug', status: 503 });
    const metrics = (await request(api.url!).get('/metrics')).text;
    expect(metrics).toMatch(/^depositary_http_errors_total\{status="503"\} 1$/m);
  });

  it('the worker’s metrics read the outbox backlog, the queues, the dead deliveries and the failed jobs', async () => {
    // No relay runs while the backlog is set up: an outbox row an hour old, left pending (held by a row lock).
    await worker?.stop();
    worker = undefined;
    const owner = new Client({ connectionString: t.databaseUrl });
    await owner.connect();
    const queues = [TREATY_QUEUE, MAIL_QUEUE].map(
      (name) => new Queue(name, { connection: { url: t.config.redisUrl }, prefix: t.config.queuePrefix }),
    );
    const [treatyQueue, mailQueue] = queues;
    try {
      const [{ id }] = (
        await owner.query<{ id: string }>(
          `INSERT INTO outbox (topic, payload, created_at) VALUES ('participant.changed', '{}', now() - interval '1 hour') RETURNING id`,
        )
      ).rows;
      await owner.query(
        `INSERT INTO deliveries (kind, key, recipient, status, attempts) VALUES ('reminder', 'ops-dead-1', 'gone@example.org', 'dead', 5)`,
      );
      const dead = (await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE status = 'dead'`)).rows[0].n;
      await owner.query('BEGIN');
      await owner.query('SELECT id FROM outbox WHERE id = $1 FOR UPDATE', [id]);
      await mailQueue.add('deliver', { deliveryId: -1 }, { delay: 3_600_000, jobId: 'ops-later' });
      await treatyQueue.add('no-such-job', {}, { attempts: 1, jobId: 'ops-doomed' });

      const port = await freePort();
      worker = await spawnService('worker', processEnv(t.config, { WORKER_PORT: String(port) }));
      const url = worker.url!;
      expect(new URL(url).port).toBe(String(port));
      const metrics = await eventually(async () => {
        const text = (await request(url).get('/metrics')).text;
        return /depositary_jobs_failed_total\{queue="treaty",final="true"\} 1/.test(text) ? text : undefined;
      }, 'the failed job counted');
      expect(metrics).toMatch(/^depositary_outbox_pending [1-9]\d*$/m);
      const age = Number(/^depositary_outbox_oldest_pending_age_seconds (\S+)$/m.exec(metrics)?.[1]);
      expect(age).toBeGreaterThanOrEqual(3600);
      expect(age).toBeLessThan(3700);
      expect(metrics).toMatch(new RegExp(`^depositary_deliveries\\{status="dead"\\} ${dead}$`, 'm'));
      expect(metrics).toMatch(/^depositary_queue_jobs\{queue="mail",state="delayed"\} [1-9]\d*$/m);
      expect(metrics).toMatch(/^depositary_queue_jobs\{queue="treaty",state="failed"\} [1-9]\d*$/m);
      const failed = await eventually(
        () => records(worker!.output()).find((record) => record.jobId === 'ops-doomed' && record.level === 'error'),
        'the dead letter logged',
      );
      expect(failed).toMatchObject({ queue: TREATY_QUEUE, job: 'no-such-job' });
      // Retention runs hourly, from a job scheduler the worker sets up.
      const retention = await eventually(() => treatyQueue.getJobScheduler('retention-hourly'), 'the retention schedule');
      expect(retention).toMatchObject({ name: 'retention', pattern: '25 * * * *' });
    } finally {
      await owner.query('ROLLBACK');
      await owner.end();
      await Promise.all(queues.map((queue) => queue.close()));
    }
  });
});
