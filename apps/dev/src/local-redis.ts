import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import IORedis from 'ioredis';

async function answers(url: string): Promise<boolean> {
  const client = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Redis at `url`; if none answers, a redis-server from PATH started for this session (no persistence,
 * `maxmemory-policy noeviction` as BullMQ needs), else an error saying how to get one.
 */
export async function ensureRedis(url: string, dir: string): Promise<{ url: string; stop: () => void; started: boolean }> {
  if (await answers(url)) return { url, stop: () => undefined, started: false };
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error(
      `No Redis answers at ${url} and no redis-server is on PATH.\n` +
        `Install one (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.`,
    );
  }
  const port = Number(new URL(url).port || 6379);
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', '--dir', dir],
    { stdio: 'ignore' },
  );
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await answers(url)) return { url, stop: () => child.kill('SIGTERM'), started: true };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on port ${port}`);
}
