/**
 * `npm run bench`: in one run on one fresh database, loopback only, bounded loops,
 * - the rate of recording actions through the whole API, against the ceiling of the same transaction sent
 *   straight through `pg`;
 * - the rate of evaluating an entry-into-force rule over 10 to 10,000 deposits, against the ceiling of merely
 *   sorting those deposits by date;
 * - the delay from a decisive deposit's 201 to GET .../status answering in_force, with the worker running in a
 *   process of its own, against the floor of one direct call of the recompute the worker runs;
 * - the time of a reminder sweep that finds 10,000 reminders due (no worker running yet), against the ceiling of
 *   one INSERT ... SELECT of the same delivery and outbox rows;
 * - the rate at which the worker sends 2,000 of those reminders to an SMTP sink in a process of its own, against
 *   the ceiling of nodemailer's pooled transport sending as many similar messages straight to the sink;
 * - the same actions at 32 connections on each path;
 * - reading a 200-row chart as JSON and as CSV, against the ceiling of its SELECT straight through `pg`;
 * - one audit verification of 1,000,000 chained events on a separate database, against the ceiling of reading the
 *   same rows in the same pages without hashing;
 * - the peak RSS of this process (API and HTTP client thread), overall and per phase, and of the worker process.
 */
import 'reflect-metadata';
import { UsersService } from '@depositary/auth';
import { loadConfig } from '@depositary/config';
import { MAIL_CONCURRENCY } from '@depositary/jobs';
import type { Actor } from '@depositary/domain';
import { migrate } from '@depositary/persistence';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createApi } from '../apps/api/src/bootstrap';
import { AuditBench, seedAuditTrail } from './audit';
import { RawChart } from './chart';
import { BENCH_DATABASE, dropDatabase, recreateDatabase, runStatements, serverVersion, withClient } from './database';
import { EvaluationRun, evaluationCase, measureEvaluation } from './evaluate';
import { HttpClient } from './http-client';
import { HttpLoad } from './http-load';
import { Measurement, Sample, runClosedLoop, summarize } from './measure';
import {
  Backlog,
  MailSink,
  WorkerQueues,
  deleteQueueKeys,
  measureDecisiveDeposit,
  measureDirectRecompute,
  openQueues,
  prepareTreaties,
  startMailSink,
  startWorkerProcess,
} from './pipeline';
import { ChildService, peakRssOf } from './processes';
import { RssSampler, megabytes, peakRss } from './memory';
import { measurePgbench } from './pgbench';
import { RawRecorder, RawAct } from './raw';
import {
  Load,
  holdReminders,
  measureSweep,
  measureTransportRate,
  measureWorkerRate,
  seedReminderTreaties,
  similarReminders,
} from './reminders';
import { BenchLine, formatMarkdown, formatSentences, formatTable } from './table';

const CONNECTIONS = 8;
/** `/health` answers within this while the audit trail is verified. */
const HEALTH_AIM_MS = 100;
const LOOP_RESOLUTION_MS = 10;
const REQUESTS = boundedInt('BENCH_REQUESTS', 4000, 100, 20_000);
const WARMUP = boundedInt('BENCH_WARMUP', 400, 0, 5000);
const ROUNDS = boundedInt('BENCH_ROUNDS', 4, 1, 20);
const OPENED_ON = '2013-12-10';
const SIGNED_ON = '2014-01-15';
const PASSWORD = 'bench password, long enough';
const EVALUATION_SIZES = [10, 1000, 10_000];
const EVALUATION = { rounds: 4, roundMs: 250, warmupMs: 300 };
/** Longer rounds for the slowest record, so that its percentiles rest on a hundred calls or so. */
const evaluationRoundMs = (size: number): number => (size >= 10_000 ? 750 : EVALUATION.roundMs);
const PIPELINE_SAMPLES = boundedInt('BENCH_PIPELINE_SAMPLES', 10, 3, 50);
const PIPELINE_WARMUP = 1;
const FLOOR_WARMUP = 2;
const REMINDER_TREATIES = 40; // x 250 countries, one focal point each: 10,000 reminders due
const REMINDED_SINCE = '2015-01-01';
const NOT_YET_DUE = '2015-01-15';
const SWEEP_ROUNDS = boundedInt('BENCH_SWEEP_ROUNDS', 3, 1, 10);
const RATE_MAILS = boundedInt('BENCH_RATE_MAILS', 2000, 100, 8000);
const RATE_WARMUP = 400;
const MIN_MAIL_RATE = 500;
const WIDE_CONNECTIONS = 32;
const WIDE_REQUESTS = boundedInt('BENCH_WIDE_REQUESTS', 2000, 100, 20_000);
const WIDE_WARMUP = boundedInt('BENCH_WIDE_WARMUP', 200, 0, 5000);
const WIDE_ROUNDS = 2;
const CHART_SLUG = 'bench-chart';
const CHART_ROWS = 200;
const PGBENCH_SECONDS = boundedInt('BENCH_PGBENCH_SECONDS', 10, 2, 120);
const CHART_REQUESTS = boundedInt('BENCH_CHART_REQUESTS', 2000, 100, 20_000);
const CHART_WARMUP = 200;
const CHART_ROUNDS = 2;
const AUDIT_DATABASE = `${BENCH_DATABASE}_audit`;
const AUDIT_EVENTS = boundedInt('BENCH_AUDIT_EVENTS', 1_000_000, 1000, 2_000_000);
const AUDIT_ROUNDS = boundedInt('BENCH_AUDIT_ROUNDS', 1, 1, 5);
/** The aim: 1,000,000 events verified in 10 s, pro rata for another size. */
const AUDIT_AIM_MS = (10_000 * AUDIT_EVENTS) / 1_000_000;

function boundedInt(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}`);
  return value;
}

const log = (message: string): void => console.log(`[bench] ${message}`);
const seconds = (since: number): string => `${((performance.now() - since) / 1000).toFixed(1)} s`;

async function main(): Promise<void> {
  const began = performance.now();
  const memory = new RssSampler(100);
  memory.phase('API: setup and seeding');
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

  const sink: MailSink = await startMailSink();
  const databaseUrl = await recreateDatabase(serverUrl);
  await migrate(databaseUrl);
  log(`database ${BENCH_DATABASE} recreated and migrated (PostgreSQL ${await serverVersion(databaseUrl)})`);

  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: `bench-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(24).toString('hex'),
    PUBLIC_RATE_LIMIT: '100000000', // the bench reads the public chart from one address, far past any real client
    SMTP_URL: sink.url, // for the worker started later with this same config: its notices go to the sink
    ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}),
  });
  const app = await createApi(config, ['warn', 'error']);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const http = new HttpClient(url, CONNECTIONS);
  let raw: RawRecorder | undefined;
  let load: HttpLoad | undefined;
  let worker: ChildService | undefined;
  let queues: WorkerQueues | undefined;
  let workerPeakRss = Number.NaN;
  let backlog: Backlog | undefined;
  let wideRaw: RawRecorder | undefined;
  let wideLoad: HttpLoad | undefined;
  let rawChart: RawChart | undefined;
  let audit: AuditBench | undefined;
  let auditCreated = false;
  try {
    const email = `officer@${config.queuePrefix}.bench`;
    const officer = await app.get(UsersService).create('system', { email, name: 'Bench officer', password: PASSWORD, role: 'officer' });
    const { accessToken } = await http.expect<{ accessToken: string }>(200, 'POST', '/api/auth/token', { email, password: PASSWORD });
    http.signIn(accessToken);
    const actor: Actor = { id: officer.id, email: officer.email, role: officer.role, countryCode: null };
    log(`API on ${url} (DB pool ${config.databasePoolSize}, queue prefix ${config.queuePrefix}), signed in as ${email}`);

    // Enough invited participants that every request, warm-up or measured, HTTP or pg, touches its own.
    const seeding = performance.now();
    const { items: countries } = await http.expect<{ items: { code: string }[] }>(200, 'GET', '/api/countries');
    const needed = 2 * (WARMUP + REQUESTS + WIDE_WARMUP + WIDE_REQUESTS);
    const treatyCount = Math.ceil(needed / countries.length);
    const slugs = Array.from({ length: treatyCount }, (_, i) => `bench-${String(i + 1).padStart(3, '0')}`);
    const codes = countries.map((country) => country.code);
    await runClosedLoop(slugs.length, CONNECTIONS, async (i) => {
      await http.expect(201, 'POST', '/api/treaties', {
        slug: slugs[i],
        title: `Bench treaty ${i + 1}`,
        openedForSignatureOn: OPENED_ON,
        entryIntoForce: { minimumParties: 1000 },
      });
      await http.expect(201, 'POST', `/api/treaties/${slugs[i]}/participants`, { countries: codes, invitedOn: OPENED_ON });
    });
    await runStatements(databaseUrl, ['VACUUM ANALYZE', 'CHECKPOINT']);
    log(`${treatyCount} treaties x ${codes.length} countries invited in ${seconds(seeding)}`);

    // Deal the participants out, then interleave the two paths in rounds (alternating which goes first), so
    // that a change of load on the machine during the run weighs on both lines alike.
    const participants: RawAct[] = slugs.flatMap((slug) => codes.map((code) => ({ slug, code, action: 'sign' as const, date: SIGNED_ON })));
    let dealt = 0;
    const deal = (count: number): RawAct[] => participants.slice(dealt, (dealt += count));
    raw = new RawRecorder(databaseUrl, CONNECTIONS, actor);
    load = new HttpLoad({ url, token: accessToken, connections: CONNECTIONS });
    const direct = raw;
    const overHttp = load; // the HTTP client runs on its own thread, off the API's event loop
    const run = (path: 'http' | 'pg', acts: RawAct[]): Promise<Sample> =>
      path === 'http' ? overHttp.run(acts) : runClosedLoop(acts.length, CONNECTIONS, (i) => direct.record(acts[i]));
    memory.phase(`API: actions (${CONNECTIONS} conn)`);
    const warming = performance.now();
    await run('http', deal(WARMUP));
    await run('pg', deal(WARMUP));
    log(`warmed up with ${WARMUP} actions on each path in ${seconds(warming)}`);
    const samples: Record<'http' | 'pg', Sample[]> = { http: [], pg: [] };
    for (let round = 0; round < ROUNDS; round++) {
      const size = Math.floor(REQUESTS / ROUNDS) + (round < REQUESTS % ROUNDS ? 1 : 0);
      const order: ('http' | 'pg')[] = round % 2 === 0 ? ['http', 'pg'] : ['pg', 'http'];
      for (const path of order) samples[path].push(await run(path, deal(size)));
    }
    const httpRun = summarize(samples.http);
    const rawRun = summarize(samples.pg);
    log(`HTTP: ${describe(httpRun)}`);
    log(`pg:   ${describe(rawRun)}`);

    // The same workload at 32 connections: an HTTP client thread and a pg pool of that many.
    memory.phase(`API: actions (${WIDE_CONNECTIONS} conn)`);
    wideRaw = new RawRecorder(databaseUrl, WIDE_CONNECTIONS, actor);
    wideLoad = new HttpLoad({ url, token: accessToken, connections: WIDE_CONNECTIONS });
    const wideDirect = wideRaw;
    const wideHttp = wideLoad;
    const runWide = (path: 'http' | 'pg', acts: RawAct[]): Promise<Sample> =>
      path === 'http' ? wideHttp.run(acts) : runClosedLoop(acts.length, WIDE_CONNECTIONS, (i) => wideDirect.record(acts[i]));
    await runWide('http', deal(WIDE_WARMUP));
    await runWide('pg', deal(WIDE_WARMUP));
    const wideSamples: Record<'http' | 'pg', Sample[]> = { http: [], pg: [] };
    for (let round = 0; round < WIDE_ROUNDS; round++) {
      const size = Math.floor(WIDE_REQUESTS / WIDE_ROUNDS) + (round < WIDE_REQUESTS % WIDE_ROUNDS ? 1 : 0);
      const order: ('http' | 'pg')[] = round % 2 === 0 ? ['http', 'pg'] : ['pg', 'http'];
      for (const path of order) wideSamples[path].push(await runWide(path, deal(size)));
    }
    const wideHttpRun = summarize(wideSamples.http);
    const wideRawRun = summarize(wideSamples.pg);
    log(`HTTP (${WIDE_CONNECTIONS} conn): ${describe(wideHttpRun)}`);
    log(`pg (${WIDE_CONNECTIONS} conn):   ${describe(wideRawRun)}`);
    await wideLoad.close();
    wideLoad = undefined;
    await wideRaw.close();
    wideRaw = undefined;

    // PostgreSQL itself: the bare shape of the same transaction run by pgbench, at the same connections.
    memory.phase('pgbench');
    const pgbenchRun = await measurePgbench(databaseUrl, CONNECTIONS, PGBENCH_SECONDS);
    log(`pgbench (${CONNECTIONS} conn): ${describe(pgbenchRun)}`);

    // Both paths must have done the same work: one sign event per action, every chain intact, and what pg
    // wrote reads back through the API like what the API wrote.
    const verification = await http.expect<{ ok: boolean; checked: number }>(200, 'GET', '/api/audit/verify');
    if (!verification.ok) throw new Error(`the audit chains do not verify: ${JSON.stringify(verification)}`);
    // The verification also re-hashes the chain of configuration changes (the treaties and users created here).
    const configurationEvents = await withClient(databaseUrl, async (client) =>
      Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM configuration_events')).rows[0].n),
    );
    if (verification.checked !== participants.length + dealt + configurationEvents)
      throw new Error(
        `expected ${participants.length} invitations, ${dealt} signatures and ${configurationEvents} configuration events, ` +
          `the audit checked ${verification.checked} events`,
      );
    for (const act of [participants[0], participants[dealt - 1]]) {
      const read = await http.expect<{ status: string; events: { action: string }[] }>(
        200,
        'GET',
        `/api/treaties/${act.slug}/participants/${act.code}`,
      );
      if (read.status !== 'signed' || read.events.map((event) => event.action).join() !== 'invite,sign')
        throw new Error(`${act.slug}/${act.code} reads back as ${read.status} with ${read.events.length} events`);
    }
    log(`audit verify: ok, ${verification.checked} events re-hashed (API and pg events alike)`);

    // Reading a chart of 200 participants, as JSON and as CSV, against its SELECT straight through pg.
    memory.phase('API: chart reads');
    await http.expect(201, 'POST', '/api/treaties', {
      slug: CHART_SLUG,
      title: 'Bench chart',
      openedForSignatureOn: OPENED_ON,
      entryIntoForce: { minimumParties: 1000 },
      public: true,
    });
    await http.expect(201, 'POST', `/api/treaties/${CHART_SLUG}/participants`, {
      countries: codes.slice(0, CHART_ROWS),
      invitedOn: OPENED_ON,
    });
    const chartPaths = {
      json: `/api/treaties/${CHART_SLUG}/participants`,
      csv: `/api/treaties/${CHART_SLUG}/participants?format=csv`,
      public: `/public/treaties/${CHART_SLUG}`,
    };
    const chartJson = await http.request('GET', chartPaths.json);
    const chartCsv = await http.request('GET', chartPaths.csv);
    const chartPublic = await http.request('GET', chartPaths.public);
    if (chartPublic.status !== 200 || (JSON.parse(chartPublic.text) as { chart: unknown[] }).chart.length !== CHART_ROWS)
      throw new Error(`the public chart reads ${chartPublic.status}`);
    const jsonRows = (JSON.parse(chartJson.text) as { items: unknown[] }).items.length;
    const csvRows = chartCsv.text.trimEnd().split('\n').length - 1;
    if (chartJson.status !== 200 || jsonRows !== CHART_ROWS || chartCsv.status !== 200 || csvRows !== CHART_ROWS)
      throw new Error(`the chart reads ${chartJson.status} with ${jsonRows} items, ${chartCsv.status} with ${csvRows} CSV rows`);
    rawChart = new RawChart(databaseUrl, CONNECTIONS);
    const chartDirect = rawChart;
    const chartId = await rawChart.treatyId(CHART_SLUG);
    const sizes = { json: chartJson.text.length, csv: chartCsv.text.length, public: chartPublic.text.length };
    type ChartKind = 'json' | 'csv' | 'public' | 'pg';
    const readChart = (kind: ChartKind, total: number): Promise<Sample> =>
      kind === 'pg' ? chartDirect.run(chartId, total, CHART_ROWS) : overHttp.read(chartPaths[kind], total, sizes[kind]);
    for (const kind of ['json', 'csv', 'public', 'pg'] as const) await readChart(kind, CHART_WARMUP);
    const chartSamples: Record<ChartKind, Sample[]> = { json: [], csv: [], public: [], pg: [] };
    for (let round = 0; round < CHART_ROUNDS; round++) {
      const size = Math.floor(CHART_REQUESTS / CHART_ROUNDS) + (round < CHART_REQUESTS % CHART_ROUNDS ? 1 : 0);
      const order: ChartKind[] = round % 2 === 0 ? ['json', 'csv', 'public', 'pg'] : ['pg', 'public', 'csv', 'json'];
      for (const kind of order) chartSamples[kind].push(await readChart(kind, size));
    }
    const chartJsonRun = summarize(chartSamples.json);
    const chartCsvRun = summarize(chartSamples.csv);
    const chartPublicRun = summarize(chartSamples.public);
    const chartRawRun = summarize(chartSamples.pg);
    await rawChart.close();
    rawChart = undefined;
    log(`chart JSON (${chartJson.text.length} B): ${describe(chartJsonRun)}`);
    log(`chart CSV (${chartCsv.text.length} B):  ${describe(chartCsvRun)}`);
    log(`public chart (${chartPublic.text.length} B): ${describe(chartPublicRun)}`);
    log(`chart SELECT via pg:  ${describe(chartRawRun)}`);

    // The rule evaluator alone, on this thread while the API is idle, against a sort of the same deposits.
    memory.phase('rule evaluation (main thread, API idle)');
    const evaluating = performance.now();
    const evaluations: EvaluationRun[] = [];
    for (const size of EVALUATION_SIZES) {
      const record = evaluationCase(size, codes);
      const run = measureEvaluation(record, { ...EVALUATION, roundMs: evaluationRoundMs(size) });
      evaluations.push(run);
      log(
        `evaluate ${count(size)} deposits (${record.countries} countries, ${record.realCountries} real codes): ${describeCalls(run.evaluate)}; ` +
          `sort: ${describeCalls(run.sort)}`,
      );
    }
    log(`evaluations measured in ${seconds(evaluating)}`);

    // The reminder sweep, before any worker runs: treaties whose every country has been invited for years, one
    // focal point per country. Its reminders are then held back (marked dead, outbox dispatched) so that no worker
    // sends them, except the ones released later for the delivery rate.
    memory.phase('API: reminder sweep');
    const sweeping = performance.now();
    const reminderTreaties = await seedReminderTreaties(databaseUrl, REMINDER_TREATIES, REMINDED_SINCE);
    const sweep = await measureSweep(app, databaseUrl, reminderTreaties, NOT_YET_DUE, SWEEP_ROUNDS);
    const sweepRun = summarize([asSample(sweep.sweepMs)]);
    const sweepFloor = summarize([asSample(sweep.ceilingMs)]);
    const heldForRate = await holdReminders(databaseUrl, RATE_WARMUP + RATE_MAILS);
    await runStatements(databaseUrl, ['VACUUM ANALYZE']);
    log(
      `reminder sweep: ${count(sweep.enqueued)} reminders queued in ${times(sweep.sweepMs)} ms; ` +
        `INSERT ... SELECT of the same rows: ${times(sweep.ceilingMs)} ms ` +
        `(${reminderTreaties.ids.length} treaties x ${reminderTreaties.focalPoints} countries seeded, measured and held in ${seconds(sweeping)})`,
    );

    // The floor of the pipeline, before any worker runs: the recompute itself, called directly on treaties
    // shaped like the pipeline's. Then the pipeline treaties, up to their second accession.
    memory.phase('API: direct recompute, pipeline treaties');
    const preparing = performance.now();
    const floorTreaties = await prepareTreaties(http, 'floor', FLOOR_WARMUP + PIPELINE_SAMPLES, codes, OPENED_ON, 2);
    const floor = summarize([asSample(await measureDirectRecompute(http, app, databaseUrl, floorTreaties, FLOOR_WARMUP))]);
    log(`direct recompute: ${describeDelays(floor)}`);
    const pipelineTreaties = await prepareTreaties(http, 'pipeline', PIPELINE_WARMUP + PIPELINE_SAMPLES, codes, OPENED_ON, 2);
    log(`${floorTreaties.length + pipelineTreaties.length} three-party treaties prepared in ${seconds(preparing)}`);

    // The worker, in its own process with the API's config; it first relays the whole outbox of the run so far.
    memory.phase('API: decisive deposits (worker process running)');
    const starting = performance.now();
    worker = await startWorkerProcess(config, sink.url);
    const workerPid = worker.child.pid ?? Number.NaN;
    queues = openQueues(config);
    backlog = await Backlog.open(databaseUrl, queues);
    const backlogAtStart = await backlog.size();
    await backlog.drain(90_000);
    log(`worker started, its backlog of ${backlogAtStart} (outbox rows and jobs) drained in ${seconds(starting)}`);
    const decisive = await measureDecisiveDeposit(http, backlog, pipelineTreaties, PIPELINE_WARMUP);
    const visible = summarize([asSample(decisive.durationsMs)]);
    log(`decisive deposit -> status visible: ${describeDelays(visible)}`);
    log(`  of which, deposit commit -> outbox relayed:                ${describeDelays(summarize([asSample(decisive.relayMs)]))}`);
    log(`  of which, relayed -> recompute started (queue, any delay): ${describeDelays(summarize([asSample(decisive.pickupMs)]))}`);
    await backlog.drain(30_000);
    log(`${sink.received()} notices delivered to the SMTP sink`);

    // The delivery rate: held reminders released at once while the worker is idle (a first batch to warm it
    // up), then the transport alone.
    memory.phase('delivery rate (worker process sending)');
    const rateWorker = { pid: workerPid, mailQueue: queues.mail };
    await measureWorkerRate(databaseUrl, rateWorker, sink, heldForRate.slice(0, RATE_WARMUP));
    const workerRate = await measureWorkerRate(databaseUrl, rateWorker, sink, heldForRate.slice(RATE_WARMUP));
    workerPeakRss = peakRssOf(workerPid);
    const jobRun = summarize([asSample(workerRate.durationsMs)]);
    const jobWait = summarize([asSample(workerRate.waitMs)]);
    log(
      `worker: ${workerRate.count} reminders (${Object.entries(workerRate.languages)
        .map(([language, n]) => `${n} ${language}`)
        .join(', ')}) accepted by the sink at ${workerRate.perSecond.toFixed(0)}/s ` +
        `over ${workerRate.spanMs.toFixed(0)} ms; ${workerRate.totalMs.toFixed(0)} ms from release to the last, ` +
        `all relayed after ${workerRate.relayedMs.toFixed(0)} ms; ${workerRate.retried} jobs retried; ${describeLoad(workerRate.load)}`,
    );
    log(`  job run (claim, compose, send, mark sent): ${describeDelays(jobRun)}`);
    log(`  job wait (enqueued -> started):            ${describeDelays(jobWait)}`);
    memory.phase('nodemailer pool alone (worker idle)');
    const transportRate = await measureTransportRate(
      sink.url,
      sink,
      similarReminders(RATE_MAILS, codes, config.mailFrom),
      MAIL_CONCURRENCY,
    );
    const sendCall = summarize([asSample(transportRate.durationsMs)]);
    log(
      `nodemailer pool: ${transportRate.count} similar messages accepted at ${transportRate.perSecond.toFixed(0)}/s ` +
        `over ${transportRate.spanMs.toFixed(0)} ms; ${describeLoad(transportRate.load)}; sendMail: ${describeDelays(sendCall)}`,
    );

    // One audit verification of a large trail, on a database of its own (the worker stays idle meanwhile).
    memory.phase(`audit: seed ${count(AUDIT_EVENTS)} events`);
    const auditUrl = await recreateDatabase(serverUrl, AUDIT_DATABASE);
    auditCreated = true;
    await migrate(auditUrl);
    const seed = await seedAuditTrail(auditUrl, AUDIT_EVENTS);
    log(
      `database ${AUDIT_DATABASE}: ${count(seed.events)} chained events over ${seed.participants} participants ` +
        `hashed and written in ${(seed.totalMs / 1000).toFixed(1)} s`,
    );
    memory.phase(`audit: verify ${count(AUDIT_EVENTS)} events`);
    audit = await AuditBench.open(auditUrl);
    const verifyMs: number[] = [];
    const readMs: number[] = [];
    // How late a timer fires while the verification runs: what a /health served by the same process waits at most.
    const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
    for (let round = 0; round < AUDIT_ROUNDS; round++) {
      const read = await audit.read();
      if (read.rows !== seed.events) throw new Error(`read ${read.rows} events of ${seed.events}`);
      readMs.push(read.ms);
      loopDelay.enable();
      const verified = await audit.verify();
      loopDelay.disable();
      if (!verified.result.ok || verified.result.checked !== seed.events)
        throw new Error(`the audit trail does not verify: ${JSON.stringify(verified.result)}`);
      verifyMs.push(verified.ms);
    }
    await audit.close();
    audit = undefined;
    await dropDatabase(serverUrl, AUDIT_DATABASE);
    auditCreated = false;
    const verifyRun = summarize([asSample(Float64Array.from(verifyMs))]);
    // The histogram holds the time between the monitor's ticks, in ns: the delay is what exceeds its 10 ms period.
    const lateBy = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
    const readRun = summarize([asSample(Float64Array.from(readMs))]);
    const perSecond = (ms: number): number => (seed.events / ms) * 1000;
    log(
      `audit verify of ${count(seed.events)} events: ok, ${verifyMs.map((ms) => ms.toFixed(0)).join(', ')} ms ` +
        `(${perSecond(verifyRun.p50Ms).toFixed(0)} events/s); reading them alone: ${readMs.map((ms) => ms.toFixed(0)).join(', ')} ms ` +
        `(${perSecond(readRun.p50Ms).toFixed(0)} rows/s); database dropped`,
    );
    const phases = memory.stop();
    const processPeak = peakRss();
    for (const [phase, bytes] of phases) log(`peak RSS, ${phase}: ${megabytes(bytes)}`);
    log(`peak RSS of the process (getrusage maxrss): ${megabytes(processPeak)}`);
    const peakOf = (prefix: string): { bytes: number; phases: number } => {
      const matching = [...phases].filter(([phase]) => phase.startsWith(prefix));
      return { bytes: Math.max(0, ...matching.map(([, bytes]) => bytes)), phases: matching.length };
    };
    const apiPeak = peakOf('API:');
    const auditPeak = peakOf('audit:');

    const ceiling = { name: `same transaction via pg (${CONNECTIONS} conn)`, opsPerSec: rawRun.opsPerSec };
    const wideCeiling = { name: `same transaction via pg (${WIDE_CONNECTIONS} conn)`, opsPerSec: wideRawRun.opsPerSec };
    const chartCeiling = { name: `chart SELECT via pg (${CONNECTIONS} conn)`, opsPerSec: chartRawRun.opsPerSec };
    const readCeiling = {
      name: `read the same ${count(seed.events)} rows in pages of 20,000 (no hashing)`,
      opsPerSec: perSecond(readRun.p50Ms),
    };
    const memoryLine = (name: string, bytes: number): BenchLine => ({
      name,
      figure: megabytes(bytes),
      p50Ms: Number.NaN,
      p99Ms: Number.NaN,
    });
    const sweepCeiling = `INSERT ... SELECT of the same ${count(sweep.enqueued)} deliveries + outbox rows`;
    const transportCeiling = `nodemailer pool straight to the sink (${MAIL_CONCURRENCY} at a time)`;
    const pgbenchCeiling = { name: `pgbench: lock, update, event, outbox (${CONNECTIONS} conn)`, opsPerSec: pgbenchRun.opsPerSec };
    const lines: BenchLine[] = [
      { name: `actions over HTTP (${CONNECTIONS} conn)`, ...pick(httpRun), ceiling, aim: { minRatio: 0.5, maxP99Ms: 50 } },
      { name: ceiling.name, ...pick(rawRun) },
      { name: pgbenchCeiling.name, ...pick(pgbenchRun) },
      {
        name: `actions over HTTP (${CONNECTIONS} conn) vs pgbench`,
        ...pick(httpRun),
        ceiling: pgbenchCeiling,
        aim: { minRatio: 0.3, maxP99Ms: 50 },
      },
      { name: `actions over HTTP (${WIDE_CONNECTIONS} conn)`, ...pick(wideHttpRun), ceiling: wideCeiling },
      { name: wideCeiling.name, ...pick(wideRawRun) },
      { name: `read a ${CHART_ROWS}-row chart (JSON)`, ...pick(chartJsonRun), ceiling: chartCeiling, aim: { maxP99Ms: 50 } },
      { name: `read a ${CHART_ROWS}-row chart (CSV)`, ...pick(chartCsvRun), ceiling: chartCeiling, aim: { maxP99Ms: 50 } },
      { name: `read a ${CHART_ROWS}-row public chart (anyone)`, ...pick(chartPublicRun), ceiling: chartCeiling, aim: { maxP99Ms: 50 } },
      { name: chartCeiling.name, ...pick(chartRawRun) },
      ...evaluations.flatMap(({ size, evaluate, sort }): BenchLine[] => {
        const sorting = { name: `sort ${count(size)} deposits by date`, opsPerSec: sort.opsPerSec };
        return [
          { name: `evaluate rule over ${count(size)} deposits`, ...pick(evaluate), ceiling: sorting },
          { name: sorting.name, ...pick(sort) },
        ];
      }),
      {
        name: 'decisive deposit → status visible',
        ...latency(visible),
        ceiling: { name: 'direct recompute', p50Ms: floor.p50Ms },
        aim: { maxP99Ms: 1000 },
      },
      { name: 'direct recompute (EntryIntoForceService)', ...latency(floor) },
      {
        name: `reminder sweep: ${count(sweep.enqueued)} due reminders`,
        ...latency(sweepRun),
        ceiling: { name: sweepCeiling, p50Ms: sweepFloor.p50Ms },
      },
      { name: sweepCeiling, ...latency(sweepFloor) },
      {
        name: `delivery rate to a local SMTP sink (worker, ${count(workerRate.count)})`,
        opsPerSec: workerRate.perSecond,
        p50Ms: jobRun.p50Ms,
        p99Ms: jobRun.p99Ms,
        ceiling: { name: transportCeiling, opsPerSec: transportRate.perSecond },
        aim: { minOpsPerSec: MIN_MAIL_RATE },
      },
      { name: transportCeiling, opsPerSec: transportRate.perSecond, p50Ms: sendCall.p50Ms, p99Ms: sendCall.p99Ms },
      {
        name: `verify an audit trail of ${count(seed.events)} events`,
        opsPerSec: perSecond(verifyRun.p50Ms),
        ...latency(verifyRun),
        ceiling: readCeiling,
        aim: { maxP99Ms: AUDIT_AIM_MS },
      },
      { name: readCeiling.name, opsPerSec: readCeiling.opsPerSec, ...latency(readRun) },
      {
        name: 'event-loop delay while verifying (what a /health of the same process waits)',
        p50Ms: lateBy(loopDelay.percentile(50)),
        p99Ms: lateBy(loopDelay.percentile(99)),
        maxMs: lateBy(loopDelay.max),
        aim: { maxP99Ms: HEALTH_AIM_MS },
      },
      memoryLine('memory: peak RSS of the bench process (maxrss)', processPeak),
      memoryLine(`memory: peak RSS, API phases (${apiPeak.phases})`, apiPeak.bytes),
      memoryLine('memory: peak RSS of the worker process (VmHWM)', workerPeakRss),
      memoryLine('memory: peak RSS, audit seed + verify', auditPeak.bytes),
    ];
    const context =
      `node ${process.version}, ${os.cpus().length} cores, ${REQUESTS} sign actions per line in ${ROUNDS} interleaved rounds after ${WARMUP} warm-up, ` +
      `distinct participants, keep-alive, loopback, HTTP client on a worker thread. ` +
      `pgbench: ${PGBENCH_SECONDS} s of one transaction (SELECT ... FOR UPDATE of a random participant, UPDATE it, INSERT its event, ` +
      `INSERT an outbox row) on copies of those tables with their indexes, prepared statements, ${CONNECTIONS} clients; ` +
      `the HTTP line is also given as a share of it. ` +
      `Rule evaluation: one call at a time on the main thread, ${EVALUATION.rounds} interleaved rounds of ${EVALUATION.roundMs} ms ` +
      `(${evaluationRoundMs(10_000)} ms for 10,000) ` +
      `after ${EVALUATION.warmupMs} ms warm-up, half of each timing every call (p50, p99), half counting calls (ops/s); ` +
      `ratio = evaluations / sorts per second. ` +
      `Decisive deposit: ${PIPELINE_SAMPLES} treaties {minimumParties: 3, entersIntoForce: {}} one at a time after ${PIPELINE_WARMUP} warm-up, ` +
      `worker in its own process, status polled every 10 ms; ratio = direct recompute p50 / delay p50 ` +
      `(${PIPELINE_SAMPLES} direct calls after ${FLOOR_WARMUP} warm-up). ` +
      `Reminder sweep: ${reminderTreaties.ids.length} treaties x ${reminderTreaties.focalPoints} countries invited on ${REMINDED_SINCE}, ` +
      `one active focal point per country, policy afterDays 30 / everyDays 30 / maxReminders 3; ${SWEEP_ROUNDS} rounds (after a warm-up sweep ` +
      `with nothing due and one untimed ceiling) of one INSERT ... SELECT writing the same rows with pg (kind, columns, indexes, foreign keys ` +
      `and outbox rows; no policy, history or ON CONFLICT) then one ReminderSweep.sweep() (no worker running), each after VACUUM ANALYZE ` +
      `and CHECKPOINT with none of these rows in the tables; ratio = ceiling p50 / sweep p50. ` +
      `Delivery rate: ${count(RATE_MAILS)} of those reminders released at once (queued, outbox pending) to the running, idle worker ` +
      `(relay, BullMQ concurrency ${MAIL_CONCURRENCY}, pooled transport of 5 connections; worker and SMTP sink each in its own process) after ${RATE_WARMUP} more to warm it up; rate = (n - 1) / time ` +
      `from the first to the last accepted by the sink, every row read back sent; p50/p99 = one job's run (worker) or one sendMail call ` +
      `(ceiling: nodemailer with the worker's smtpOptions, ${MAIL_CONCURRENCY} calls at a time, messages composed beforehand). ` +
      `Actions at ${WIDE_CONNECTIONS} conn: ${WIDE_REQUESTS} per line in ${WIDE_ROUNDS} interleaved rounds after ${WIDE_WARMUP} warm-up, ` +
      `HTTP client thread and pg pool of ${WIDE_CONNECTIONS} (API DB pool ${config.databasePoolSize}). ` +
      `Charts: treaty of ${CHART_ROWS} participants, ${CHART_REQUESTS} GETs per line at ${CONNECTIONS} conn in ${CHART_ROUNDS} interleaved rounds ` +
      `after ${CHART_WARMUP} warm-up; ceiling = the chart SELECT (treaty id known) via a pg pool of ${CONNECTIONS}. ` +
      `Audit: ${count(seed.events)} valid chained events (${seed.participants} participants of one treaty, actor system) on database ` +
      `${AUDIT_DATABASE}, seeded in ${(seed.totalMs / 1000).toFixed(1)} s then dropped; ${AUDIT_ROUNDS} AuditService.verify() ` +
      `(own TypeORM data source) after one read of the same keyset pages without hashing (the ceiling, rows/s); ` +
      `rate = events / verify p50; aim ${AUDIT_AIM_MS / 1000} s. ` +
      `Memory: process.memoryUsage.rss() of this process (API and HTTP client thread) sampled every 100 ms, max per phase; ` +
      `maxrss = getrusage over the whole run; the worker process's VmHWM (/proc) after the delivery rate. ` +
      `Total ${seconds(began)}`;
    console.log(`\n${formatTable(lines)}\n\n${context}\n\nFor a note:\n\n${formatMarkdown(lines)}\n\n${formatSentences(lines)}\n`);
  } finally {
    http.close();
    await wideLoad?.close();
    await wideRaw?.close();
    await rawChart?.close();
    await audit?.close();
    if (auditCreated) await dropDatabase(serverUrl, AUDIT_DATABASE).catch(() => undefined);
    await backlog?.close();
    await queues?.close();
    await worker?.stop();
    await load?.close();
    await raw?.close();
    await app.close();
    await sink.close();
    if (worker) await deleteQueueKeys(redisUrl, config.queuePrefix);
  }
}

const pick = (run: Measurement): Pick<BenchLine, 'opsPerSec' | 'p50Ms' | 'p99Ms'> => ({
  opsPerSec: run.opsPerSec,
  p50Ms: run.p50Ms,
  p99Ms: run.p99Ms,
});

const latency = (run: Measurement): Pick<BenchLine, 'p50Ms' | 'p99Ms' | 'maxMs' | 'count'> => ({
  p50Ms: run.p50Ms,
  p99Ms: run.p99Ms,
  maxMs: run.maxMs,
  count: run.count,
});

const times = (valuesMs: Float64Array): string => Array.from(valuesMs, (value) => value.toFixed(0)).join(', ');

/** Durations timed one after another, as a sample: elapsed is their sum. */
const asSample = (durationsMs: Float64Array): Sample => ({
  durationsMs,
  elapsedMs: durationsMs.reduce((sum, value) => sum + value, 0),
  cpuMs: 0,
});

const count = (value: number): string => value.toLocaleString('en-US');

const describe = (run: Measurement): string =>
  `${run.count} in ${(run.elapsedMs / 1000).toFixed(2)} s = ${run.opsPerSec.toFixed(0)} ops/s, ` +
  `p50 ${run.p50Ms.toFixed(1)} ms, p99 ${run.p99Ms.toFixed(1)} ms, max ${run.maxMs.toFixed(1)} ms, ` +
  `process CPU ${run.cpuUsPerOp.toFixed(0)} µs per action (all threads)`;

const µs = (valueMs: number): string => `${(valueMs * 1000).toFixed(valueMs < 0.01 ? 2 : 0)} µs`;

const describeCalls = (run: Measurement): string =>
  `${run.opsPerSec.toFixed(0)}/s; ${run.count} calls timed one by one: ` +
  `p50 ${µs(run.p50Ms)}, p99 ${µs(run.p99Ms)}, max ${µs(run.maxMs)}`;

const describeLoad = (load: Load): string =>
  `${load.process}: ${load.cpuMsPerMail.toFixed(2)} ms CPU per e-mail, ${(load.cpu * 100).toFixed(0)}% of a core` +
  (Number.isNaN(load.eventLoop) ? '' : `, event loop ${(load.eventLoop * 100).toFixed(0)}% busy`);

const describeDelays = (run: Measurement): string =>
  `${run.count} timed, p50 ${run.p50Ms.toFixed(1)} ms, p99 ${run.p99Ms.toFixed(1)} ms, max ${run.maxMs.toFixed(1)} ms`;

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('[bench] failed:', error);
    process.exit(1);
  },
);
