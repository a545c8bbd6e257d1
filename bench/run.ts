/**
 * `npm run bench`: in one run on one fresh database, loopback only, bounded loops,
 * - the rate of recording actions through the whole API, against the ceiling of the same transaction sent
 *   straight through `pg`;
 * - the rate of evaluating an entry-into-force rule over 10 to 10,000 deposits, against the ceiling of merely
 *   sorting those deposits by date;
 * - the delay from a decisive deposit's 201 to GET .../status answering in_force, with a worker running in this
 *   process, against the floor of one direct call of the recompute the worker runs;
 * - the time of a reminder sweep that finds 10,000 reminders due (no worker running yet), against the ceiling of
 *   one INSERT ... SELECT of the same delivery and outbox rows;
 * - the rate at which the worker sends 2,000 of those reminders to the SMTP sink in this process, against the
 *   ceiling of nodemailer's pooled transport sending as many similar messages straight to the sink.
 */
import 'reflect-metadata';
import { UsersService } from '@depositary/auth';
import { loadConfig } from '@depositary/config';
import type { Actor } from '@depositary/domain';
import { migrate } from '@depositary/persistence';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { INestApplicationContext } from '@nestjs/common';
import { createApi } from '../apps/api/src/bootstrap';
import { createWorker } from '../apps/worker/src/bootstrap';
import { BENCH_DATABASE, recreateDatabase, runStatements, serverVersion } from './database';
import { EvaluationRun, evaluationCase, measureEvaluation } from './evaluate';
import { HttpClient } from './http-client';
import { HttpLoad } from './http-load';
import { Measurement, Sample, runClosedLoop, summarize } from './measure';
import {
  Backlog,
  MailSink,
  deleteQueueKeys,
  measureDecisiveDeposit,
  measureDirectRecompute,
  prepareTreaties,
  startMailSink,
} from './pipeline';
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
const RATE_MAILS = boundedInt('BENCH_RATE_MAILS', 2000, 100, 10_000);
const MAIL_CONCURRENCY = 8; // as MailProcessor
const MIN_MAIL_RATE = 500;

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
    SMTP_URL: sink.url, // for the worker started later with this same config: its notices go to the in-process sink
    ...(process.env.DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE } : {}),
  });
  const app = await createApi(config, ['warn', 'error']);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const http = new HttpClient(url, CONNECTIONS);
  let raw: RawRecorder | undefined;
  let load: HttpLoad | undefined;
  let worker: INestApplicationContext | undefined;
  let backlog: Backlog | undefined;
  try {
    const email = `officer@${config.queuePrefix}.bench`;
    const officer = await app.get(UsersService).create({ email, name: 'Bench officer', password: PASSWORD, role: 'officer' });
    const { accessToken } = await http.expect<{ accessToken: string }>(200, 'POST', '/api/auth/token', { email, password: PASSWORD });
    http.signIn(accessToken);
    const actor: Actor = { id: officer.id, email: officer.email, role: officer.role, countryCode: null };
    log(`API on ${url} (DB pool ${config.databasePoolSize}, queue prefix ${config.queuePrefix}), signed in as ${email}`);

    // Enough invited participants that every request, warm-up or measured, HTTP or pg, touches its own.
    const seeding = performance.now();
    const { items: countries } = await http.expect<{ items: { code: string }[] }>(200, 'GET', '/api/countries');
    const needed = 2 * (WARMUP + REQUESTS);
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

    // Both paths must have done the same work: one sign event per action, every chain intact, and what pg
    // wrote reads back through the API like what the API wrote.
    const verification = await http.expect<{ ok: boolean; checked: number }>(200, 'GET', '/api/audit/verify');
    if (!verification.ok) throw new Error(`the audit chains do not verify: ${JSON.stringify(verification)}`);
    if (verification.checked !== participants.length + dealt)
      throw new Error(
        `expected ${participants.length} invitations and ${dealt} signatures, the audit checked ${verification.checked} events`,
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

    // The rule evaluator alone, on this thread while the API is idle, against a sort of the same deposits.
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
    const sweeping = performance.now();
    const reminderTreaties = await seedReminderTreaties(databaseUrl, REMINDER_TREATIES, REMINDED_SINCE);
    const sweep = await measureSweep(app, databaseUrl, reminderTreaties, NOT_YET_DUE, SWEEP_ROUNDS);
    const sweepRun = summarize([asSample(sweep.sweepMs)]);
    const sweepFloor = summarize([asSample(sweep.ceilingMs)]);
    const heldForRate = await holdReminders(databaseUrl, RATE_MAILS);
    await runStatements(databaseUrl, ['VACUUM ANALYZE']);
    log(
      `reminder sweep: ${count(sweep.enqueued)} reminders queued in ${times(sweep.sweepMs)} ms; ` +
        `INSERT ... SELECT of the same rows: ${times(sweep.ceilingMs)} ms ` +
        `(${reminderTreaties.ids.length} treaties x ${reminderTreaties.focalPoints} countries seeded, measured and held in ${seconds(sweeping)})`,
    );

    // The floor of the pipeline, before any worker runs: the recompute itself, called directly on treaties
    // shaped like the pipeline's. Then the pipeline treaties, up to their second accession.
    const preparing = performance.now();
    const floorTreaties = await prepareTreaties(http, 'floor', FLOOR_WARMUP + PIPELINE_SAMPLES, codes, OPENED_ON, 2);
    const floor = summarize([asSample(await measureDirectRecompute(http, app, databaseUrl, floorTreaties, FLOOR_WARMUP))]);
    log(`direct recompute: ${describeDelays(floor)}`);
    const pipelineTreaties = await prepareTreaties(http, 'pipeline', PIPELINE_WARMUP + PIPELINE_SAMPLES, codes, OPENED_ON, 2);
    log(`${floorTreaties.length + pipelineTreaties.length} three-party treaties prepared in ${seconds(preparing)}`);

    // The worker, in this process with the API's config; it first relays the whole outbox of the run so far.
    const starting = performance.now();
    worker = await createWorker(config, ['warn', 'error']);
    backlog = await Backlog.open(databaseUrl, worker);
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

    // The delivery rate: the held reminders released at once while the worker is idle, then the transport alone.
    const workerRate = await measureWorkerRate(databaseUrl, worker, sink, heldForRate);
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

    const ceiling = { name: `same transaction via pg (${CONNECTIONS} conn)`, opsPerSec: rawRun.opsPerSec };
    const sweepCeiling = `INSERT ... SELECT of the same ${count(sweep.enqueued)} deliveries + outbox rows`;
    const transportCeiling = `nodemailer pool straight to the sink (${MAIL_CONCURRENCY} at a time)`;
    const lines: BenchLine[] = [
      { name: `actions over HTTP (${CONNECTIONS} conn)`, ...pick(httpRun), ceiling, aim: { minRatio: 0.5, maxP99Ms: 50 } },
      { name: ceiling.name, ...pick(rawRun) },
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
    ];
    const context =
      `node ${process.version}, ${os.cpus().length} cores, ${REQUESTS} sign actions per line in ${ROUNDS} interleaved rounds after ${WARMUP} warm-up, ` +
      `distinct participants, keep-alive, loopback, HTTP client on a worker thread. ` +
      `Rule evaluation: one call at a time on the main thread, ${EVALUATION.rounds} interleaved rounds of ${EVALUATION.roundMs} ms ` +
      `(${evaluationRoundMs(10_000)} ms for 10,000) ` +
      `after ${EVALUATION.warmupMs} ms warm-up, half of each timing every call (p50, p99), half counting calls (ops/s); ` +
      `ratio = evaluations / sorts per second. ` +
      `Decisive deposit: ${PIPELINE_SAMPLES} treaties {minimumParties: 3, entersIntoForce: {}} one at a time after ${PIPELINE_WARMUP} warm-up, ` +
      `worker in this process, status polled every 10 ms; ratio = direct recompute p50 / delay p50 ` +
      `(${PIPELINE_SAMPLES} direct calls after ${FLOOR_WARMUP} warm-up). ` +
      `Reminder sweep: ${reminderTreaties.ids.length} treaties x ${reminderTreaties.focalPoints} countries invited on ${REMINDED_SINCE}, ` +
      `one active focal point per country, policy afterDays 30 / everyDays 30 / maxReminders 3; ${SWEEP_ROUNDS} rounds (after a warm-up sweep ` +
      `with nothing due and one untimed ceiling) of one INSERT ... SELECT writing the same rows with pg (kind, columns, indexes, foreign keys ` +
      `and outbox rows; no policy, history or ON CONFLICT) then one ReminderSweep.sweep() (no worker running), each after VACUUM ANALYZE ` +
      `and CHECKPOINT with none of these rows in the tables; ratio = ceiling p50 / sweep p50. ` +
      `Delivery rate: ${count(RATE_MAILS)} of those reminders released at once (queued, outbox pending) to the running, idle worker ` +
      `(relay, BullMQ concurrency ${MAIL_CONCURRENCY}, pooled transport of 5 connections), SMTP sink in this process; rate = (n - 1) / time ` +
      `from the first to the last accepted by the sink, every row read back sent; p50/p99 = one job's run (worker) or one sendMail call ` +
      `(ceiling: nodemailer with the worker's smtpOptions, ${MAIL_CONCURRENCY} calls at a time, messages composed beforehand). ` +
      `Total ${seconds(began)}`;
    console.log(`\n${formatTable(lines)}\n\n${context}\n\nFor a note:\n\n${formatMarkdown(lines)}\n\n${formatSentences(lines)}\n`);
  } finally {
    http.close();
    await backlog?.close();
    await worker?.close();
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
  `this process (API, worker, sink): ${load.cpuMsPerMail.toFixed(2)} ms CPU per e-mail, ${(load.cpu * 100).toFixed(0)}% of a core, ` +
  `event loop ${(load.eventLoop * 100).toFixed(0)}% busy`;

const describeDelays = (run: Measurement): string =>
  `${run.count} timed, p50 ${run.p50Ms.toFixed(1)} ms, p99 ${run.p99Ms.toFixed(1)} ms, max ${run.maxMs.toFixed(1)} ms`;

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('[bench] failed:', error);
    process.exit(1);
  },
);
