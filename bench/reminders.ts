import { MailJob } from '@depositary/jobs';
import { ReminderSweep, reminderMail, smtpOptions, type OutgoingMail } from '@depositary/notifications';
import type { INestApplicationContext } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import nodemailer from 'nodemailer';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { runStatements, withClient } from './database';
import { runClosedLoop } from './measure';
import type { MailSink } from './pipeline';

/** The policy of the reminder treaties: invited for 30 days, then every 30 days, at most 3 reminders. */
export const REMINDER_POLICY = [{ status: 'invited', afterDays: 30, everyDays: 30, maxReminders: 3 }];
const LANGUAGES = ['en', 'fr', 'ar'] as const;
const SENT_TIMEOUT_MS = 60_000;
const HELD = 'bench: held back, the sweep line measures queueing only';
/** What the sweep reads and writes: vacuumed and analysed before each timed statement. */
const SWEPT_TABLES = 'treaties, participants, focal_points, deliveries, outbox';

export interface ReminderTreaties {
  ids: number[];
  /** Participants of those treaties, all invited long ago. */
  participants: number;
  /** One active focal point per country. */
  focalPoints: number;
}

/**
 * Seeds with SQL, in one transaction: `count` treaties under REMINDER_POLICY (slugs `reminder-01`...), every
 * country invited to each on `invitedOn` (no events: the audit is verified before), and one active focal point
 * per country, the languages in turn.
 */
export async function seedReminderTreaties(databaseUrl: string, count: number, invitedOn: string): Promise<ReminderTreaties> {
  return withClient(databaseUrl, async (db) => {
    await db.query('BEGIN');
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO treaties (slug, title, opened_for_signature_on, entry_into_force, reminders)
       SELECT format('reminder-%s', lpad(i::text, greatest(2, length($1::text)), '0')), format('Bench reminder treaty %s', i), $2::date,
              '{"minimumParties": 1000, "entersIntoForce": {}}'::jsonb, $3::jsonb
       FROM generate_series(1, $1::int) AS i RETURNING id`,
      [count, invitedOn, JSON.stringify(REMINDER_POLICY)],
    );
    const ids = rows.map((row) => Number(row.id));
    const participants = await db.query(
      `INSERT INTO participants (treaty_id, country_code, status, invited_on, last_act_on, last_hash)
       SELECT t.id, c.code, 'invited', $2::date, $2::date, encode(sha256(convert_to(t.slug || '/' || c.code, 'UTF8')), 'hex')
       FROM treaties t CROSS JOIN countries c WHERE t.id = ANY($1) ORDER BY t.id, c.code`,
      [ids, invitedOn],
    );
    const focalPoints = await db.query(
      `INSERT INTO focal_points (country_code, name, email, language)
       SELECT code, format('Focal point %s', code), format('focal.%s@bench.example', lower(code)),
              ($1::text[])[1 + (row_number() OVER (ORDER BY code) - 1) % 3]
       FROM countries ORDER BY code`,
      [LANGUAGES],
    );
    await db.query('COMMIT');
    return { ids, participants: participants.rowCount ?? 0, focalPoints: focalPoints.rowCount ?? 0 };
  });
}

export interface SweepRun {
  /** Each timed sweep. */
  sweepMs: Float64Array;
  enqueued: number;
  /** Each timed INSERT ... SELECT of the same rows, without deciding who is due. */
  ceilingMs: Float64Array;
}

/**
 * The ceiling of the sweep: the least it must do, in one statement as the sweep is: read who gets a reminder
 * (participants of the reminder treaties joined with their country's active focal points) and write the same
 * delivery rows (same columns, indexes, foreign keys and kind) and their outbox rows. No policy, history, due
 * arithmetic or ON CONFLICT. Keys differ ('ceiling-...'); the rows are deleted afterwards.
 */
const CEILING_INSERT = `
  WITH inserted AS (
    INSERT INTO deliveries (kind, key, recipient, treaty_id, country_code, participant_id, focal_point_id, reminder_status, reminder_number)
    SELECT 'reminder', concat_ws('-', 'ceiling', pa.id, pa.status, 1, f.id), f.email, pa.treaty_id, pa.country_code,
           pa.id, f.id, pa.status, 1
    FROM participants pa JOIN focal_points f ON f.country_code = pa.country_code AND f.active
    WHERE pa.treaty_id = ANY($1)
    RETURNING id
  ), queued AS (
    INSERT INTO outbox (topic, payload) SELECT 'delivery.created', jsonb_build_object('deliveryId', id) FROM inserted
  )
  SELECT count(*)::int AS written FROM inserted`;

/**
 * With no worker running: a warm-up sweep as of a day when nothing is due yet and one untimed ceiling (it grows
 * the empty tables and their indexes), then `rounds` rounds of the ceiling and the sweep as of today, each timed
 * after VACUUM ANALYZE and a CHECKPOINT on tables holding none of these rows (each round's rows are deleted, but
 * the last sweep's). Checks that every sweep queued one delivery and one outbox row per due reminder, and that a
 * second sweep queues nothing.
 */
export async function measureSweep(
  api: INestApplicationContext,
  databaseUrl: string,
  treaties: ReminderTreaties,
  notYetDue: string,
  rounds: number,
): Promise<SweepRun> {
  const sweeper = api.get(ReminderSweep, { strict: false });
  const expected = treaties.participants; // one focal point per country
  const early = await sweeper.sweep(notYetDue);
  if (early.enqueued !== 0) throw new Error(`a sweep as of ${notYetDue} queued ${early.enqueued} reminders, expected none`);
  return withClient(databaseUrl, async (db) => {
    const quiet = (): Promise<void> => runStatements(databaseUrl, [`VACUUM ANALYZE ${SWEPT_TABLES}`, 'CHECKPOINT']);
    const remove = async (deliveries: string): Promise<void> => {
      await db.query('BEGIN');
      await db.query(
        `DELETE FROM outbox WHERE topic = 'delivery.created' AND (payload->>'deliveryId')::bigint IN (SELECT id FROM deliveries WHERE ${deliveries})`,
      );
      await db.query(`DELETE FROM deliveries WHERE ${deliveries}`);
      await db.query('COMMIT');
    };
    const ceiling = async (): Promise<number> => {
      await quiet();
      await db.query('SELECT 1');
      const t0 = performance.now();
      const { rows } = await db.query<{ written: number }>(CEILING_INSERT, [treaties.ids]);
      const elapsed = performance.now() - t0;
      if (rows[0].written !== expected) throw new Error(`the ceiling wrote ${rows[0].written} deliveries, expected ${expected}`);
      await remove(`key LIKE 'ceiling-%'`);
      return elapsed;
    };
    const sweep = async (): Promise<number> => {
      await quiet();
      const t0 = performance.now();
      const { enqueued } = await sweeper.sweep();
      const elapsed = performance.now() - t0;
      if (enqueued !== expected) throw new Error(`the sweep queued ${enqueued} reminders, expected ${expected}`);
      return elapsed;
    };

    await ceiling();
    const ceilingMs: number[] = [];
    const sweepMs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      ceilingMs.push(await ceiling());
      sweepMs.push(await sweep());
      if (round < rounds - 1) await remove(`kind = 'reminder'`);
    }
    const again = await sweeper.sweep();
    if (again.enqueued !== 0) throw new Error(`a second sweep queued ${again.enqueued} more reminders, expected none`);
    const { rows } = await db.query<{ deliveries: number; pending: number }>(
      `SELECT (SELECT count(*)::int FROM deliveries WHERE kind = 'reminder' AND reminder_number = 1 AND status = 'queued') AS deliveries,
              (SELECT count(*)::int FROM outbox o JOIN deliveries d ON d.id = (o.payload->>'deliveryId')::bigint
               WHERE o.topic = 'delivery.created' AND o.dispatched_at IS NULL AND d.kind = 'reminder') AS pending`,
    );
    if (rows[0].deliveries !== expected || rows[0].pending !== expected)
      throw new Error(`after the sweep: ${rows[0].deliveries} queued reminders and ${rows[0].pending} outbox rows, expected ${expected}`);
    return { sweepMs: Float64Array.from(sweepMs), enqueued: expected, ceilingMs: Float64Array.from(ceilingMs) };
  });
}

/**
 * Keeps the swept reminders from any worker: every one is marked dead ("held") and its outbox row dispatched, so
 * that neither the relay, nor a worker's reconcile at start, nor its rescue of stranded deliveries sends it. Answers `take` of them, spread evenly by id (so
 * over treaties, countries and languages), to be released later for the delivery rate.
 */
export async function holdReminders(databaseUrl: string, take: number): Promise<number[]> {
  return withClient(databaseUrl, async (db) => {
    await db.query('BEGIN');
    const { rows } = await db.query<{ id: number }>(
      `UPDATE deliveries SET status = 'dead', last_error = $1, updated_at = now() WHERE kind = 'reminder' AND status = 'queued' RETURNING id`,
      [HELD],
    );
    await db.query(
      `UPDATE outbox o SET dispatched_at = now() FROM deliveries d
       WHERE o.topic = 'delivery.created' AND o.dispatched_at IS NULL AND d.id = (o.payload->>'deliveryId')::bigint AND d.kind = 'reminder'`,
    );
    await db.query('COMMIT');
    const ids = rows.map((row) => Number(row.id)).sort((a, b) => a - b);
    const every = Math.floor(ids.length / take);
    if (every < 1) throw new Error(`${ids.length} reminders held, cannot release ${take}`);
    return ids.filter((_, index) => index % every === 0).slice(0, take);
  });
}

export interface RateRun {
  /** E-mails accepted by the sink. */
  count: number;
  /** (count - 1) over the time from the first to the last accepted by the sink. */
  perSecond: number;
  spanMs: number;
  /** Per e-mail: the job's run (worker) or the sendMail call (ceiling). */
  durationsMs: Float64Array;
  /** Over the run: the sending process's CPU time (all threads) per wall time, and its event-loop utilisation. */
  load: Load;
}

export interface Load {
  /** Which process was watched. */
  process: string;
  cpu: number;
  /** The main thread's event-loop utilisation; NaN for another process. */
  eventLoop: number;
  /** The process's CPU time (ms, all threads) per e-mail. */
  cpuMsPerMail: number;
}

/** CPU time so far of another process (Linux /proc/<pid>/stat utime + stime, in clock ticks of 10 ms), in ms. */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Starts watching the CPU of a process, this one (and its event loop) unless `other` names another; the answer
 * stops and reads them, over `mails` e-mails.
 */
function watchLoad(mails: number, other?: { name: string; pid: number }): () => Load {
  const cpu = process.cpuUsage();
  const otherCpu = other ? cpuMsOf(other.pid) : 0;
  const loop = performance.eventLoopUtilization();
  const t0 = performance.now();
  return () => {
    const used = process.cpuUsage(cpu);
    const cpuMs = other ? cpuMsOf(other.pid) - otherCpu : (used.user + used.system) / 1000;
    return {
      process: other?.name ?? 'this process',
      cpu: cpuMs / (performance.now() - t0),
      eventLoop: other ? Number.NaN : performance.eventLoopUtilization(loop).utilization,
      cpuMsPerMail: cpuMs / mails,
    };
  };
}

/** Rate over the sink's accept times: (n - 1) intervals from the first to the last. */
function rateOver(accepted: readonly number[]): { perSecond: number; spanMs: number } {
  const spanMs = accepted[accepted.length - 1] - accepted[0];
  return { perSecond: ((accepted.length - 1) / spanMs) * 1000, spanMs };
}

async function until(what: string, timeoutMs: number, done: () => Promise<boolean>): Promise<void> {
  const started = performance.now();
  while (!(await done())) {
    if (performance.now() - started > timeoutMs) throw new Error(`${what} not within ${timeoutMs} ms`);
    await sleep(10);
  }
}

export interface WorkerRateRun extends RateRun {
  /** From the release's commit to the last e-mail accepted. */
  totalMs: number;
  /** From the release (database clock) to the relay's last batch of these rows. */
  relayedMs: number;
  /** From each job's enqueueing to its start. */
  waitMs: Float64Array;
  /** Jobs run more than once. */
  retried: number;
  /** Rows per language among those sent. */
  languages: Record<string, number>;
}

/**
 * The worker's delivery rate: releases the held deliveries `ids` (queued again, their outbox rows pending) in
 * one transaction while the worker runs and is idle, waits for the sink to accept as many e-mails and for every
 * row to read `sent`, and reads each job's timings from BullMQ.
 */
export async function measureWorkerRate(
  databaseUrl: string,
  worker: { pid: number; mailQueue: Queue },
  sink: MailSink,
  ids: number[],
): Promise<WorkerRateRun> {
  return withClient(databaseUrl, async (db) => {
    const before = sink.received();
    await db.query('BEGIN');
    const { rows: clock } = await db.query<{ releasedAt: Date }>(`SELECT now() AS "releasedAt"`);
    await db.query(`UPDATE deliveries SET status = 'queued', last_error = NULL, updated_at = now() WHERE id = ANY($1)`, [ids]);
    const released = await db.query(
      `UPDATE outbox SET dispatched_at = NULL WHERE topic = 'delivery.created' AND (payload->>'deliveryId')::bigint = ANY($1)`,
      [ids],
    );
    if (released.rowCount !== ids.length) throw new Error(`${released.rowCount} outbox rows released for ${ids.length} deliveries`);
    await db.query('COMMIT');
    const t0 = performance.now();
    const stop = watchLoad(ids.length, { name: 'the worker process', pid: worker.pid });
    await until(`${ids.length} e-mails accepted by the sink`, SENT_TIMEOUT_MS, () =>
      Promise.resolve(sink.received() - before >= ids.length),
    );
    const load = stop();
    const totalMs = sink.acceptedAt()[before + ids.length - 1] - t0;
    await until(`${ids.length} deliveries sent`, SENT_TIMEOUT_MS, async () => {
      const { rows } = await db.query<{ sent: number }>(
        `SELECT count(*)::int AS sent FROM deliveries WHERE id = ANY($1) AND status = 'sent'`,
        [ids],
      );
      return rows[0].sent === ids.length;
    });
    await sleep(100);
    const accepted = sink.acceptedAt().slice(before);
    if (accepted.length !== ids.length) throw new Error(`the sink accepted ${accepted.length} e-mails, expected ${ids.length}`);

    const { rows: facts } = await db.query<{ relayedMs: number; attempts: number; language: string; count: number }>(
      `SELECT extract(epoch FROM (SELECT max(dispatched_at) FROM outbox WHERE topic = 'delivery.created'
                AND (payload->>'deliveryId')::bigint = ANY($1)) - $2::timestamptz)::float8 * 1000 AS "relayedMs",
              max(d.attempts)::int AS attempts, f.language, count(*)::int AS count
       FROM deliveries d JOIN focal_points f ON f.id = d.focal_point_id WHERE d.id = ANY($1) GROUP BY f.language`,
      [ids, clock[0].releasedAt],
    );
    if (facts.some((row) => row.attempts !== 1)) throw new Error('some deliveries took more than one attempt');

    const wanted = new Set(ids);
    const jobs = (await worker.mailQueue.getJobs(['completed'], 0, -1)).filter(
      (job: Job) => job.name === MailJob.Deliver && wanted.has((job.data as { deliveryId: number }).deliveryId),
    );
    if (jobs.length !== ids.length) throw new Error(`${jobs.length} completed mail jobs found for ${ids.length} deliveries`);
    return {
      count: accepted.length,
      ...rateOver(accepted),
      durationsMs: Float64Array.from(jobs, (job) => (job.finishedOn ?? Number.NaN) - (job.processedOn ?? Number.NaN)),
      totalMs,
      relayedMs: facts[0].relayedMs,
      waitMs: Float64Array.from(jobs, (job) => (job.processedOn ?? Number.NaN) - job.timestamp),
      retried: jobs.filter((job) => job.attemptsMade > 1).length,
      languages: Object.fromEntries(facts.map((row) => [row.language, row.count])),
      load,
    };
  });
}

/** Reminders like the worker's, in the three languages in turn, composed beforehand. */
export function similarReminders(count: number, codes: readonly string[], from: string): (OutgoingMail & { from: string })[] {
  return Array.from({ length: count }, (_, i) => {
    const code = codes[i % codes.length];
    const language = LANGUAGES[i % LANGUAGES.length];
    return {
      from,
      to: `focal.${code.toLowerCase()}@bench.example`,
      ...reminderMail({
        language,
        focalPointName: `Focal point ${code}`,
        treatyTitle: `Bench reminder treaty ${1 + (i % 40)}`,
        depositary: null,
        countryCode: code,
        status: 'invited',
        since: '2015-01-01',
        reminderNumber: 1,
        progress: { current: 0, required: 1000, inForce: false, entryIntoForceOn: null },
        contact: from,
      }),
      headers: { 'X-Depositary-Delivery': String(100_000 + i) },
    };
  });
}

/**
 * The ceiling of the delivery rate: nodemailer with the worker's transport options (pooled, 5 connections, from
 * smtpOptions) sending `mails` straight to the sink, `concurrency` sendMail calls at a time, nothing else.
 */
export async function measureTransportRate(
  smtpUrl: string,
  sink: MailSink,
  mails: (OutgoingMail & { from: string })[],
  concurrency: number,
): Promise<RateRun> {
  const transport = nodemailer.createTransport(smtpOptions(smtpUrl));
  try {
    const before = sink.received();
    const stop = watchLoad(mails.length);
    const sample = await runClosedLoop(mails.length, concurrency, async (i) => {
      await transport.sendMail(mails[i]);
    });
    await until(`${mails.length} e-mails accepted by the sink`, SENT_TIMEOUT_MS, () =>
      Promise.resolve(sink.received() - before >= mails.length),
    );
    const load = stop();
    const accepted = sink.acceptedAt().slice(before);
    if (accepted.length !== mails.length) throw new Error(`the sink accepted ${accepted.length} e-mails, expected ${mails.length}`);
    return { count: accepted.length, ...rateOver(accepted), durationsMs: sample.durationsMs, load };
  } finally {
    transport.close();
  }
}
