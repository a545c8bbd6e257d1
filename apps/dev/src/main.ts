import { FocalPointsService, ParticipantsService, TreatyRecordFile, TreatyRecordImport } from '@depositary/accession';
import { UsersService } from '@depositary/auth';
import { loadConfig } from '@depositary/config';
import { Actor, todayUtc } from '@depositary/domain';
import { migrate } from '@depositary/persistence';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createApi } from '../../api/src/bootstrap';
import { createWorker, serveWorkerHttp } from '../../worker/src/bootstrap';
import { DEMO_PASSWORD, applyDevelopmentDefaults, serviceUrlOf } from './defaults';
import { startEmbeddedPostgres } from './embedded-postgres';
import { ensureRedis } from './local-redis';
import { startMailCatcher } from './mail-catcher';

/** Focal points of a few states that still owe a step, so that a reminder sweep has something to send. */
const DEMO_FOCAL_POINTS = [
  { country: 'SEN', name: 'Awa Ndiaye', email: 'focal.sen@example.org', language: 'fr' as const },
  { country: 'TUR', name: 'Deniz Kaya', email: 'focal.tur@example.org', language: 'en' as const },
  { country: 'JOR', name: 'Layla Haddad', email: 'focal.jor@example.org', language: 'ar' as const },
  { country: 'DZA', name: 'Karim Benali', email: 'focal.dza@example.org', language: 'fr' as const },
  { country: 'IDN', name: 'Siti Rahma', email: 'focal.idn@example.org', language: 'en' as const },
  { country: 'KAZ', name: 'Aigerim Sarsenova', email: 'focal.kaz@example.org', language: 'en' as const },
];

/** The state whose signature, recorded when the demo loads, leaves a depositary notification drafted and not issued. */
const DEMO_DRAFT = { country: 'IDN' };

const DEMO_USERS = [
  { email: 'officer@depositary.local', name: 'Demo depositary officer', role: 'officer' as const },
  { email: 'auditor@depositary.local', name: 'Demo legal auditor', role: 'auditor' as const },
  { email: 'kaz@depositary.local', name: 'Demo focal point of Kazakhstan', role: 'focal_point' as const, country: 'KAZ' },
];

async function withFallbackPort<T>(start: (port: number) => Promise<T>, port: number): Promise<T> {
  try {
    return await start(port);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    return start(0);
  }
}

/** `npm start`: API and worker in one process on embedded defaults, with the IOFS demo in an empty database. */
async function main(): Promise<void> {
  const dataDir = join(process.cwd(), '.data');
  mkdirSync(dataDir, { recursive: true });
  const env = { ...process.env };
  // Whatever was started is stopped, in reverse order, on Ctrl+C and on any failure to start.
  const stops: (() => unknown)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.splice(0).reverse()) await Promise.resolve(stop()).catch((error: unknown) => console.error(error));
  };
  try {
    await start(dataDir, env, stops);
  } catch (error) {
    await stopAll();
    throw error;
  }
  const shutdown = async (): Promise<void> => {
    await stopAll();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

async function start(dataDir: string, env: NodeJS.ProcessEnv, stops: (() => unknown)[]): Promise<void> {
  if (!env.DATABASE_URL) {
    console.log('Starting the embedded PostgreSQL (data in .data/postgres) ...');
    const postgres = await startEmbeddedPostgres(join(dataDir, 'postgres'), Number(env.EMBEDDED_POSTGRES_PORT ?? 54329));
    env.DATABASE_MIGRATION_URL = postgres.url;
    env.DATABASE_URL = serviceUrlOf(postgres.url, dataDir);
    stops.push(postgres.stop);
  }
  const redis = await ensureRedis(env.REDIS_URL ?? 'redis://127.0.0.1:6379', join(dataDir, 'redis'));
  env.REDIS_URL = redis.url;
  if (redis.started) console.log(`No Redis answered at ${redis.url}: started a redis-server there for this session.`);
  stops.push(redis.stop);
  let inboxUrl: string | undefined;
  if (!env.SMTP_URL) {
    const catcher = await withFallbackPort((port) => startMailCatcher(port, port === 0 ? 0 : 8025), 1025);
    env.SMTP_URL = catcher.smtpUrl;
    inboxUrl = catcher.inboxUrl;
    stops.push(catcher.stop);
  }
  applyDevelopmentDefaults(env, dataDir);
  env.LOG_FORMAT ??= 'pretty';

  const config = loadConfig(env);
  await migrate(config.databaseMigrationUrl, config.databaseUrl);
  const api = await createApi(config);
  stops.push(() => api.close());
  const worker = await createWorker(config);
  stops.push(() => worker.close());
  const workerUrl = await withFallbackPort((port) => serveWorkerHttp(worker, port, '127.0.0.1'), config.workerPort);
  const demoLoaded = await loadDemoIfEmpty(
    api.get(DataSource),
    api.get(UsersService),
    api.get(TreatyRecordImport),
    api.get(FocalPointsService),
    api.get(ParticipantsService),
  );
  await api.listen(config.port, config.host);

  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = config.port === 0 ? await api.getUrl() : `http://${host}:${config.port}`;
  console.log(
    [
      '',
      'Depositary is running.',
      `  Web page     ${url}/`,
      `  API          ${url}/api   (OpenAPI: ${url}/api/docs)`,
      `  Health       ${url}/health   (worker: ${workerUrl}/health, metrics at /metrics on both)`,
      `  Demo chart   ${url}/api/treaties/iofs-statute/participants`,
      `  Public page  ${url}/public/iofs-statute   (no sign-in; ?lang=fr or ar, ?asOf=2018-02-18)`,
      `  Open data    ${url}/public/treaties/iofs-statute   (JSON; ?format=csv; /notifications.atom)`,
      `  Database     ${redact(config.databaseUrl)}`,
      `  Redis        ${config.redisUrl}${redis.started ? ' (started for this session)' : ''}`,
      `  Mail         ${inboxUrl ? `embedded catcher, inbox at ${inboxUrl}` : redact(config.smtpUrl ?? '')}`,
      '',
      `Sign in (POST ${url}/api/auth/token) as ${config.admin?.email ?? 'your ADMIN_EMAIL'}${env.ADMIN_PASSWORD === DEMO_PASSWORD ? ` / ${DEMO_PASSWORD}` : ''}`,
      ...(demoLoaded ? DEMO_USERS.map((user) => `  or ${user.email} / ${DEMO_PASSWORD} (${user.role})`) : []),
      demoLoaded ? 'The IOFS Statute demo was loaded into the empty database, with focal points for SEN, TUR, JOR, DZA, IDN and KAZ.' : '',
      demoLoaded
        ? `An illustrative signature by Indonesia, recorded today, left a depositary notification to issue: ${url}/#/notifications as the officer.`
        : '',
      `Send the reminders due now: POST ${url}/api/reminders/sweep as the officer, then read them in the mail inbox.`,
      'Press Ctrl+C to stop.',
    ].join('\n'),
  );
}

async function loadDemoIfEmpty(
  db: DataSource,
  users: UsersService,
  importer: TreatyRecordImport,
  focalPoints: FocalPointsService,
  participants: ParticipantsService,
): Promise<boolean> {
  const [{ count }]: { count: number }[] = await db.query('SELECT count(*)::int AS count FROM treaties');
  if (count > 0) return false;
  let officer: Actor | undefined;
  for (const demo of DEMO_USERS) {
    const existing = await users.findForLogin(demo.email);
    const user = existing
      ? { id: existing.id, email: existing.email, role: existing.role }
      : await users.create('system', { ...demo, password: DEMO_PASSWORD });
    if (demo.role === 'officer') officer = { id: user.id, email: user.email, role: user.role, countryCode: null };
  }
  const record = JSON.parse(readFileSync(join(__dirname, 'iofs-statute.json'), 'utf8')) as TreatyRecordFile;
  // The demo is public: anyone may read its status and chart under /public, without signing in.
  await importer.load(officer!, { ...record, treaty: { ...record.treaty, public: true } });
  for (const { country, ...focalPoint } of DEMO_FOCAL_POINTS) await focalPoints.create(officer!, country, focalPoint);
  // An imported history drafts no notification; one act recorded as an officer would leaves one draft for the
  // worker to write (the treaty does not auto-issue), so that the officer finds a notification waiting to be issued.
  // It waits for the worker to bring the imported history into force first: what the history reached is not news.
  await untilInForce(db, record.treaty.slug);
  await participants.record(officer!, record.treaty.slug, DEMO_DRAFT.country, { action: 'sign', date: todayUtc() });
  return true;
}

/** Waits (30 s at most) until the worker has recorded the treaty's entry into force. */
async function untilInForce(db: DataSource, slug: string): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 100) {
    const [{ count }]: { count: number }[] = await db.query(
      `SELECT count(*)::int AS count FROM treaty_events te JOIN treaties t ON t.id = te.treaty_id
       WHERE t.slug = $1 AND te.kind = 'entered_into_force'`,
      [slug],
    );
    if (count > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the demo treaty ${slug} did not enter into force within 30 s`);
}

const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
