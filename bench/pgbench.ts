import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withClient } from './database';
import { Measurement, percentile } from './measure';

/** pgbench from PGBENCH, else PATH, else the PostgreSQL packages' own directory (Debian keeps it off PATH). */
export function findPgbench(): string | null {
  if (process.env.PGBENCH) return process.env.PGBENCH;
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, 'pgbench'))) return join(dir, 'pgbench');
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) if (existsSync(join(root, version, 'bin', 'pgbench'))) return join(root, version, 'bin', 'pgbench');
  return null;
}

/**
 * The transaction of recording an act, in its barest shape, as pgbench runs it: lock the participant row, update
 * it, append its event, append an outbox row. On copies of the three tables (same columns, defaults, constraints
 * and indexes; no trigger, no foreign key), filled from the bench's own participants, so that the chains of the
 * real tables stay whole for the verification that follows.
 */
const SCRIPT = `\\set pid random(:lo, :hi)
BEGIN;
SELECT event_count + 1 AS seq, last_hash AS prev FROM pgbench_participants WHERE id = :pid FOR UPDATE \\gset
UPDATE pgbench_participants SET status = 'signed', signed_on = CURRENT_DATE, version = version + 1, event_count = :seq,
  last_hash = md5(:prev::text) || md5(:pid::text), last_act_on = CURRENT_DATE, updated_at = now() WHERE id = :pid;
INSERT INTO pgbench_events (participant_id, treaty_slug, country_code, seq, action, from_status, to_status, effective_date,
  recorded_at, actor_id, actor_email, actor_role, prev_hash, hash, details)
  VALUES (:pid, 'bench', 'KAZ', :seq, 'sign', 'invited', 'signed', CURRENT_DATE, now(), gen_random_uuid(), 'officer@bench.local',
  'officer', :prev, md5(:prev::text) || md5(:pid::text), '{"kind": "subject_to_ratification"}');
INSERT INTO pgbench_outbox (topic, payload) VALUES ('participant.transitioned', jsonb_build_object('participantId', :pid::int, 'seq', :seq::int));
END;
`;

const TABLES = ['participants', 'events', 'outbox'];

export async function measurePgbench(databaseUrl: string, connections: number, seconds: number): Promise<Measurement> {
  const pgbench = findPgbench();
  if (!pgbench) throw new Error('pgbench is not installed (Debian: apt-get install postgresql-contrib, or set PGBENCH)');
  const { lo, hi } = await withClient(databaseUrl, async (client) => {
    for (const table of TABLES) {
      await client.query(`DROP TABLE IF EXISTS pgbench_${table}`);
      await client.query(`CREATE TABLE pgbench_${table} (LIKE ${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)`);
    }
    await client.query(`INSERT INTO pgbench_participants SELECT * FROM participants`);
    for (const table of TABLES) await client.query(`VACUUM ANALYZE pgbench_${table}`);
    const { rows } = await client.query<{ lo: number; hi: number }>(`SELECT min(id) AS lo, max(id) AS hi FROM pgbench_participants`);
    return rows[0];
  });
  const dir = mkdtempSync(join(tmpdir(), 'depositary-pgbench-'));
  try {
    writeFileSync(join(dir, 'act.sql'), SCRIPT);
    const args = ['-n', '-M', 'prepared', '-c', String(connections), '-j', String(Math.min(connections, 2)), '-T', String(seconds)];
    args.push('-D', `lo=${lo}`, '-D', `hi=${hi}`, '-f', join(dir, 'act.sql'), '--log', `--log-prefix=${join(dir, 'log')}`, databaseUrl);
    const output = await run(pgbench, args);
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1]);
    if (!Number.isFinite(tps)) throw new Error(`pgbench printed no rate:\n${output}`);
    // One line per transaction: client, number, latency in µs, script, epoch seconds, µs.
    const latencies = readdirSync(dir)
      .filter((name) => name.startsWith('log'))
      .flatMap((name) => readFileSync(join(dir, name), 'utf8').trim().split('\n'))
      .map((line) => Number(line.split(' ')[2]) / 1000)
      .sort((a, b) => a - b);
    return {
      count: latencies.length,
      elapsedMs: seconds * 1000,
      opsPerSec: tps,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies[latencies.length - 1],
      cpuUsPerOp: Number.NaN, // pgbench's, not this process's
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await withClient(databaseUrl, async (client) => {
      for (const table of TABLES) await client.query(`DROP TABLE IF EXISTS pgbench_${table}`);
    });
  }
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`pgbench exited ${code}:\n${output}`))));
  });
}
