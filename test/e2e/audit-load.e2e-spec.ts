import { get } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Client } from 'pg';
import { TestApp, bearer, createTreaty, startTestApp } from '../support/app';

// A long audit trail must not starve the API: the CSV export streams, the verification yields between pages.

const EVENTS = 150_000;

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

  /**
   * /health, called all along while `work` runs: how many answers came, and the longest the API's event loop
   * (in this process) was blocked. Printed, not asserted to the millisecond: on a shared, loaded machine the
   * process itself waits for a CPU.
   */
  async function healthWhile(work: Promise<unknown>): Promise<{ answers: number; blockedMs: number }> {
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
    console.log(`slowest /health ${slowest.toFixed(0)} ms, longest event-loop block ${(delay.max / 1e6).toFixed(0)} ms`);
    return { answers, blockedMs: delay.max / 1e6 };
  }

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
    const health = await healthWhile(csv);
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
    expect((await healthWhile(verify)).answers).toBeGreaterThan(3);
    const result = await verify;
    expect(result.body).toMatchObject({ ok: false, checked: expect.any(Number) });
    expect(result.body.checked).toBeGreaterThan(EVENTS);
  });
});
