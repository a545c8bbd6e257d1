/**
 * `npm run bench:profile`: the API in this process recording sign acts over HTTP at 8 connections (the load on a
 * worker thread), for `node --cpu-prof` to say where the API's time goes. Prints the rate; the profile is written by
 * Node.js into the current folder (CPU.*.cpuprofile), to open in Chrome's DevTools or to summarise.
 */
import 'reflect-metadata';
import { UsersService } from '@depositary/auth';
import { loadConfig } from '@depositary/config';
import { migrate } from '@depositary/persistence';
import { randomBytes } from 'node:crypto';
import { createApi } from '../apps/api/src/bootstrap';
import { BENCH_DATABASE, dropDatabase, recreateDatabase } from './database';
import { HttpClient } from './http-client';
import { HttpLoad } from './http-load';
import { summarize } from './measure';

const ACTS = Number(process.env.PROFILE_ACTS ?? 6000);
const CONNECTIONS = 8;

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';
  const databaseUrl = await recreateDatabase(serverUrl, `${BENCH_DATABASE}_profile`);
  await migrate(databaseUrl);
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `profile-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(24).toString('hex'),
  });
  const app = await createApi(config, ['warn', 'error']);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  try {
    const email = `officer@${config.queuePrefix}.bench`;
    const password = randomBytes(12).toString('hex');
    await app.get(UsersService).create('system', { email, name: 'Profile officer', password, role: 'officer' });
    const http = new HttpClient(url, CONNECTIONS);
    const { accessToken } = await http.expect<{ accessToken: string }>(200, 'POST', '/api/auth/token', { email, password });
    http.signIn(accessToken);
    const { items } = await http.expect<{ items: { code: string }[] }>(200, 'GET', '/api/countries');
    const codes = items.map((country) => country.code);
    const slugs = Array.from({ length: Math.ceil(ACTS / codes.length) }, (_, i) => `profile-${i + 1}`);
    for (const slug of slugs) {
      await http.expect(201, 'POST', '/api/treaties', {
        slug,
        title: slug,
        openedForSignatureOn: '2020-01-01',
        entryIntoForce: { minimumParties: 1000 },
      });
      await http.expect(201, 'POST', `/api/treaties/${slug}/participants`, { countries: codes, invitedOn: '2020-01-01' });
    }
    const acts = slugs.flatMap((slug) => codes.map((code) => ({ slug, code, action: 'sign' as const, date: '2020-06-01' }))).slice(0, ACTS);
    const load = new HttpLoad({ url, token: accessToken, connections: CONNECTIONS });
    const warm = Math.floor(acts.length / 5);
    await load.run(acts.slice(0, warm));
    const run = summarize([await load.run(acts.slice(warm))]);
    console.log(
      `[profile] ${run.count} acts over HTTP at ${CONNECTIONS} conn: ${run.opsPerSec.toFixed(0)} ops/s, p50 ${run.p50Ms.toFixed(1)} ms, p99 ${run.p99Ms.toFixed(1)} ms`,
    );
    await load.close();
  } finally {
    await app.close();
    await dropDatabase(serverUrl, `${BENCH_DATABASE}_profile`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
