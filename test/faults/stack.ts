import { evaluateEntryIntoForce, todayUtc } from '@depositary/domain';
import { Client } from 'pg';
import { TestApp, bearer, daysAgo, startTestApp } from '../support/app';
import { PrivatePostgres } from '../support/private-postgres';
import { PrivateRedis } from '../support/private-redis';
import { ServiceProcess, processEnv, spawnService } from '../support/processes';
import { SmtpSink, eventually, startSmtpSink } from '../support/smtp-sink';

/** A whole deployment on servers of the suite's own: PostgreSQL, Redis, an SMTP sink, API and worker processes. */
export interface FaultStack {
  pg: PrivatePostgres;
  redis: PrivateRedis;
  sink: SmtpSink;
  /** An in-process API: users, tokens and requests of the test itself. */
  t: TestApp;
  apis: ServiceProcess[];
  workers: ServiceProcess[];
  db: Client;
  spawnWorker: () => Promise<ServiceProcess>;
  close: () => Promise<void>;
}

export async function startStack(
  options: { apis?: number; workers?: number; sink?: Parameters<typeof startSmtpSink>[0]; env?: Record<string, string> } = {},
): Promise<FaultStack> {
  const [pg, redis, sink] = await Promise.all([PrivatePostgres.start(), PrivateRedis.start(), startSmtpSink(options.sink)]);
  const t = await startTestApp({ databaseUrl: pg.url(), env: { REDIS_URL: redis.url, SMTP_URL: sink.url, ...options.env } });
  const env = processEnv(t.config, options.env);
  const spawnWorker = (): Promise<ServiceProcess> => spawnService('worker', env);
  const apis = await Promise.all(Array.from({ length: options.apis ?? 0 }, () => spawnService('api', env)));
  const workers = await Promise.all(Array.from({ length: options.workers ?? 0 }, spawnWorker));
  const db = new Client({ connectionString: pg.url() });
  await db.connect();
  const stack: FaultStack = {
    pg,
    redis,
    sink,
    t,
    apis,
    workers,
    db,
    spawnWorker: async () => {
      const worker = await spawnWorker();
      stack.workers.push(worker);
      return worker;
    },
    close: async () => {
      await Promise.all([...stack.apis, ...stack.workers].map((process) => process.stop('SIGKILL')));
      await db.end();
      await t.close();
      await sink.close();
      await redis.stop();
      await pg.stop();
    },
  };
  return stack;
}

/**
 * The invariants every fault case ends with: each committed act has its event and its follow-up work
 * relayed; the audit chains verify; no e-mail went out twice; every treaty's stored status is what its
 * record gives (or, once in force, what it was when it entered into force).
 */
export async function checkInvariants(stack: FaultStack, options: { repeatsAllowed?: number } = {}): Promise<void> {
  const { db, t, sink } = stack;
  await eventually(
    async () => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE dispatched_at IS NULL`);
      return rows[0].n === 0 ? true : undefined;
    },
    30_000,
    'the outbox to drain',
  );

  const heads = await db.query(
    `SELECT p.id, p.event_count, (SELECT count(*)::int FROM events e WHERE e.participant_id = p.id) AS events FROM participants p`,
  );
  for (const row of heads.rows) expect(row.events).toBe(row.event_count);
  const verify = await t
    .http()
    .get('/api/audit/verify')
    .set(...bearer(t.users.auditor));
  expect(verify.body).toMatchObject({ ok: true, firstBroken: null });

  await eventually(
    async () => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE status IN ('queued', 'sending', 'failed')`);
      return rows[0].n === 0 ? true : undefined;
    },
    60_000,
    'every delivery to settle',
  );
  const byDelivery = new Map<string, number>();
  for (const mail of sink.messages) {
    const id = String(mail.headers.get('x-depositary-delivery'));
    byDelivery.set(id, (byDelivery.get(id) ?? 0) + 1);
  }
  // A worker killed between the mail server's acceptance and the mark "sent" leaves one e-mail to send again:
  // only the cases that kill workers while they send allow that many.
  const repeats = [...byDelivery.values()].reduce((sum, count) => sum + count - 1, 0);
  if (options.repeatsAllowed) expect(repeats).toBeLessThanOrEqual(options.repeatsAllowed);
  else expect([...byDelivery.values()].filter((count) => count > 1)).toEqual([]);

  const treaties = await db.query(
    `SELECT t.id, t.slug, t.status, t.threshold_met_on, t.entry_into_force_on, t.entry_into_force,
            (SELECT count(*)::int FROM treaty_events e WHERE e.treaty_id = t.id AND e.kind = 'entered_into_force') AS in_force_notices,
            (SELECT count(*)::int FROM treaty_events e WHERE e.treaty_id = t.id AND e.kind = 'legal_review') AS reviews
     FROM treaties t`,
  );
  for (const treaty of treaties.rows) {
    const rows = await db.query(`SELECT country_code, instrument, deposited_on, withdrawn_on FROM participants WHERE treaty_id = $1`, [
      treaty.id,
    ]);
    const deposits = rows.rows
      .filter((row) => row.instrument && row.deposited_on)
      .map((row) => ({
        country: row.country_code,
        instrument: row.instrument,
        depositedOn: row.deposited_on,
        withdrawnOn: row.withdrawn_on,
      }));
    const outcome = evaluateEntryIntoForce(treaty.entry_into_force, deposits, todayUtc());
    const stored = { slug: treaty.slug, metOn: treaty.threshold_met_on, entryIntoForceOn: treaty.entry_into_force_on };
    const computed = { slug: treaty.slug, metOn: outcome.metOn, entryIntoForceOn: outcome.entryIntoForceOn };
    // Before entry into force the stored outcome is the record's; once in force it stands, and a record that
    // has since come to say otherwise must have been sent for legal review.
    if (treaty.status !== 'in_force' || treaty.reviews === 0) expect(stored).toEqual(computed);
    expect({ slug: treaty.slug, inForceNotices: treaty.in_force_notices }).toEqual({
      slug: treaty.slug,
      inForceNotices: treaty.status === 'in_force' ? 1 : 0,
    });
  }
}

/**
 * A treaty whose countries were invited 30 days ago with a reminder due after 10 days, one English-speaking
 * focal point per country: a sweep then has one reminder to queue per country.
 */
export async function treatyWithDueReminders(stack: FaultStack, slug: string, title: string, codes: string[]): Promise<void> {
  const { t } = stack;
  const officer = bearer(t.users.officer);
  await t
    .http()
    .post('/api/treaties')
    .set(...officer)
    .send({
      slug,
      title,
      openedForSignatureOn: '2019-01-01',
      entryIntoForce: { minimumParties: 3 },
      reminders: [{ status: 'invited', afterDays: 10, everyDays: 10, maxReminders: 1 }],
    })
    .expect(201);
  await t
    .http()
    .post(`/api/treaties/${slug}/participants`)
    .set(...officer)
    .send({ countries: codes, invitedOn: daysAgo(30) })
    .expect(201);
  for (const code of codes)
    await t
      .http()
      .post(`/api/countries/${code}/focal-points`)
      .set(...officer)
      .send({ name: `Focal ${code}`, email: `focal.${code.toLowerCase()}@example.org`, language: 'en' })
      .expect(201);
}

/**
 * Every country invited in 2015 to one treaty with a reminder due (`maxReminders` of them), through the API so that
 * each invitation is an event of its participant's chain (the audit verifies them), and `focalPointsPerCountry`
 * English-speaking focal points per country written straight to PostgreSQL: a sweep then has hundreds of reminders
 * at once. Returns how many reminders the first sweep owes.
 */
export async function seedInvitedTreaty(
  stack: FaultStack,
  treaty: { slug: string; title: string; maxReminders: number },
  focalPointsPerCountry = 1,
): Promise<number> {
  const { db, t } = stack;
  const officer = bearer(t.users.officer);
  await t
    .http()
    .post('/api/treaties')
    .set(...officer)
    .send({
      slug: treaty.slug,
      title: treaty.title,
      openedForSignatureOn: '2015-01-01',
      entryIntoForce: { minimumParties: 300 },
      reminders: [{ status: 'invited', afterDays: 30, everyDays: 30, maxReminders: treaty.maxReminders }],
    })
    .expect(201);
  const { rows: countries } = await db.query<{ code: string }>(`SELECT code FROM countries ORDER BY code`);
  await t
    .http()
    .post(`/api/treaties/${treaty.slug}/participants`)
    .set(...officer)
    .send({ countries: countries.map((country) => country.code), invitedOn: '2015-01-01' })
    .expect(201);
  await db.query(
    `INSERT INTO focal_points (country_code, name, email, language)
     SELECT code, 'Focal ' || code || CASE WHEN n > 1 THEN ' ' || n ELSE '' END,
            'focal' || CASE WHEN n > 1 THEN n::text ELSE '' END || '.' || lower(code) || '@example.org', 'en'
     FROM countries CROSS JOIN generate_series(1, $1::int) AS n
     ON CONFLICT DO NOTHING`,
    [focalPointsPerCountry],
  );
  return countries.length * focalPointsPerCountry;
}
