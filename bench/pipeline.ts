import { EntryIntoForceService } from '@depositary/accession';
import type { AppConfig } from '@depositary/config';
import { MAIL_QUEUE, TREATY_QUEUE, redisOptions } from '@depositary/jobs';
import type { INestApplicationContext } from '@nestjs/common';
import { ConnectionOptions, Queue } from 'bullmq';
import IORedis from 'ioredis';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { withClient } from './database';
import type { HttpClient } from './http-client';
import { ChildService, spawnReady } from './processes';

/** The rule of the pipeline treaties: three parties, in force the day the third deposits. */
export const PIPELINE_RULE = { minimumParties: 3, entersIntoForce: {} };
export const ACCEDED_ON = '2020-01-01';
const POLL_MS = 10;
const VISIBLE_TIMEOUT_MS = 15_000;
const DELAYED_BACKLOG_MS = 60_000;

export interface MailSink {
  url: string;
  received: () => number;
  /** When each e-mail was accepted (performance.now(), in order). */
  acceptedAt: () => readonly number[];
  close: () => Promise<void>;
}

/**
 * The SMTP sink, in a process of its own (bench/sink-process.ts) as a mail relay would be: it accepts every
 * message and keeps only when, reported here a few milliseconds later on this process's clock.
 */
export async function startMailSink(): Promise<MailSink> {
  const service = await spawnReady(join(__dirname, 'sink-process.js'), { PATH: process.env.PATH }, /sink listening on (\S+)/);
  const acceptedAt: number[] = [];
  service.child.on('message', (times: number[]) => {
    for (const time of times) acceptedAt.push(time - performance.timeOrigin);
  });
  return {
    url: service.ready ?? '',
    received: () => acceptedAt.length,
    acceptedAt: () => acceptedAt,
    // The sink exits when its channel closes; stop() waits for that, or ends a sink that lingers.
    close: async () => {
      if (service.child.connected) service.child.disconnect();
      await service.stop();
    },
  };
}

export interface PipelineTreaty {
  slug: string;
  countries: [string, string, string];
}

/**
 * Creates `count` treaties under the pipeline rule, invites three countries to each and records the accessions
 * of the first `accessions` of them, over HTTP as an officer would.
 */
export async function prepareTreaties(
  http: HttpClient,
  prefix: string,
  count: number,
  codes: readonly string[],
  openedOn: string,
  accessions: number,
): Promise<PipelineTreaty[]> {
  const treaties: PipelineTreaty[] = [];
  for (let i = 0; i < count; i++) {
    const pick = (k: number): string => codes[(i * 3 + k) % codes.length];
    const treaty: PipelineTreaty = { slug: `${prefix}-${String(i + 1).padStart(2, '0')}`, countries: [pick(0), pick(1), pick(2)] };
    await http.expect(201, 'POST', '/api/treaties', {
      slug: treaty.slug,
      title: `Bench treaty ${treaty.slug}`,
      openedForSignatureOn: openedOn,
      entryIntoForce: PIPELINE_RULE,
    });
    await http.expect(201, 'POST', `/api/treaties/${treaty.slug}/participants`, { countries: treaty.countries, invitedOn: openedOn });
    for (const code of treaty.countries.slice(0, accessions)) await accede(http, treaty.slug, code);
    treaties.push(treaty);
  }
  return treaties;
}

export const accede = (http: HttpClient, slug: string, code: string): Promise<unknown> =>
  http.expect(201, 'POST', `/api/treaties/${slug}/participants/${code}/actions`, { action: 'accede', date: ACCEDED_ON });

/** The ids of treaties by slug, read straight from the bench database. */
export async function treatyIds(databaseUrl: string, slugs: string[]): Promise<Map<string, number>> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ id: number; slug: string }>('SELECT id, slug FROM treaties WHERE slug = ANY($1)', [slugs]);
    return new Map(rows.map((row) => [row.slug, Number(row.id)]));
  });
}

/**
 * The floor: EntryIntoForceService.recompute() called directly in this process, with no outbox, relay, queue or
 * polling around it. Each treaty is taken as the worker would see it: recomputed once after two accessions
 * (stays open), then, after the third, the timed call that puts it in force (notices, deliveries, admissions).
 * The first `warmup` treaties are not timed.
 */
export async function measureDirectRecompute(
  http: HttpClient,
  api: INestApplicationContext,
  databaseUrl: string,
  treaties: PipelineTreaty[],
  warmup: number,
): Promise<Float64Array> {
  const service = api.get(EntryIntoForceService, { strict: false });
  const ids = await treatyIds(
    databaseUrl,
    treaties.map((treaty) => treaty.slug),
  );
  const durations: number[] = [];
  for (const [index, treaty] of treaties.entries()) {
    const id = ids.get(treaty.slug);
    if (id === undefined) throw new Error(`no treaty ${treaty.slug}`);
    const before = await service.recompute(id);
    if (before?.status !== 'open') throw new Error(`${treaty.slug} is ${before?.status} after two accessions, expected open`);
    await accede(http, treaty.slug, treaty.countries[2]);
    const t0 = performance.now();
    const after = await service.recompute(id);
    const elapsed = performance.now() - t0;
    if (after?.status !== 'in_force') throw new Error(`${treaty.slug} is ${after?.status} after the third accession, expected in_force`);
    if (index >= warmup) durations.push(elapsed);
  }
  return Float64Array.from(durations);
}

/**
 * Watches the worker's backlog: outbox rows not yet relayed, and jobs waiting, running or delayed by less than
 * a minute on either queue (a recompute may be held back after its batch; the daily reconcile and the
 * recomputes due on a later day are not backlog).
 */
export class Backlog {
  private constructor(
    private readonly db: Client,
    private readonly queues: Queue[],
  ) {}

  static async open(databaseUrl: string, queues: WorkerQueues): Promise<Backlog> {
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    return new Backlog(db, [queues.treaty, queues.mail]);
  }

  async size(): Promise<number> {
    const { rows } = await this.db.query<{ count: number }>('SELECT count(*)::int AS count FROM outbox WHERE dispatched_at IS NULL');
    let pending = rows[0].count;
    for (const queue of this.queues) {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
      pending += Object.values(counts).reduce((sum, count) => sum + count, 0);
      const soon = Date.now() + DELAYED_BACKLOG_MS;
      pending += (await queue.getDelayed()).filter((job) => job.timestamp + job.delay < soon).length;
    }
    return pending;
  }

  /** Waits until nothing is pending (twice in a row, 20 ms apart); answers how long that took. */
  async drain(timeoutMs: number): Promise<number> {
    const started = performance.now();
    let calm = 0;
    while (calm < 2) {
      calm = (await this.size()) === 0 ? calm + 1 : 0;
      if (performance.now() - started > timeoutMs) throw new Error(`the worker's backlog did not drain in ${timeoutMs} ms`);
      await sleep(20);
    }
    return performance.now() - started;
  }

  /**
   * Where the delay of one decisive deposit went, from the database's own clock (each stamp is the start of a
   * transaction): `relayMs` from the deposit's commit to the relay's batch that enqueued its recompute, and
   * `pickupMs` from there to the start of the recompute that put the treaty in force.
   */
  async stages(treaty: PipelineTreaty): Promise<DelayStages> {
    const { rows } = await this.db.query<DelayStages>(
      `SELECT extract(epoch FROM o.dispatched_at - o.created_at)::float8 * 1000 AS "relayMs",
              extract(epoch FROM te.recorded_at - o.dispatched_at)::float8 * 1000 AS "pickupMs"
       FROM events e
       JOIN outbox o ON o.topic = 'participant.changed' AND (o.payload->>'eventId')::bigint = e.id
       JOIN treaty_events te ON te.treaty_id = (o.payload->>'treatyId')::int AND te.kind = 'entered_into_force'
       WHERE e.treaty_slug = $1 AND e.country_code = $2 AND e.action = 'accede'`,
      [treaty.slug, treaty.countries[2]],
    );
    if (rows.length !== 1) throw new Error(`cannot trace the decisive deposit of ${treaty.slug}`);
    return rows[0];
  }

  close(): Promise<void> {
    return this.db.end();
  }
}

export interface DelayStages {
  relayMs: number;
  pickupMs: number;
}

export interface DecisiveDepositRun {
  /** From the 201 of the decisive deposit to the first status answering in_force. */
  durationsMs: Float64Array;
  relayMs: Float64Array;
  pickupMs: Float64Array;
}

interface StatusAnswer {
  status: string;
  evaluatedAt: string | null;
}

/**
 * The delay a depositary sees: from the 201 of the decisive deposit to the first GET .../status that answers
 * in_force, polling every 10 ms (each poll starts 10 ms after the previous one started). Treaties are taken one
 * at a time, each after the worker's backlog has drained, and must read `open`, evaluated by the worker,
 * before their third accession. The first `warmup` treaties are not timed.
 */
export async function measureDecisiveDeposit(
  http: HttpClient,
  backlog: Backlog,
  treaties: PipelineTreaty[],
  warmup: number,
): Promise<DecisiveDepositRun> {
  const durations: number[] = [];
  const stages: DelayStages[] = [];
  for (const [index, treaty] of treaties.entries()) {
    await backlog.drain(30_000);
    const before = await http.expect<StatusAnswer>(200, 'GET', `/api/treaties/${treaty.slug}/status`);
    if (before.status !== 'open' || before.evaluatedAt === null)
      throw new Error(`${treaty.slug} reads ${before.status} (evaluated at ${before.evaluatedAt}) before its third accession`);
    await accede(http, treaty.slug, treaty.countries[2]);
    const t0 = performance.now();
    for (let poll = 1; ; poll++) {
      const now = await http.expect<StatusAnswer>(200, 'GET', `/api/treaties/${treaty.slug}/status`);
      if (now.status === 'in_force') break;
      if (now.status !== 'open') throw new Error(`${treaty.slug} reads ${now.status}, expected open then in_force`);
      const waited = performance.now() - t0;
      if (waited > VISIBLE_TIMEOUT_MS) throw new Error(`${treaty.slug} not in force ${VISIBLE_TIMEOUT_MS} ms after its decisive deposit`);
      await sleep(Math.max(0, poll * POLL_MS - waited));
    }
    const elapsed = performance.now() - t0;
    if (index < warmup) continue;
    durations.push(elapsed);
    stages.push(await backlog.stages(treaty));
  }
  return {
    durationsMs: Float64Array.from(durations),
    relayMs: Float64Array.from(stages, (stage) => stage.relayMs),
    pickupMs: Float64Array.from(stages, (stage) => stage.pickupMs),
  };
}

/** The worker's queues, seen from the bench process (to count and read jobs; it adds none). */
export interface WorkerQueues {
  treaty: Queue;
  mail: Queue;
  close: () => Promise<void>;
}

export function openQueues(config: AppConfig): WorkerQueues {
  const options = {
    connection: redisOptions(config.redisUrl, { maxRetriesPerRequest: null }) as ConnectionOptions,
    prefix: config.queuePrefix,
  };
  const treaty = new Queue(TREATY_QUEUE, options);
  const mail = new Queue(MAIL_QUEUE, options);
  return { treaty, mail, close: async () => void (await Promise.all([treaty.close(), mail.close()])) };
}

/**
 * The worker as production runs it: `dist/apps/worker/src/main.js` in a process of its own, with the API's
 * configuration. Its peak RSS is read from /proc while it runs.
 */
export async function startWorkerProcess(config: AppConfig, smtpUrl: string): Promise<ChildService> {
  return spawnReady(
    join(__dirname, '..', 'apps', 'worker', 'src', 'main.js'),
    {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: config.databaseUrl,
      DATABASE_POOL_SIZE: String(config.databasePoolSize),
      REDIS_URL: config.redisUrl,
      QUEUE_PREFIX: config.queuePrefix,
      JWT_SECRET: config.jwtSecret,
      SMTP_URL: smtpUrl,
      MAIL_FROM: config.mailFrom,
      WORKER_PORT: '0',
      HOST: '127.0.0.1',
    },
    /worker running/,
  );
}

/** Deletes this run's BullMQ keys (its queue prefix is random, so no one else's). */
export async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new IORedis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  await redis.connect();
  try {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}
