import { get } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { chainedContentOf } from '@depositary/accession';
import { chainHash } from '@depositary/domain';
import { Client } from 'pg';
import { TestApp, bearer, createTreaty, startTestApp } from '../support/app';

// A long audit trail must not starve the API: the CSV export streams, the verification yields between pages.

const EVENTS = 150_000;

/**
 * /health, called all along while `work` runs: how many answers came, the slowest, and the longest the API's event
 * loop (in this process) was blocked. Printed, not asserted to the millisecond: on a shared, loaded machine the process
 * itself waits for a CPU.
 */
async function healthWhile(
  t: TestApp,
  work: Promise<unknown>,
): Promise<{ answers: number; slowestMs: number; blockedMs: number; totalMs: number }> {
  const began = performance.now();
  const delay = monitorEventLoopDelay({ resolution: 5 });
  expect((await t.http().get('/health')).status).toBe(200); // warm: the first answer opens connections
  delay.enable();
  let done = false;
  const finished = Promise.resolve(work).finally(() => {
    done = true;
  });
  let slowest = 0;
  let answers = 0;
  while (!done) {
    const started = performance.now();
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
    slowest = Math.max(slowest, performance.now() - started);
    answers++;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await finished;
  delay.disable();
  const totalMs = performance.now() - began;
  console.log(
    `${answers} answers of /health in ${totalMs.toFixed(0)} ms, slowest ${slowest.toFixed(0)} ms, longest event-loop block ${(delay.max / 1e6).toFixed(0)} ms`,
  );
  return { answers, slowestMs: slowest, blockedMs: delay.max / 1e6, totalMs };
}

describe('a long audit trail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await createTreaty(t, 'long-trail', ['KAZ']);
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      // Filler events on one participant, written straight to the table (their hashes do not chain: volume is the point).
      await db.query(
        `INSERT INTO events (participant_id, treaty_slug, country_code, seq, action, from_status, to_status, effective_date, recorded_at,
                             note, prev_hash, hash)
         SELECT p.id, 'long-trail', 'KAZ', 1 + n, 'sign', 'invited', 'signed', '2014-01-01', now(), repeat('a note of some length ', 8),
                repeat('0', 64), repeat('f', 64)
         FROM participants p, generate_series(1, $1) AS n`,
        [EVENTS],
      );
    } finally {
      await db.end();
    }
  }, 120_000);
  afterAll(() => t.close());

  it('streams the CSV export: the first rows arrive long before the last, and /health answers meanwhile', async () => {
    let bytes = 0;
    let chunks = 0;
    let firstAt = 0;
    const started = performance.now();
    let lines = 0;
    const csv = new Promise<void>((resolve, reject) => {
      const url = new URL('/api/audit/events?format=csv', t.url);
      get(url, { headers: { authorization: `Bearer ${t.users.auditor.token}` } }, (response) => {
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (chunks++ === 0) firstAt = performance.now() - started;
          for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
        });
        response.on('end', resolve);
        response.on('error', reject);
      }).on('error', reject);
    });
    const health = await healthWhile(t, csv);
    const total = performance.now() - started;
    expect(health.answers).toBeGreaterThan(3);
    // Built whole in memory, the first byte would come only once the last row was written.
    expect(firstAt).toBeLessThan(total / 4);
    expect(chunks).toBeGreaterThan(100);
    expect(lines).toBe(EVENTS + 2); // the header, KAZ's invitation and the filler
    expect(bytes).toBeGreaterThan(EVENTS * 100);
  });

  it('verifies page by page while /health answers', async () => {
    const verify = Promise.resolve(
      t
        .http()
        .get('/api/audit/verify')
        .set(...bearer(t.users.auditor)),
    );
    expect((await healthWhile(t, verify)).answers).toBeGreaterThan(3);
    const result = await verify;
    expect(result.body).toMatchObject({ ok: false, checked: expect.any(Number) });
    expect(result.body.checked).toBeGreaterThan(EVENTS);
  });
});

describe('a long audit trail whose every link holds', () => {
  const CHAINED = 60_000;
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await createTreaty(t, 'long-chain', ['SEN']);
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      // Events that chain as the service writes them, so that the verification hashes each one.
      const [head] = (await db.query(`SELECT participant_id, hash FROM events WHERE treaty_slug = 'long-chain'`)).rows;
      const start = Date.now();
      let previous: string = head.hash;
      for (let first = 2; first <= CHAINED + 1; first += 5_000) {
        const page = { seq: [] as number[], recordedAt: [] as string[], prevHash: [] as string[], hash: [] as string[] };
        for (let seq = first; seq < Math.min(first + 5_000, CHAINED + 2); seq++) {
          const recordedAt = new Date(start + seq * 1000).toISOString();
          const content = {
            treaty_slug: 'long-chain',
            country_code: 'SEN',
            seq,
            action: 'sign',
            from_status: 'invited',
            to_status: 'signed',
            effective_date: '2014-01-01',
            recorded_at: recordedAt,
            actor_id: t.users.officer.id,
            actor_email: t.users.officer.email,
            actor_role: 'officer' as const,
            reference: null,
            note: 'a note of some length',
            reason: null,
            details: null,
          };
          const hash = chainHash(previous, chainedContentOf(content));
          Object.entries({ seq, recordedAt, prevHash: previous, hash }).forEach(([key, value]) =>
            (page[key as keyof typeof page] as unknown[]).push(value),
          );
          previous = hash;
        }
        await db.query(
          `INSERT INTO events (participant_id, treaty_slug, country_code, seq, action, from_status, to_status, effective_date, recorded_at,
                               actor_id, actor_email, actor_role, note, prev_hash, hash)
           SELECT $1, 'long-chain', 'SEN', seq, 'sign', 'invited', 'signed', '2014-01-01', recorded_at, $2, $3, 'officer',
                  'a note of some length', prev_hash, hash
           FROM unnest($4::int[], $5::timestamptz[], $6::text[], $7::text[]) AS e(seq, recorded_at, prev_hash, hash)`,
          [head.participant_id, t.users.officer.id, t.users.officer.email, page.seq, page.recordedAt, page.prevHash, page.hash],
        );
      }
    } finally {
      await db.end();
    }
  }, 180_000);
  afterAll(() => t.close());

  it('hashes every link of a long valid chain, page by page, while /health answers', async () => {
    const verify = Promise.resolve(
      t
        .http()
        .get('/api/audit/verify')
        .set(...bearer(t.users.auditor)),
    );
    const health = await healthWhile(t, verify);
    const result = await verify;
    // Every link holds to the last event; only the participant row, left as it was, does not end there.
    expect(result.body).toMatchObject({ ok: false, firstBroken: { country: 'SEN', seq: CHAINED + 1 } });
    expect(result.body.firstBroken.reason).toMatch(/does not end where its events end/);
    expect(result.body.checked).toBeGreaterThan(CHAINED);
    expect(health.answers).toBeGreaterThan(3);
  });
});
