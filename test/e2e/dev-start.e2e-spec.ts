import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Server, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import request from 'supertest';
import { spawnReady } from '../../bench/processes';
import { DEMO_PASSWORD } from '../../apps/dev/src/defaults';
import { createTestDatabase } from '../support/databases';
import { eventually } from '../support/smtp-sink';

const DEV_MAIN = join(__dirname, '..', '..', 'dist', 'apps', 'dev', 'src', 'main.js');

/** Holds a port on 127.0.0.1, as another program would; resolves undefined when someone else holds it already. */
const hold = (port: number): Promise<Server | undefined> =>
  new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen(port, '127.0.0.1', () => resolve(server));
  });

const freePort = async (): Promise<number> => {
  const server = (await hold(0))!;
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
};

const redisAnswers = async (url: string): Promise<boolean> => {
  const client = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 500 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
};

describe('npm start', () => {
  let workDir: string;
  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'depositary-dev-'));
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('starts with the mail catcher’s ports taken, on free ones', async () => {
    const held = await Promise.all([hold(1025), hold(8025)]);
    const database = await createTestDatabase();
    const dev = await spawnReady(
      DEV_MAIN,
      {
        PATH: process.env.PATH,
        DATABASE_URL: database.url,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        QUEUE_PREFIX: `test-dev-${process.pid}`,
        JWT_SECRET: 'a-test-secret-that-is-long-enough',
        PORT: '0',
        WORKER_PORT: '0',
        HOST: '127.0.0.1',
      },
      /Depositary is running/,
      60_000,
    ).catch(async (error: unknown) => {
      for (const server of held) server?.close();
      await database.drop();
      throw error;
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const inbox = /inbox at (http:\/\/\S+)/.exec(dev.output())?.[1];
      expect(inbox).toBeDefined();
      expect(inbox).not.toMatch(/:8025$/);
      expect((await request(inbox!).get('/api/messages')).status).toBe(200);
      const workerHealth = /worker: (http:\/\/\S+)\/health/.exec(dev.output())?.[1];
      expect((await request(workerHealth!).get('/health/ready')).status).toBe(200);
      // The demo leaves one depositary notification drafted for the officer to issue, and only that one.
      const api = /Web page\s+(http:\/\/\S+)\//.exec(dev.output())?.[1];
      const signedIn = await request(api!).post('/api/auth/token').send({ email: 'officer@depositary.local', password: DEMO_PASSWORD });
      expect(signedIn.status).toBe(200);
      const drafts = await eventually(
        async () => {
          const listed = await request(api!)
            .get('/api/depositary-notifications?status=draft')
            .set('Authorization', `Bearer ${signedIn.body.accessToken}`);
          return listed.body.items?.length ? (listed.body.items as { kind: string; country: string; treaty: string }[]) : undefined;
        },
        20_000,
        'the demo draft',
      );
      expect(drafts.map(({ kind, country, treaty }) => ({ kind, country, treaty }))).toEqual([
        { kind: 'sign', country: 'IDN', treaty: 'iofs-statute' },
      ]);
      expect(dev.output()).toContain('left a depositary notification to issue');
      // npm start logs for a person reading a terminal: Nest's text lines, not JSON, and no colours when not a terminal.
      expect(dev.output()).toMatch(/^\[Nest\] \d+ +- .+ +LOG \[NestFactory\] /m);
      expect(dev.output()).not.toMatch(/^\{"level"/m);
      expect(dev.output()).not.toMatch(/\u001b\[/);
    } finally {
      await dev.stop();
      for (const server of held) server?.close();
      await database.drop();
    }
  });

  it('stops the redis-server it started when the start fails afterwards', async () => {
    const redisUrl = `redis://127.0.0.1:${await freePort()}`;
    const child = fork(DEV_MAIN, [], {
      cwd: workDir,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/depositary_test_unused',
        REDIS_URL: redisUrl,
        SMTP_URL: 'smtp://127.0.0.1:2525',
        JWT_TTL_SECONDS: '1', // refused by the configuration, after Redis was started
      },
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('JWT_TTL_SECONDS');
    // It said so only once the server it started answered a PING.
    expect(output).toContain(`No Redis answered at ${redisUrl}: started a redis-server there for this session.`);
    let up = true;
    for (let attempt = 0; attempt < 50 && up; attempt++) {
      up = await redisAnswers(redisUrl);
      if (up) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(up).toBe(false);
  });
});
